import { artifactContract } from "@lfai/artifact-kit/testing"
import plugin, { erd } from "../src/index.ts"

artifactContract(erd, new URL("./", import.meta.url), plugin)
