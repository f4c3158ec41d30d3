import { artifactContract } from "@lfai/artifact-kit/testing"
import plugin, { apidocs } from "../src/index.ts"

artifactContract(apidocs, new URL("./", import.meta.url), plugin)
