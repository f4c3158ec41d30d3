import { artifactContract } from "@lfai/artifact-kit/testing"
import plugin, { state } from "../src/index.ts"

artifactContract(state, new URL("./", import.meta.url), plugin)
