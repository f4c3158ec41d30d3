/**
 * The local provider outside the pipeline: pull if needed, lease VRAM, generate (tokens as they
 * come), then show what the GPU budget holds.
 *
 *   OLLAMA_HOST=127.0.0.1:11434 node --conditions=@lfai/source packages/runtime-ollama/examples/generate.ts "a library: books, members, loans"
 *
 * Without a GPU, against the emulator (same code, same client, nothing else changes):
 *
 *   npx lfai-testkit ollama --port 11434 &
 *   OLLAMA_HOST=127.0.0.1:11434 node --conditions=@lfai/source packages/runtime-ollama/examples/generate.ts
 */
import { Configs, LocalModels, ModelControl } from "@lfai/core"
import * as Ollama from "@lfai/runtime-ollama"
import { Effect, Layer } from "effect"

const model = "mistral:7b-instruct-q4_K_M"

const program = Effect.gen(function* () {
  const local = yield* LocalModels
  const control = yield* ModelControl
  const budget = yield* Ollama.GpuBudget

  const estimate = yield* budget.estimate(model, 4096).pipe(Effect.catch(() => Effect.succeed(undefined)))
  if (estimate) console.error(`${model} at num_ctx 4096: ${(estimate.totalBytes / Ollama.GiB).toFixed(2)} GiB (KV ${(estimate.kvBytes / Ollama.GiB).toFixed(2)} GiB)`)

  yield* local.ensure(model, (p) => p.total && console.error(`pulling ${p.digest?.slice(7, 19)}: ${Math.round(((p.completed ?? 0) / p.total) * 100)}%`))
  const answer = yield* Effect.scoped(
    Effect.gen(function* () {
      yield* local.lease(model, { numCtx: 4096 }) // waits for VRAM if it must; returned when the scope closes
      return yield* local.generate({
        model,
        system: "You write Mermaid erDiagram code only, in one ```mermaid fence.",
        prompt: `An ERD for ${process.argv[2] ?? "a library: books, members, loans"}.`,
        temperature: 0.2,
        numCtx: 4096,
        onToken: (text) => process.stdout.write(text)
      })
    })
  )
  process.stdout.write("\n")
  console.error(`tokens in ${answer.usage?.promptTokens ?? "?"}, out ${answer.usage?.completionTokens ?? "?"}`)
  const vram = yield* control.vram
  console.error(`VRAM: ${vram.usedGb} GB / ${vram.totalGb} GB (${vram.usagePercent}%); active: ${vram.activeModels.join(", ") || "none"}`)
  for (const warning of vram.warnings) console.error(`warning: ${warning}`)
})

// Config from lfai.config.yaml / LFAI_CONFIG / OLLAMA_HOST, as every lfai entry point reads it.
const layer = Ollama.layer.pipe(Layer.provide(Configs.layer()))

Effect.runPromise(program.pipe(Effect.provide(layer))).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
})
