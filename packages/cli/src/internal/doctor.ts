/**
 * `lfai doctor`: checks this machine end to end — the config, Ollama and its version, each routed
 * model, the persistent models' footprint against the budget, the GPU budget, the Gemini key (only
 * when the fallback is enabled), one validation per plugin — each with what to do when it fails.
 * Against Ollama it only reads (version, tags, show, ps): it pulls nothing unless `--pull`, and
 * never loads a model.
 */
import { Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { CloudFallback, Registry, type ArtifactPlugin } from "@lfai/core"
import type { Lfai } from "@lfai/stack"
import { commandStatus, pullBar } from "./progress.ts"
import { CommandExit, EXIT, call, config, count, gb, guarded, json, printJson, stdout, withLfai } from "./shared.ts"

export interface Check {
  readonly name: string
  readonly ok: boolean
  readonly detail: string
  /** What to do about it; only on a failed check. */
  readonly fix?: string
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

const NO_OLLAMA_FIX =
  "start Ollama (`ollama serve`) or point OLLAMA_HOST / ollama.base_url at one; without a GPU: `npx lfai-testkit ollama --port 11434 --scenario demo`"

/** The checks, in order; never fails: a check that cannot run is a failed check saying why. */
export const runChecks = (
  lfai: Lfai,
  plugins: ReadonlyArray<ArtifactPlugin>,
  options: { readonly pull: boolean; readonly onPull?: (text: string) => void }
): Effect.Effect<ReadonlyArray<Check>> =>
  Effect.gen(function* () {
    const cfg = lfai.config
    const checks: Check[] = []
    const add = (check: Check) => void checks.push(check)

    add({ name: "config", ok: true, detail: cfg.source ?? "defaults (no lfai.config.yaml)" })

    const version = yield* Effect.result(call(() => lfai.models.version()))
    const up = version._tag === "Success"
    const hosts = cfg.ollama.hosts
    if (hosts.length === 1 || !up) {
      add(
        up
          ? { name: "ollama", ok: true, detail: `Ollama ${version.success} at ${hosts[0].url}` }
          : { name: "ollama", ok: false, detail: message(version.failure), fix: NO_OLLAMA_FIX }
      )
    } else {
      // several hosts: each one's own line; the work goes to the others while one is down
      for (const host of yield* Effect.promise(() => lfai.hosts())) {
        add(
          host.up
            ? { name: `ollama ${host.url}`, ok: true, detail: `answers (Ollama ${version.success} on the first host that answered)` }
            : {
                name: `ollama ${host.url}`,
                ok: false,
                detail: "no Ollama answers there; its requests go to the other hosts",
                fix: `start Ollama on that machine (\`ollama serve\`, listening where ollama.hosts says), or remove it from ollama.hosts`
              }
        )
      }
    }

    // every model a plugin is routed to (its model under the config, and its alternates)
    const infos = yield* Effect.promise(() => lfai.plugins())
    const users = new Map<string, string[]>()
    for (const info of infos) for (const model of [info.model, ...info.alternates]) users.set(model, [...(users.get(model) ?? []), info.id])
    const present = new Set<string>()
    if (up) {
      const status = yield* Effect.result(call(() => lfai.models.status()))
      if (status._tag === "Success") for (const model of status.success) if (model.present) present.add(model.name)
    }
    for (const [model, ids] of users) {
      const name = `model ${model}`
      const usedBy = `used by ${ids.join(", ")}`
      if (!up) {
        add({ name, ok: false, detail: `not checked: no Ollama answers (${usedBy})`, fix: NO_OLLAMA_FIX })
      } else if (present.has(model)) {
        add({ name, ok: true, detail: `present (${usedBy})` })
      } else if (options.pull) {
        const pulled = yield* Effect.result(call(() => lfai.models.pull(model, (progress) => options.onPull?.(pullBar(progress, undefined, hosts.length > 1)))))
        if (pulled._tag === "Success") present.add(model)
        add(
          pulled._tag === "Success"
            ? { name, ok: true, detail: `pulled (${usedBy})` }
            : { name, ok: false, detail: `pull failed: ${message(pulled.failure)} (${usedBy})`, fix: `check the name (artifacts.<id>.model in the config), or pull it by hand: \`ollama pull ${model}\`` }
        )
      } else {
        add({
          name,
          ok: false,
          detail: `not pulled (${usedBy})`,
          fix: `\`lfai doctor --pull\` or \`lfai models pull ${model}\`${cfg.ollama.auto_download ? "; otherwise the first request pulls it (ollama.auto_download)" : " (ollama.auto_download is off)"}`
        })
      }
    }

    // the persistent models a plugin uses are pre-warmed and kept: do they fit the budget?
    const candidates = cfg.ollama.persistent_models.filter((model) => users.has(model))
    const unused = cfg.ollama.persistent_models.filter((model) => !users.has(model))
    // with several hosts a model must fit one host's budget; together they spread over all of them
    const budget = Math.max(...hosts.map((host) => host.vram_limit_gb))
    const spread = hosts.reduce((sum, host) => sum + host.vram_limit_gb, 0)
    const context = `num_ctx ${cfg.ollama.num_ctx === "auto" ? "auto (4096 to pre-warm)" : cfg.ollama.num_ctx}`
    const notUsed = unused.length > 0 ? `; not pre-warmed, no plugin uses ${unused.length === 1 ? "it" : "them"}: ${unused.join(", ")}` : ""
    if (candidates.length === 0) {
      add({ name: "persistent models", ok: true, detail: `none to pre-warm${notUsed}` })
    } else if (!up) {
      add({ name: "persistent models", ok: false, detail: `not checked: no Ollama answers (${candidates.join(", ")})`, fix: NO_OLLAMA_FIX })
    } else {
      const sizes: Array<{ model: string; gb: number | undefined }> = []
      for (const model of candidates) {
        const estimate = present.has(model) ? yield* Effect.result(call(() => lfai.models.estimate(model))) : undefined
        sizes.push({ model, gb: estimate?._tag === "Success" ? estimate.success : undefined })
      }
      const known = sizes.filter((size): size is { model: string; gb: number } => size.gb !== undefined)
      const total = known.reduce((sum, size) => sum + size.gb, 0)
      const tooBig = known.filter((size) => size.gb > budget)
      const listed = sizes.map((size) => `${size.model} ${size.gb === undefined ? "(not pulled: size unknown)" : gb(size.gb)}`).join(" + ")
      const together =
        hosts.length > 1
          ? `spread over ${hosts.length} hosts (${gb(spread)} of budget in all), one host each`
          : total <= budget
            ? `they fit together in the ${gb(budget)} budget`
            : `more than the ${gb(budget)} budget together: the first that fit stay loaded, the others load on demand (a smaller ollama.num_ctx makes them smaller)`
      add(
        tooBig.length > 0
          ? {
              name: "persistent models",
              ok: false,
              detail: `${tooBig.map((size) => `${size.model} needs ${gb(size.gb)}`).join(", ")} at ${context}, more than the whole ${gb(budget)} budget${hosts.length > 1 ? " of the largest host" : ""}: it can never load`,
              fix: "lower ollama.num_ctx, route the artifact to a smaller model (artifacts.<id>.model), or raise ollama.vram_limit_gb if the card has the room"
            }
          : { name: "persistent models", ok: true, detail: `${listed} = ${gb(total)} at ${context}; ${together}${notUsed}` }
      )
    }

    // the GPU as the budget sees it, reconciled with /api/ps (foreign models, CPU offload)
    const vram = yield* Effect.promise(() => lfai.vram())
    add({
      name: "gpu budget",
      ok: vram.ollama === "reachable",
      detail: `${gb(vram.usedGb)} of ${gb(vram.totalGb)} in use${vram.models.length > 0 ? ` (${vram.models.map((model) => `${model.name} ${gb(model.sizeVramGb)} ${model.residency}`).join(", ")})` : ""}${vram.warnings.length > 0 ? `; ${vram.warnings.join("; ")}` : ""}`,
      ...(vram.ollama === "reachable" ? {} : { fix: NO_OLLAMA_FIX })
    })

    // the cloud fallback: one request of a few tokens, only when it is enabled and has a key
    const cloud = yield* Effect.promise(() => lfai.runtime.run(CloudFallback.useSync((service) => service)))
    const enabled = cfg.validation.enable_cloud_fallback && cfg.ai_provider.fallback === "gemini"
    if (!enabled) {
      add({ name: "gemini", ok: true, detail: "cloud fallback disabled: no byte leaves the machine" })
    } else if (!cloud.availability.available) {
      add({
        name: "gemini",
        ok: false,
        detail: `${cloud.availability.error.message}: an answer that fails locally gets no second opinion`,
        fix: "export GEMINI_API_KEY=… (or set validation.enable_cloud_fallback: false to keep every byte on this machine)"
      })
    } else {
      const answered = yield* Effect.result(
        call((signal) => lfai.runtime.run(cloud.generate({ model: cloud.model, system: "", prompt: "Reply with the word OK." }), { signal }))
      )
      add(
        answered._tag === "Success"
          ? { name: "gemini", ok: true, detail: `${cloud.model} accepted the key and answered${cfg.gemini.base_url ? ` (at ${cfg.gemini.base_url})` : ""}` }
          : {
              name: "gemini",
              ok: false,
              detail: message(answered.failure),
              fix: "check GEMINI_API_KEY (or GOOGLE_API_KEY), gemini.model and, for a proxy, GEMINI_BASE_URL"
            }
      )
    }

    // each validator on one of its own dataset examples: the parsers load and judge
    for (const plugin of plugins) {
      const name = `validator ${plugin.id}`
      const example = yield* Effect.result(
        Effect.try({
          try: () => {
            for (const first of plugin.dataset.generate({ seed: 1, count: 1 })) return first
            throw new Error("its dataset generator gave no example to validate")
          },
          catch: (error) => error
        })
      )
      if (example._tag === "Failure") {
        add({ name, ok: false, detail: message(example.failure), fix: `reinstall (npm ci); if it persists, report it against ${plugin.package.name}` })
        continue
      }
      const result = yield* Effect.result(call(() => lfai.validate(plugin.id, example.success.output)))
      add(
        result._tag === "Success" && result.success.passed
          ? { name, ok: true, detail: `${plugin.package.name} ${plugin.package.version}: an example scored ${result.success.score}` }
          : {
              name,
              ok: false,
              detail: result._tag === "Success" ? `an example it generated scored ${result.success.score} and failed: ${result.success.issues.map((issue) => issue.message).join("; ")}` : message(result.failure),
              fix: `reinstall (npm ci); if it persists, report it against ${plugin.package.name}`
            }
      )
    }
    return checks
  })

const describeChecks = (checks: ReadonlyArray<Check>): string => {
  const width = Math.max(...checks.map((check) => check.name.length))
  const failed = checks.filter((check) => !check.ok).length
  return [
    ...checks.flatMap((check) => [
      `${check.ok ? "✓" : "✗"} ${check.name.padEnd(width)}  ${check.detail}`,
      ...(check.fix ? [`  ${" ".repeat(width)}  fix: ${check.fix}`] : [])
    ]),
    "",
    failed === 0 ? `all ${count(checks.length, "check")} passed` : `${failed} of ${count(checks.length, "check")} failed`
  ].join("\n")
}

export const doctor = Command.make(
  "doctor",
  {
    pull: Flag.Boolean("pull").pipe(Flag.withDefault(false), Flag.withDescription("Pull the routed models that are missing (otherwise nothing is pulled)")),
    json,
    config
  },
  (input) =>
    guarded(
      input.json,
      withLfai(input.config, (lfai) =>
        Effect.gen(function* () {
          // every registered plugin: the built-ins and the config's `plugins`
          const plugins = yield* Effect.promise(() => lfai.runtime.run(Registry.useSync((registry) => registry.list)))
          const status = commandStatus(input.json)
          const checks = yield* runChecks(lfai, plugins, { pull: input.pull, onPull: status.update }).pipe(Effect.ensuring(Effect.sync(status.done)))
          yield* input.json ? printJson({ checks }) : stdout(describeChecks(checks))
          if (checks.some((check) => !check.ok)) return yield* new CommandExit({ code: EXIT.failed })
        })
      )
    )
).pipe(
  Command.withDescription(
    "Check this machine end to end — Ollama, the routed models, the VRAM budget, the Gemini key, every validator — and say what to do; exit 1 when a check fails. Loads nothing; pulls only with --pull"
  ),
  Command.withExamples([
    { command: "lfai doctor", description: "Every check, with what to do about a failed one" },
    { command: "lfai doctor --pull --json", description: "Pull missing models first; { checks: [{ name, ok, detail, fix? }] }" }
  ])
)
