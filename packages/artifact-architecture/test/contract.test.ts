import { artifactContract } from "@lfai/artifact-kit/testing"
import plugin, { architecture } from "../src/index.ts"

artifactContract(architecture, new URL("./", import.meta.url), plugin)
