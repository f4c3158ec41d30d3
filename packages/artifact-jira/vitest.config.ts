import { lfaiProject } from "../../vitest.shared.ts"

export default lfaiProject({ name: "@lfai/artifact-jira" })
