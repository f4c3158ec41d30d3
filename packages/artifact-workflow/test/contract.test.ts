import { artifactContract } from "@lfai/artifact-kit/testing"
import plugin, { workflow } from "../src/index.ts"

artifactContract(workflow, new URL("./", import.meta.url), plugin)
