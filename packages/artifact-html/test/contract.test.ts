import { artifactContract } from "@lfai/artifact-kit/testing"
import plugin, { html } from "../src/index.ts"

artifactContract(html, new URL("./", import.meta.url), plugin)
