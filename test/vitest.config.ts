import { lfaiProject } from "../vitest.shared.ts"

// The repository's own checks: the package layout, the docs, and the packages installed from
// their tarballs outside the repository (a build, npm pack and npm install: minutes on a busy
// machine, hence the timeouts).
export default lfaiProject({ name: "repository", include: ["*.test.ts"], testTimeout: 900_000, hookTimeout: 900_000 })
