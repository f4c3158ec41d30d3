import { lfaiProject } from "../vitest.shared.ts"

// The repository's own checks: the package layout, the docs, and the packages installed from
// their tarballs outside the repository. Slowest test seen on a busy 2-core machine: 9.6 s; the
// hook (a build, npm pack and npm install) takes minutes.
export default lfaiProject({ name: "repository", include: ["*.test.ts"], testTimeout: 100_000, hookTimeout: 300_000 })
