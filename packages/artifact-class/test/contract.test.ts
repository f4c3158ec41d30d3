import { artifactContract } from "@lfai/artifact-kit/testing"
import plugin, { classDiagram } from "../src/index.ts"

artifactContract(classDiagram, new URL("./", import.meta.url), plugin)
