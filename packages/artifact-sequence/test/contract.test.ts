import { artifactContract } from "@lfai/artifact-kit/testing"
import plugin, { sequence } from "../src/index.ts"

artifactContract(sequence, new URL("./", import.meta.url), plugin)
