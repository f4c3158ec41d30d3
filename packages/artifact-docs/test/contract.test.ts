import { artifactContract } from "@lfai/artifact-kit/testing"
import plugin, { docs } from "../src/index.ts"

artifactContract(docs, new URL("./", import.meta.url), plugin)
