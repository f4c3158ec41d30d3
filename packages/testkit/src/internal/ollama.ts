/**
 * The Ollama emulator: a real HTTP server speaking Ollama's REST API (docs/api.md; server/routes.go
 * for status codes and error texts), with simulated VRAM and keep-alive (scheduler.ts) and
 * scenario faults.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { decodeOllamaScenario, type FaultEntry, type OllamaModelScenario, type OllamaScenario } from "../Scenario.ts"
import { catalogue, findCatalogue, isValidName, modelSpec, normalizeName, type ModelSpec } from "./catalogue.ts"
import { decodeKeepAlive, FOREVER_MS } from "./duration.ts"
import { FaultBook } from "./faults.ts"
import { checkFields, decodeObject } from "./gojson.ts"
import { BodyTooLarge, clientGone, readBody, refuse, sleep, truncatedBody } from "./http.ts"
import { RequestLog, type RequestLogEntry } from "./log.ts"
import { Aborted, Scheduler, type Runner, type RunnerOptions } from "./scheduler.ts"
import { countTokens, Replies, tokenIds, tokenize } from "./text.ts"

export const OLLAMA_VERSION = "0.12.10"
const GIB = 2 ** 30

export interface OllamaEmulatorOptions {
  readonly scenario?: OllamaScenario | undefined
  /** 0 (default): a free port. */
  readonly port?: number | undefined
  /** Default 127.0.0.1. */
  readonly host?: string | undefined
  /** The clock keep-alive expiry runs on, in ms (default Date.now). */
  readonly now?: (() => number) | undefined
  /** Capacity of the request log ring buffer (default 2048). */
  readonly requestLogLimit?: number | undefined
  /** What /api/version reports. */
  readonly version?: string | undefined
}

export interface LoadedModelState {
  readonly name: string
  readonly size: number
  readonly sizeVram: number
  readonly contextLength: number
  readonly expiresAt: string
  /** Requests holding the model (answering or queued for one of its slots). */
  readonly busy: number
  /** Requests being answered (at most num_parallel). */
  readonly active: number
}

/** A snapshot of the emulated GPU (also at GET /_emulator/state). */
export interface OllamaState {
  readonly gpuBytes: number
  readonly usedVramBytes: number
  readonly maxLoadedModels: number
  readonly numParallel: number
  /** Requests waiting for a model to be loaded (behind another load, or for a busy model to be evicted). */
  readonly pendingLoads: number
  readonly loaded: ReadonlyArray<LoadedModelState>
  readonly present: ReadonlyArray<string>
}

const DEFAULT_REPLY = "Hello! This is the lfai-testkit Ollama emulator; no reply was scripted for this model."

interface ModelEntry {
  readonly name: string
  readonly spec: ModelSpec
  present: boolean
  readonly pullable: boolean
  readonly replies: Replies
  readonly latencyMs: number
  readonly tokensPerSecond: number
  modifiedAt: number
}

