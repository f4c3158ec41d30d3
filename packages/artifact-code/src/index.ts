/**
 * @lfai/artifact-code — Angular (TypeScript) and .NET (C#) code prototypes, judged with the
 * TypeScript 6.0 compiler API and tree-sitter's C# grammar (WASM).
 */
import { defineArtifact, type ArtifactPlugin } from "@lfai/core"
import manifest from "../package.json" with { type: "json" }
import { codeDataset } from "./internal/dataset/index.ts"
import { extractCode } from "./internal/extract.ts"
import { LANGUAGES } from "./internal/language.ts"
import type { ParserInfo } from "./internal/parser-info.ts"
import { parserInfo as loadedParsers } from "./internal/parsers.ts"
import { codePrompt } from "./internal/prompt.ts"
import { validateCode } from "./internal/validate.ts"

export type { CodeLanguage } from "./internal/language.ts"
export type { ParserInfo } from "./internal/parser-info.ts"

/** Which parsers validate the code, their versions, and what loading them cost (ms). */
export const parserInfo: ParserInfo = loadedParsers

export const code: ArtifactPlugin = defineArtifact({
  id: "code",
  title: "Code prototype (Angular / .NET)",
  description: "Angular components, services, guards, pipes and forms in TypeScript; ASP.NET Core controllers, minimal APIs, EF Core entities and DbContexts, records and background services in C#. One file or several named files.",
  model: "codellama:7b-instruct-q4_K_M",
  package: { name: manifest.name, version: manifest.version },
  params: { language: LANGUAGES },
  prompt: codePrompt,
  extract: extractCode,
  validate: validateCode,
  dataset: codeDataset
})

export default code
