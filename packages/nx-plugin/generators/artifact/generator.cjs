// The artifact generator as Nx loads it (with require): inside the lfai repository, where src/ is
// beside this package's generators/ folder, the TypeScript source as it is; installed, dist/.
const { existsSync } = require("node:fs")
const { join } = require("node:path")
const { pathToFileURL } = require("node:url")

module.exports = async function artifact(tree, options) {
  const source = join(__dirname, "..", "..", "src", "artifact.ts")
  const entry = existsSync(source) ? source : join(__dirname, "..", "..", "dist", "artifact.js")
  const { default: generator } = await import(pathToFileURL(entry).href)
  return generator(tree, options)
}
