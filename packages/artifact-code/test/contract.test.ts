import { artifactContract } from "@lfai/artifact-kit/testing"
import plugin, { code } from "../src/index.ts"

artifactContract(code, new URL("./", import.meta.url), plugin)