const json = (res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void => {
  const text = JSON.stringify(body)
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": String(Buffer.byteLength(text)), ...extraHeaders })
  res.end(text)
}

const error = (res: ServerResponse, status: number, message: string, extraHeaders: Record<string, string> = {}): void =>
  json(res, status, { error: message }, extraHeaders)

const ISO = (ms: number) => new Date(ms).toISOString()

const INT_OPTIONS = ["num_keep", "seed", "num_predict", "top_k", "repeat_last_n", "num_ctx", "num_batch", "num_gpu", "num_thread", "main_gpu", "draft_num_predict"]
const FLOAT_OPTIONS = ["top_p", "min_p", "typical_p", "temperature", "repeat_penalty", "presence_penalty", "frequency_penalty"]

/** api.Options.FromMap: the type errors (unknown options are ignored, as the server only warns). */
const checkOptions = (options: Record<string, unknown>): string | undefined => {
  for (const [k, v] of Object.entries(options)) {
    if (v === null || v === undefined) continue
    if (INT_OPTIONS.includes(k) && typeof v !== "number") return `option "${k}" must be of type integer`
    if (FLOAT_OPTIONS.includes(k) && typeof v !== "number") return `option "${k}" must be of type float32`
    if (k === "use_mmap" && typeof v !== "boolean") return `option "${k}" must be of type boolean`
    if (k === "stop") {
      if (!Array.isArray(v)) return `option "${k}" must be of type array`
      if (v.some((s) => typeof s !== "string")) return `option "${k}" must be of an array of strings`
    }
  }
  return undefined
}

type Field = readonly [kind: "string" | "bool" | "object" | "array" | "any", goType: string]

const GENERATE_FIELDS: Record<string, Field> = {
  model: ["string", "string"],
  prompt: ["string", "string"],
  suffix: ["string", "string"],
  system: ["string", "string"],
  template: ["string", "string"],
  context: ["array", "[]int"],
  stream: ["bool", "bool"],
  raw: ["bool", "bool"],
  images: ["array", "[]api.ImageData"],
  options: ["object", "map[string]interface {}"],
  truncate: ["bool", "bool"],
  shift: ["bool", "bool"]
}

const CHAT_FIELDS: Record<string, Field> = {
  model: ["string", "string"],
  messages: ["array", "[]api.Message"],
  stream: ["bool", "bool"],
  tools: ["array", "api.Tools"],
  options: ["object", "map[string]interface {}"],
  truncate: ["bool", "bool"],
  shift: ["bool", "bool"]
}

/** The first field of the wrong JSON type, in encoding/json's words (pointer fields name their element type). */
const fieldCheck = (value: Record<string, unknown>, goStruct: string, fields: Record<string, Field>): string | undefined => {
  for (const [name, [kind, goType]] of Object.entries(fields)) {
    const err = checkFields({ [name]: value[name] }, goStruct, { [name]: kind })
    if (err !== undefined) return err.replace(/of type .*$/, `of type ${goType}`)
  }
  return undefined
}

export class OllamaApi {
  readonly scenario: OllamaScenario
  readonly now: () => number
  readonly log: RequestLog
  readonly faults: FaultBook
  readonly scheduler: Scheduler
  readonly version: string
  readonly gpuBytes: number
  private readonly models = new Map<string, ModelEntry>()
  private readonly closing = new AbortController()

  constructor(options: OllamaEmulatorOptions = {}) {
    this.scenario = options.scenario ?? {}
    this.now = options.now ?? Date.now
    this.log = new RequestLog(options.requestLogLimit)
    this.faults = new FaultBook(this.scenario.faults, normalizeName)
    this.version = options.version ?? OLLAMA_VERSION
    this.gpuBytes = Math.round((this.scenario.gpu_gb ?? 12) * GIB)
    this.scheduler = new Scheduler({
      gpuBytes: this.gpuBytes,
      maxLoaded: this.scenario.max_loaded_models ?? 3,
      numParallel: this.scenario.num_parallel ?? 1,
      now: this.now
    })
    for (const entry of catalogue) this.entry(entry.name)
    for (const name of Object.keys(this.scenario.models ?? {})) {
      if (!isValidName(name)) throw new Error(`ollama.models: ${JSON.stringify(name)} is not a valid Ollama model name`)
      this.entry(name)
    }
  }

  /** The VRAM-tier default context of recent Ollama (routes.go): 4096 under 23 GiB, 32768 under 47 GiB. */
  get defaultNumCtx(): number {
    return this.gpuBytes >= 47 * GIB ? 262144 : this.gpuBytes >= 23 * GIB ? 32768 : 4096
  }

  private scenarioFor(name: string): OllamaModelScenario | undefined {
    const models = this.scenario.models ?? {}
    const key = Object.keys(models).find((k) => normalizeName(k).toLowerCase() === name.toLowerCase())
    return key === undefined ? undefined : models[key]
  }

  /**
   * The model's entry. A catalogue model the scenario does not name gets a default one (present,
   * neutral reply, real sizes); a name that is neither in the scenario nor in the catalogue does
   * not exist, on this server or in the registry: show and generate answer 404, a pull fails as Ollama's does.
   */
  entry(rawName: string): ModelEntry {
    const name = normalizeName(rawName)
    const key = name.toLowerCase()
    const existing = this.models.get(key)
    if (existing !== undefined) return existing
    const s = this.scenarioFor(name)
    const exists = s !== undefined || findCatalogue(name) !== undefined
    const entry: ModelEntry = {
      name,
      spec: modelSpec(name, s?.like),
      present: exists && (s?.present ?? true),
      pullable: exists && (s?.pullable ?? true),
      replies: new Replies(s?.replies ?? [], DEFAULT_REPLY),
      latencyMs: s?.latency_ms ?? 0,
      tokensPerSecond: s?.tokens_per_second ?? 0,
      modifiedAt: this.now()
    }
    this.models.set(key, entry)
    return entry
  }

  state(): OllamaState {
    const runners = this.scheduler.runners()
    return {
      gpuBytes: this.gpuBytes,
      usedVramBytes: runners.reduce((sum, r) => sum + r.vramSize, 0),
      maxLoadedModels: this.scheduler.config.maxLoaded,
      numParallel: this.scheduler.config.numParallel,
      pendingLoads: this.scheduler.pendingLoads,
      loaded: runners.map((r) => ({
        name: r.name,
        size: r.totalSize,
        sizeVram: r.vramSize,
        contextLength: r.opts.numCtx,
        expiresAt: ISO(this.expiresAt(r)),
        busy: r.refCount,
        active: r.activeSlots
      })),
      present: [...this.models.values()].filter((m) => m.present).map((m) => m.name)
    }
  }

  private expiresAt(r: Runner): number {
    return r.expiresAt ?? this.now() + Math.min(r.sessionMs, FOREVER_MS)
  }

  /** Stops timers and waiters when the server closes. */
  shutdown(): void {
    this.closing.abort()
    this.scheduler.unloadAll()
  }

  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://emulator")
    const path = url.pathname
    const method = req.method ?? "GET"
    if (path.startsWith("/_emulator/")) return this.control(req, res, method, path)
    const entry = this.log.track(req, res, path, this.now())
    const routes: Record<string, Record<string, () => Promise<void> | void>> = {
      "/": { GET: () => this.root(res, false), HEAD: () => this.root(res, true) },
      "/api/version": { GET: () => this.versionRoute(res), HEAD: () => this.versionRoute(res) },
      "/api/tags": { GET: () => this.tags(req, res, entry), HEAD: () => this.tags(req, res, entry) },
      "/api/ps": { GET: () => this.ps(req, res, entry) },
      "/api/generate": { POST: () => this.generate(req, res, entry, "generate") },
      "/api/chat": { POST: () => this.generate(req, res, entry, "chat") },
      "/api/pull": { POST: () => this.pull(req, res, entry) },
      "/api/show": { POST: () => this.show(req, res, entry) },
      "/api/delete": { DELETE: () => this.delete(req, res, entry) }
    }
    const route = routes[path]
    if (route === undefined) {
      res.writeHead(404, { "Content-Type": "text/plain" })
      res.end("404 page not found")
      return
    }
    const run = route[method]
    if (run === undefined) {
      res.writeHead(405, { "Content-Type": "text/plain" })
      res.end("405 method not allowed")
      return
    }
    await run()
  }

  private async control(req: IncomingMessage, res: ServerResponse, method: string, path: string): Promise<void> {
    if (path === "/_emulator/requests" && method === "GET") return json(res, 200, { requests: this.log.list() })
    if (path === "/_emulator/requests" && method === "DELETE") {
      this.log.clear()
      return json(res, 200, { requests: [] })
    }
    if (path === "/_emulator/state" && method === "GET") return json(res, 200, this.state())
    if (path === "/_emulator/faults" && method === "GET") return json(res, 200, { faults: this.faults.pending() })
    if (path === "/_emulator/faults" && method === "POST") {
      try {
        const body = JSON.parse(await readBody(req)) as { faults?: unknown }
        const decoded = decodeOllamaScenario({ faults: body.faults }, "")
        this.faults.add(decoded.faults ?? [])
        return json(res, 200, { faults: this.faults.pending() })
      } catch (e) {
        return error(res, 400, (e as Error).message)
      }
    }
    error(res, 404, `no emulator control route ${method} ${path}`)
  }

  private root(res: ServerResponse, head: boolean): void {
    res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": "17" })
    res.end(head ? undefined : "Ollama is running")
  }

  private versionRoute(res: ServerResponse): void {
    json(res, 200, { version: this.version })
  }

  /** Reads and decodes a JSON body; answers the 400s itself and returns undefined then. */
  private async body(req: IncomingMessage, res: ServerResponse, goStruct: string): Promise<Record<string, unknown> | undefined> {
    let text: string
    try {
      text = await readBody(req)
    } catch (e) {
      if (e instanceof BodyTooLarge) error(res, 413, "http: request body too large")
      else res.destroy()
      return undefined
    }
    if (text.trim() === "") {
      error(res, 400, "missing request body")
      return undefined
    }
    const decoded = decodeObject(text, goStruct)
    if (!decoded.ok) {
      error(res, 400, decoded.error)
      return undefined
    }
    return decoded.value
  }

  /**
   * Applies a scenario fault; true when the fault answered (or deliberately did not answer) the
   * request, false when the request proceeds (`ok`, or no fault).
   */
  private async fault(
    fault: FaultEntry | undefined,
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
    shape: { readonly streamed: boolean; readonly sample: () => ReadonlyArray<unknown> }
  ): Promise<boolean> {
    if (fault === undefined) return false
    entry.fault = fault.kind
    if (fault.delay_ms !== undefined && fault.delay_ms > 0) {
      if (!(await sleep(fault.delay_ms, AbortSignal.any([clientGone(req, res), this.closing.signal])))) return true
    }
    const retry: Record<string, string> = fault.retry_after_s !== undefined ? { "Retry-After": String(Math.ceil(fault.retry_after_s)) } : {}
    switch (fault.kind) {
      case "ok":
        return false
      case "http_500":
        error(res, 500, "llama runner process has terminated: exit status 2")
        return true
      case "http_503":
        error(res, 503, "server busy, please try again.  maximum pending requests exceeded", retry)
        return true
      case "http_429":
        error(res, 429, "too many requests", retry)
        return true
      case "hang":
        // never answers; the socket stays open until the client gives up or the emulator closes
        return true
      case "refuse_connection":
        refuse(res)
        return true
      case "garbage":
        if (shape.streamed) {
          res.writeHead(200, { "Content-Type": "application/x-ndjson" })
          res.end("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>\n{\"model\": garbage\n")
        } else {
          res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" })
          res.end("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>")
        }
        return true
      case "truncate_stream": {
        const items = shape.sample()
        if (shape.streamed) {
          res.writeHead(200, { "Content-Type": "application/x-ndjson" })
          const half = items.slice(0, Math.max(1, Math.floor(items.length / 2)))
          res.write(half.map((i) => JSON.stringify(i) + "\n").join(""), () => res.destroy())
        } else {
          truncatedBody(res, 200, "application/json; charset=utf-8", JSON.stringify(items[items.length - 1]))
        }
        return true
      }
    }
  }

  private tags(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): Promise<void> {
    return this.simple(req, res, entry, "list", () => ({
      models: [...this.models.values()]
        .filter((m) => m.present)
        .sort((a, b) => b.modifiedAt - a.modifiedAt)
        .map((m) => ({
          name: m.name,
          model: m.name,
          modified_at: ISO(m.modifiedAt),
          size: m.spec.size,
          digest: m.spec.digest,
          details: m.spec.details
        }))
    }))
  }

  private ps(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): Promise<void> {
    return this.simple(req, res, entry, "ps", () => ({
      models: this.scheduler
        .runners()
        .map((r) => ({ r, expires: this.expiresAt(r) }))
        .sort((a, b) => Math.floor(b.expires / 1000) - Math.floor(a.expires / 1000))
        .map(({ r, expires }) => ({
          name: r.name,
          model: r.name,
          size: r.totalSize,
          digest: r.spec.digest,
          details: r.spec.details,
          expires_at: ISO(expires),
          size_vram: r.vramSize,
          context_length: r.opts.numCtx
        }))
    }))
  }

  /** GET routes with a JSON answer and no body to read (list, ps). */
  private async simple(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, on: "list" | "ps", body: () => unknown): Promise<void> {
    const f = this.faults.take(on, undefined)
    if (await this.fault(f, req, res, entry, { streamed: false, sample: () => [body()] })) return
    json(res, 200, body())
  }

  private async delete(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): Promise<void> {
    const body = await this.body(req, res, "DeleteRequest")
    if (body === undefined) return
    const err = checkFields(body, "DeleteRequest", { model: "string", name: "string" })
    if (err) return error(res, 400, err)
    const raw = (body.model as string | undefined) || (body.name as string | undefined) || ""
    if (raw === "" || !isValidName(raw)) return error(res, 400, `name ${JSON.stringify(raw)} is invalid`)
    Object.assign(entry, { model: raw })
    if (await this.fault(this.faults.take("delete", raw), req, res, entry, { streamed: false, sample: () => [{}] })) return
    const m = this.entry(raw)
    if (!m.present) return error(res, 404, `model '${raw}' not found`)
    m.present = false
    res.writeHead(200, { "Content-Length": "0" })
    res.end()
  }

  private async show(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): Promise<void> {
    const body = await this.body(req, res, "ShowRequest")
    if (body === undefined) return
    const err = checkFields(body, "ShowRequest", { model: "string", name: "string", system: "string", verbose: "bool", options: "object" })
    if (err) return error(res, 400, err)
    const raw = (body.model as string | undefined) || (body.name as string | undefined) || ""
    if (raw === "") return error(res, 400, "model is required")
    if (!isValidName(raw)) return error(res, 400, "invalid model name")
    Object.assign(entry, { model: raw })
    const m = this.entry(raw)
    const response = () => this.showBody(m, body.system as string | undefined)
    if (await this.fault(this.faults.take("show", raw), req, res, entry, { streamed: false, sample: () => [response()] })) return
    if (!m.present) return error(res, 404, `model '${normalizeName(raw)}' not found`)
    json(res, 200, response())
  }

  private showBody(m: ModelEntry, system: string | undefined): Record<string, unknown> {
    const e = m.spec.entry
    const params = Object.entries(e.params).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k.padEnd(30)} ${JSON.stringify(x)}`))
    const modelLayer = m.spec.layers[0]
    const modelfile = [
      '# Modelfile generated by "ollama show"',
      "# To build a new Modelfile based on this, replace FROM with:",
      `# FROM ${m.name}`,
      "",
      `FROM /root/.ollama/models/blobs/${modelLayer.digest.replace(":", "-")}`,
      `TEMPLATE """${e.template}"""`,
      ...Object.entries(e.params).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `PARAMETER ${k} ${String(x)}`)),
      `LICENSE """${e.license}"""`,
      ""
    ].join("\n")
    return {
      license: e.license,
      modelfile,
      ...(params.length > 0 ? { parameters: params.join("\n") } : {}),
      template: e.template,
      ...(system ? { system } : {}),
      details: m.spec.details,
      model_info: m.spec.modelInfo,
      tensors: m.spec.tensors.map((t) => ({ name: t.name, type: t.type, shape: t.shape })),
      capabilities: e.capabilities,
      modified_at: ISO(m.modifiedAt)
    }
  }

  private async pull(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): Promise<void> {
    const body = await this.body(req, res, "PullRequest")
    if (body === undefined) return
    const err = checkFields(body, "PullRequest", { model: "string", name: "string", insecure: "bool", stream: "bool" })
    if (err) return error(res, 400, err)
    const raw = (body.model as string | undefined) || (body.name as string | undefined) || ""
    if (raw === "" || !isValidName(raw)) return error(res, 400, "invalid model name")
    Object.assign(entry, { model: raw })
    const streamed = body.stream !== false
    const m = this.entry(raw)
    const events = () => this.pullEvents(m)
    if (await this.fault(this.faults.take("pull", raw), req, res, entry, { streamed, sample: events })) return
    const list = events()
    const failed = !m.pullable
    if (!streamed) {
      if (failed) return error(res, 500, "pull model manifest: file does not exist")
      m.present = true
      m.modifiedAt = this.now()
      return json(res, 200, { status: "success" })
    }
    res.writeHead(200, { "Content-Type": "application/x-ndjson" })
    if (failed) {
      res.end(JSON.stringify({ status: "pulling manifest" }) + "\n" + JSON.stringify({ error: "pull model manifest: file does not exist" }) + "\n")
      return
    }
    m.present = true
    m.modifiedAt = this.now()
    const signal = AbortSignal.any([clientGone(req, res), this.closing.signal])
    for (const event of list) {
      if (signal.aborted) return
      res.write(JSON.stringify(event) + "\n")
      // let the client see progress as a stream, not one burst
      await new Promise((resolve) => setImmediate(resolve))
    }
    res.end()
  }

  /** The status sequence of server/images.go PullModel and download.go. */
  private pullEvents(m: ModelEntry): Array<Record<string, unknown>> {
    const events: Array<Record<string, unknown>> = [{ status: "pulling manifest" }]
    if (!m.pullable) return [...events, { error: "pull model manifest: file does not exist" }]
    for (const layer of m.spec.layers) {
      const status = `pulling ${layer.digest.slice(7, 19)}`
      if (m.present) {
        events.push({ status, digest: layer.digest, total: layer.size, completed: layer.size })
        continue
      }
      events.push({ status, digest: layer.digest, total: layer.size })
      const steps = layer.size > 1_000_000 ? 4 : 1
      for (let i = 1; i <= steps; i++) {
        events.push({ status, digest: layer.digest, total: layer.size, completed: Math.round((layer.size * i) / steps) })
      }
    }
    events.push({ status: "verifying sha256 digest" }, { status: "writing manifest" }, { status: "success" })
    return events
  }

  private async generate(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, kind: "generate" | "chat"): Promise<void> {
    const started = process.hrtime.bigint()
    const goStruct = kind === "generate" ? "GenerateRequest" : "ChatRequest"
    const body = await this.body(req, res, goStruct)
    if (body === undefined) return
    const typeError = fieldCheck(body, goStruct, kind === "generate" ? GENERATE_FIELDS : CHAT_FIELDS)
    if (typeError) return error(res, 400, typeError)
    let keepAliveMs: number | undefined
    if (body.keep_alive !== undefined && body.keep_alive !== null) {
      try {
        keepAliveMs = decodeKeepAlive(body.keep_alive)
      } catch (e) {
        return error(res, 400, (e as Error).message)
      }
    }
    const raw = (body.model as string | undefined) ?? ""
    if (raw === "") return kind === "generate" ? error(res, 404, "model '' not found") : error(res, 400, "model is required")
    if (!isValidName(raw)) return error(res, 400, "invalid model name")
    Object.assign(entry, { model: raw, ...(body.format === undefined || body.format === null ? {} : { format: body.format }) })
    const messages = (body.messages as Array<Record<string, unknown>> | undefined) ?? []
    if (kind === "chat") {
      for (const msg of messages) {
        if (typeof msg !== "object" || msg === null || Array.isArray(msg)) {
          return error(res, 400, `json: cannot unmarshal ${typeof msg} into Go struct field ChatRequest.messages of type api.Message`)
        }
        const e = checkFields(msg, "ChatRequest.messages", { role: "string", content: "string" })
        if (e) return error(res, 400, e)
      }
    }
    const prompt = (body.prompt as string | undefined) ?? ""
    const empty = kind === "generate" ? prompt === "" : messages.length === 0
    const streamed = body.stream !== false
    const m = this.entry(raw)
    // what `{ match, reply }` replies are matched against: the system prompt and the prompt
    const requestText =
      kind === "generate"
        ? [body.system, prompt].filter((part): part is string => typeof part === "string" && part !== "").join("\n")
        : messages.map((msg) => String(msg.content ?? "")).join("\n")
    const reply = () => m.replies.peek(requestText)
    const sample = () => this.chunks(kind, raw, tokenize(reply()), streamed)
    const fault = this.faults.take(empty ? "load" : "generate", raw)
    if (await this.fault(fault, req, res, entry, { streamed: streamed && !empty, sample })) return
    // generate and chat fail through the scheduler's error path (server/routes.go handleScheduleError: %q)
    if (!m.present) return error(res, 404, `model ${JSON.stringify(raw)} not found, try pulling it first`)
    if (empty && keepAliveMs === 0) {
      this.scheduler.expire(m.name)
      return json(res, 200, this.doneChunk(kind, raw, "unload", {}))
    }
    if (body.raw === true && (body.template || body.system || (Array.isArray(body.context) && body.context.length > 0))) {
      return error(res, 400, "raw mode does not support template, system, or context")
    }
    const caps = m.spec.entry.capabilities
    const think = body.think
    if (think !== undefined && think !== null && think !== false && !caps.includes("thinking")) {
      return error(res, 400, `"${raw}" does not support thinking`)
    }
    const fullName = `registry.ollama.ai/library/${m.name}`
    if (kind === "chat" && Array.isArray(body.tools) && body.tools.length > 0 && !caps.includes("tools")) {
      return error(res, 400, `${fullName} does not support tools`)
    }
    if (kind === "generate" && typeof body.suffix === "string" && body.suffix !== "" && !caps.includes("insert")) {
      return error(res, 400, `${fullName} does not support insert`)
    }
    const options = (body.options as Record<string, unknown> | undefined) ?? {}
    const optionError = checkOptions(options)
    if (optionError) return error(res, 500, optionError)
    const contextLength = m.spec.entry.contextLength
    const requestedCtx = typeof options.num_ctx === "number" ? Math.trunc(options.num_ctx) : this.defaultNumCtx
    const numCtx = Math.min(Math.max(4, requestedCtx), contextLength)
    const runnerOpts: RunnerOptions = {
      numCtx,
      numBatch: typeof options.num_batch === "number" ? Math.trunc(options.num_batch) : 512,
      numGpu: typeof options.num_gpu === "number" ? Math.trunc(options.num_gpu) : -1
    }
    const signal = AbortSignal.any([clientGone(req, res), this.closing.signal])
    let runner: Runner
    try {
      runner = await this.scheduler.acquire(m.name, m.spec, runnerOpts, keepAliveMs, signal)
    } catch (e) {
      if (e instanceof Aborted) {
        if (!res.headersSent && !res.destroyed) error(res, 499, "request canceled")
        return
      }
      throw e
    }
    const loaded = process.hrtime.bigint()
    try {
      if (empty) return json(res, 200, this.doneChunk(kind, raw, "load", {}))
      const promptText =
        kind === "generate"
          ? `${(body.system as string | undefined) ?? ""}\n${prompt}`
          : messages.map((msg) => `${String(msg.role ?? "")}: ${String(msg.content ?? "")}`).join("\n")
      let promptTokens = countTokens(promptText) + (kind === "generate" ? 5 : 4 * Math.max(1, messages.length))
      if (promptTokens > numCtx) {
        if (body.truncate === false) return error(res, 400, "the input length exceeds the context length")
        promptTokens = numCtx
      }
      if (!(await runner.acquireSlot(signal))) return
      try {
        // the prompt as the runner saw it: template tokens (shown as BOS, id 1) and then the text
        const textIds = tokenIds(tokenize(promptText), m.spec.entry.geometry.vocabSize).slice(-promptTokens)
        const promptIds = [...new Array<number>(promptTokens - textIds.length).fill(1), ...textIds]
        await this.answer(res, kind, raw, m, { streamed, promptTokens, promptIds, options, numCtx, started, loaded, signal, requestText })
      } finally {
        runner.releaseSlot()
      }
    } finally {
      this.scheduler.release(runner)
    }
  }

  private doneChunk(kind: "generate" | "chat", model: string, reason: string, metrics: Record<string, unknown>): Record<string, unknown> {
    const head = { model, created_at: ISO(this.now()) }
    return kind === "generate"
      ? { ...head, response: "", done: true, done_reason: reason, ...metrics }
      : { ...head, message: { role: "assistant", content: "" }, done: true, done_reason: reason, ...metrics }
  }

  /** The NDJSON chunks of an answer (without metrics): used to shape truncated streams. */
  private chunks(kind: "generate" | "chat", model: string, tokens: ReadonlyArray<string>, streamed: boolean): Array<Record<string, unknown>> {
    const piece = (text: string, done: boolean) =>
      kind === "generate"
        ? { model, created_at: ISO(this.now()), response: text, done }
        : { model, created_at: ISO(this.now()), message: { role: "assistant", content: text }, done }
    if (!streamed) return [{ ...piece(tokens.join(""), true), done_reason: "stop" }]
    return [...tokens.map((t) => piece(t, false)), this.doneChunk(kind, model, "stop", {})]
  }

  private async answer(
    res: ServerResponse,
    kind: "generate" | "chat",
    model: string,
    m: ModelEntry,
    a: {
      readonly streamed: boolean
      readonly promptTokens: number
      readonly options: Record<string, unknown>
      readonly numCtx: number
      readonly started: bigint
      readonly loaded: bigint
      readonly signal: AbortSignal
      readonly promptIds: ReadonlyArray<number>
      readonly requestText: string
    }
  ): Promise<void> {
    const reply = m.replies.take(a.requestText)
    let tokens = tokenize(reply)
    let numPredict = typeof a.options.num_predict === "number" ? Math.trunc(a.options.num_predict) : -1
    if (numPredict < 0 || numPredict > 10 * a.numCtx) numPredict = 10 * a.numCtx
    let reason = "stop"
    if (tokens.length > numPredict) {
      tokens = tokens.slice(0, numPredict)
      reason = "length"
    }
    if (a.streamed) res.writeHead(200, { "Content-Type": "application/x-ndjson" })
    const promptStart = process.hrtime.bigint()
    if (!(await sleep(m.latencyMs, a.signal))) return
    const evalStart = process.hrtime.bigint()
    const interval = m.tokensPerSecond > 0 ? 1000 / m.tokensPerSecond : 0
    if (a.streamed) {
      for (let i = 0; i < tokens.length; i++) {
        if (i > 0 && interval > 0 && !(await sleep(interval, a.signal))) return
        if (a.signal.aborted) return
        const chunk =
          kind === "generate"
            ? { model, created_at: ISO(this.now()), response: tokens[i], done: false }
            : { model, created_at: ISO(this.now()), message: { role: "assistant", content: tokens[i] }, done: false }
        res.write(JSON.stringify(chunk) + "\n")
      }
    } else if (interval > 0 && tokens.length > 1) {
      if (!(await sleep(interval * (tokens.length - 1), a.signal))) return
    }
    const end = process.hrtime.bigint()
    const ns = (d: bigint) => Math.max(1, Number(d))
    const metrics: Record<string, unknown> = {
      ...(kind === "generate" ? { context: [...a.promptIds, ...tokenIds(tokens, m.spec.entry.geometry.vocabSize)] } : {}),
      total_duration: ns(end - a.started),
      load_duration: ns(a.loaded - a.started),
      prompt_eval_count: a.promptTokens,
      prompt_eval_duration: ns(evalStart - promptStart),
      eval_count: tokens.length,
      eval_duration: ns(end - evalStart)
    }
    const text = tokens.join("")
    const head = { model, created_at: ISO(this.now()) }
    if (a.streamed) {
      res.end(JSON.stringify(this.doneChunk(kind, model, reason, metrics)) + "\n")
      return
    }
    json(
      res,
      200,
      kind === "generate"
        ? { ...head, response: text, done: true, done_reason: reason, ...metrics }
        : { ...head, message: { role: "assistant", content: text }, done: true, done_reason: reason, ...metrics }
    )
  }
}
