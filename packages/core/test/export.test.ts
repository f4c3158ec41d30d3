import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Pipeline, type ArtifactPlugin } from "@lfai/core"
import { scriptedCloud, scriptedLocalModels, wordArtifact } from "@lfai/core/testing"
import { MODEL, note, pipelineLayer } from "./fixtures.ts"

/** The note plugin with two renderings: the words in capitals, and one that always throws. */
const exporting: ArtifactPlugin = {
  ...wordArtifact({ id: "memo", model: MODEL, params: { tone: ["dry", "warm"] } }),
  exports: {
    shout: { contentType: "text/plain; charset=utf-8", description: "the memo in capitals", render: (content) => content.toUpperCase() },
    broken: {
      contentType: "text/csv",
      description: "a renderer with a bug",
      render: () => {
        throw new Error("no columns")
      }
    }
  }
}

const layer = pipelineLayer({ local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer }, {}, [exporting, note])
const exportAs = (artifact: string, content: string, as: string, params?: Record<string, string>) =>
  Pipeline.use((pipeline) => pipeline.exportAs(artifact, content, as, params))

describe("exporting a content", () => {
  it.effect("renders what the validator extracted from the answer, with the export's media type", () =>
    Effect.gen(function* () {
      expect(yield* exportAs("memo", "```\nGOOD memo text\n```", "shout")).toEqual({
        artifact: "memo",
        as: "shout",
        contentType: "text/plain; charset=utf-8",
        text: "GOOD MEMO TEXT"
      })
    }).pipe(Effect.provide(layer))
  )

  it.effect("refuses a content that does not pass, naming its score, the pass mark and its errors", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(exportAs("memo", "MEH memo", "shout"))
      expect(error).toMatchObject({ _tag: "ExportRejected", artifact: "memo", as: "shout", score: 60, threshold: 70 })
      const broken = yield* Effect.flip(exportAs("memo", "nonsense", "shout"))
      expect(broken.message).toBe("the memo content does not pass validation (score 10, pass mark 70), so it is not exported as shout: parse-error (line 1): does not parse")
    }).pipe(Effect.provide(layer))
  )

  it.effect("says which exports there are when the one asked for is not, and when there are none", () =>
    Effect.gen(function* () {
      const unknown = yield* Effect.flip(exportAs("memo", "GOOD memo", "csv"))
      expect(unknown).toMatchObject({ _tag: "UnknownExport", artifact: "memo", as: "csv", offered: ["shout", "broken"] })
      expect(unknown.message).toBe('"csv" is not an export of "memo"; it offers: shout, broken')
      const none = yield* Effect.flip(exportAs("note", "GOOD note", "csv"))
      expect(none).toMatchObject({ _tag: "UnknownExport", offered: [] })
      expect(none.message).toBe('artifact "note" offers no exports')
    }).pipe(Effect.provide(layer))
  )

  it.effect("turns a renderer that throws on passing content into a rejection that names the export", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(exportAs("memo", "GOOD memo", "broken"))
      expect(error).toMatchObject({
        _tag: "ExportRejected",
        score: 90,
        issues: [{ code: "export-failed", severity: "error", message: "the broken export of memo failed: Error: no columns" }]
      })
    }).pipe(Effect.provide(layer))
  )

  it.effect("checks the parameters first and knows no artifact it does not have", () =>
    Effect.gen(function* () {
      expect(yield* Effect.flip(exportAs("memo", "GOOD memo", "shout", { tone: "shrill" }))).toMatchObject({ _tag: "InvalidParam", param: "tone", value: "shrill" })
      expect(yield* Effect.flip(exportAs("poem", "GOOD", "shout"))).toMatchObject({ _tag: "UnknownArtifact", artifact: "poem" })
    }).pipe(Effect.provide(layer))
  )
})
