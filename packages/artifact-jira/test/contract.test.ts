import { artifactContract } from "@lfai/artifact-kit/testing"
import plugin, { jira } from "../src/index.ts"

artifactContract(jira, new URL("./", import.meta.url), plugin)
