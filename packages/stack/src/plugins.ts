/** The built-in artifact plugins: one package each, registered here and nowhere else. */
import type { ArtifactPlugin } from "@lfai/core"
import apidocs from "@lfai/artifact-apidocs"
import architecture from "@lfai/artifact-architecture"
import classDiagram from "@lfai/artifact-class"
import code from "@lfai/artifact-code"
import docs from "@lfai/artifact-docs"
import erd from "@lfai/artifact-erd"
import html from "@lfai/artifact-html"
import jira from "@lfai/artifact-jira"
import sequence from "@lfai/artifact-sequence"
import state from "@lfai/artifact-state"
import workflow from "@lfai/artifact-workflow"

export const builtinPlugins: ReadonlyArray<ArtifactPlugin> = [erd, architecture, sequence, classDiagram, state, workflow, code, html, apidocs, jira, docs]
