/**
 * One cloud generation through the fallback layer, outside the pipeline.
 *
 *   GEMINI_API_KEY=… node --conditions=@lfai/source packages/fallback-gemini/examples/generate.ts "a library: books, members, loans"
 *
 * Against the emulator instead of Google (no key of yours leaves the machine):
 *
 *   npx lfai-testkit gemini --port 8089 &
 *   GEMINI_API_KEY=any GEMINI_BASE_URL=http://127.0.0.1:8089 node --conditions=@lfai/source packages/fallback-gemini/examples/generate.ts "…"
 */
import { Effect, Layer } from "effect"
import { CloudFallback, Configs } from "@lfai/core"
import * as GeminiFallback from "@lfai/fallback-gemini"

const program = Effect.gen(function* () {
  const cloud = yield* CloudFallback
  if (!cloud.availability.available) {
    // e.g. "no GEMINI_API_KEY or GOOGLE_API_KEY set", or "cloud fallback disabled (…)"
    return yield* Effect.fail(cloud.availability.error)
  }
  const answer = yield* cloud.generate({
    model: cloud.model,
    system: "You write Mermaid erDiagram code only, in one ```mermaid fence.",
    prompt: `An ERD for ${process.argv[2] ?? "a library: books, members, loans"}.`,
    temperature: 0.2
  })
  console.log(answer.text)
  console.error(`model ${answer.model}; tokens in ${answer.usage?.promptTokens ?? "?"}, out ${answer.usage?.completionTokens ?? "?"}`)
})

// Config from lfai.config.yaml / LFAI_CONFIG / the environment, as every lfai entry point reads it.
const layer = GeminiFallback.layer.pipe(Layer.provide(Configs.layer()))

Effect.runPromise(program.pipe(Effect.provide(layer))).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
})
