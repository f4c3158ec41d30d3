/**
 * The shape of `parserInfo`, apart from the module that loads the parsers: the package's public
 * declarations then never reach web-tree-sitter's, which need Emscripten's global types.
 */

/** Which parsers validate the code, their versions, and what loading them cost (ms). */
export interface ParserInfo {
  readonly typescript: { readonly version: string; readonly loadMs: number }
  readonly csharp: { readonly webTreeSitter: string; readonly grammar: string; readonly abi: number; readonly loadMs: number }
}
