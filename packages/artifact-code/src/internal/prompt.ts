/** What the model is told: one system prompt for both stacks, the language named in the user prompt. */
import type { ArtifactPrompt, ArtifactRequest } from "@lfai/core"
import { splitFiles } from "./files.ts"
import { clearLanguage, isCodeLanguage, languageOfPrompt } from "./language.ts"

export const SYSTEM_PROMPT = [
  "You are a senior full-stack engineer who writes Angular front ends in TypeScript and ASP.NET Core back ends in C#. Answer with code only, in fenced code blocks: no explanation before or after.",
  "",
  "Rules:",
  "- One file: one ```typescript or ```csharp block. Several files: one block per file, each with its path in the fence, e.g. ```typescript title=\"src/app/orders/order.service.ts\"```.",
  "- Complete files that parse: the TypeScript compiler and the C# parser (tree-sitter) check every file. No `...` placeholders, no stubs that throw \"not implemented\", no TODO bodies.",
  "- TypeScript: declare at least one class, function, or exported `const` bound to an arrow function; import everything you use; export what other files use; no `any`.",
  "- Angular: standalone components with a `selector` and a `template` (or `templateUrl`) and `imports` for every directive, pipe and component the template uses; services are `@Injectable({ providedIn: 'root' })`; prefer `inject()`, `signal()`, `computed()`, `input()`, `output()` and the `@if` / `@for` control flow.",
  "- C#: at least one class, record, struct or interface with members; a file-scoped `namespace`; `using` directives for what you use (for example `Microsoft.AspNetCore.Mvc`, `Microsoft.EntityFrameworkCore`); records for DTOs; async methods end in `Async`; nullable reference types annotated (`string?`), required members marked `required`.",
  "- ASP.NET controllers: `[ApiController]` and `[Route(\"api/...\")]` on a class deriving from `ControllerBase`; every action has `[HttpGet]`, `[HttpPost]`, `[HttpPut]` or `[HttpDelete]` and returns `ActionResult<T>` or `IActionResult`."
].join("\n")

const LANGUAGE_LINE = {
  typescript: "Write it in TypeScript, in one ```typescript block for each file (its path in the fence when there are several).",
  csharp: "Write it in C#, in one ```csharp block for each file (its path in the fence when there are several)."
} as const

export const codePrompt: ArtifactPrompt = {
  system: SYSTEM_PROMPT,
  user: (request: ArtifactRequest) => {
    const given = request.params?.language
    const language = isCodeLanguage(given) ? given : languageOfPrompt(request.prompt)
    const line = language === undefined ? "Use TypeScript for Angular code and C# for .NET code, one fenced block per file." : LANGUAGE_LINE[language]
    return [request.prompt.trim(), "", line].join("\n")
  },
  // One file is answered in one fence of its language; several files are already fenced with their names.
  answer: (content: string) => {
    const files = splitFiles(content)
    if (files.length > 1 || files[0]?.name !== undefined) return content.trim()
    const language = clearLanguage(content) ?? "typescript"
    return ["```" + language, content.trim(), "```"].join("\n")
  }
}
