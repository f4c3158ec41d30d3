/**
 * The two real parsers, loaded once when this module is first imported: the TypeScript 6.0
 * compiler API and tree-sitter's C# grammar (WASM, shipped in the `tree-sitter-c-sharp` package;
 * nothing is downloaded). tree-sitter initialises asynchronously while `validate` is synchronous,
 * so both are loaded here with top-level await and their one-time cost is recorded.
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import type { Language as TreeSitterLanguage, Parser as TreeSitterParser } from "web-tree-sitter"
import type { ParserInfo } from "./parser-info.ts"

const require = createRequire(import.meta.url)

const typescriptStarted = performance.now()
const typescript = (await import("typescript")).default
const typescriptMs = performance.now() - typescriptStarted

const treeSitterStarted = performance.now()
const { Parser, Language } = await import("web-tree-sitter")
await Parser.init()
const grammarFile = require.resolve("tree-sitter-c-sharp/tree-sitter-c_sharp.wasm")
const csharpLanguage: TreeSitterLanguage = await Language.load(readFileSync(grammarFile))
const csharpParser: TreeSitterParser = new Parser()
csharpParser.setLanguage(csharpLanguage)
const treeSitterMs = performance.now() - treeSitterStarted

/** The version in the package.json beside a resolved file at its package's root. */
const versionBeside = (file: string): string => (JSON.parse(readFileSync(join(dirname(file), "package.json"), "utf8")) as { version: string }).version

export { csharpParser, typescript }

export const parserInfo: ParserInfo = {
  typescript: { version: typescript.version, loadMs: typescriptMs },
  csharp: { webTreeSitter: versionBeside(require.resolve("web-tree-sitter")), grammar: versionBeside(grammarFile), abi: csharpLanguage.abiVersion, loadMs: treeSitterMs }
}
