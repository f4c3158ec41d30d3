/** The artifact registry: every plugin by id, duplicates refused. */
import { Context, Effect, Layer } from "effect"
import { DuplicateArtifactId, UnknownArtifact } from "./Errors.ts"
import type { ArtifactPlugin } from "./Plugin.ts"

export interface RegistryShape {
  readonly list: ReadonlyArray<ArtifactPlugin>
  readonly get: (id: string) => Effect.Effect<ArtifactPlugin, UnknownArtifact>
}

export class Registry extends Context.Service<Registry, RegistryShape>()("@lfai/core/Registry") {}

export const makeRegistry = (plugins: ReadonlyArray<ArtifactPlugin>): Effect.Effect<RegistryShape, DuplicateArtifactId> =>
  Effect.gen(function* () {
    const byId = new Map<string, ArtifactPlugin>()
    for (const plugin of plugins) {
      const existing = byId.get(plugin.id)
      if (existing) {
        return yield* new DuplicateArtifactId({ artifact: plugin.id, packages: [existing.package.name, plugin.package.name] })
      }
      byId.set(plugin.id, plugin)
    }
    const list = [...byId.values()]
    const known = list.map((plugin) => plugin.id)
    return {
      list,
      get: (id) => {
        const plugin = byId.get(id)
        return plugin ? Effect.succeed(plugin) : Effect.fail(new UnknownArtifact({ artifact: id, known }))
      }
    }
  })

export const layer = (plugins: ReadonlyArray<ArtifactPlugin>): Layer.Layer<Registry, DuplicateArtifactId> =>
  Layer.effect(Registry, makeRegistry(plugins))
