// The lfai console: generate and validate any artifact the server offers, watch the GPU and the
// stats. It reads the JSON API only and keeps no state of its own beyond the page.
import { render } from "preact"
import { useCallback, useEffect, useRef, useState } from "preact/hooks"
import { ApiError, call, generate, getToken, onUnauthorized, setToken } from "./api.js"
import { StatsPanel, VramPanel } from "./panels.js"
import { Attempts, ResultView } from "./result.js"
import { Badge, ErrorText, formatMs, html } from "./ui.js"

const BASE = new URL("./", import.meta.url).pathname
const REFRESH_MS = 3000

/** What the server's API offers beyond the basics, read from its OpenAPI document. */
const readFeatures = (openapi) => ({
  exports: Boolean(openapi?.paths?.["/v1/export/{artifact}"]),
  validatePrompt: Boolean(openapi?.components?.schemas?.ValidateRequest?.properties?.prompt)
})

const label = (name) => name.charAt(0).toUpperCase() + name.slice(1)

/** The artifact select, with its description and the artifact's parameters as further selects. */
const ArtifactPicker = ({ plugins, artifact, onArtifact, params, onParams, idPrefix }) => {
  const plugin = plugins.find((candidate) => candidate.id === artifact)
  return html`<div class="picker">
    <div class="field">
      <label for=${`${idPrefix}-artifact`}>Artifact</label>
      <select id=${`${idPrefix}-artifact`} value=${artifact} onChange=${(event) => onArtifact(event.currentTarget.value)}>
        ${plugins.map((candidate) => html`<option value=${candidate.id}>${candidate.title} (${candidate.id})</option>`)}
      </select>
    </div>
    ${Object.entries(plugin?.params ?? {}).map(
      ([name, allowed]) => html`<div class="field">
        <label for=${`${idPrefix}-param-${name}`}>${label(name)}</label>
        <select id=${`${idPrefix}-param-${name}`} value=${params[name] ?? ""} onChange=${(event) => onParams({ ...params, [name]: event.currentTarget.value })}>
          <option value="">inferred</option>
          ${allowed.map((value) => html`<option value=${value}>${value}</option>`)}
        </select>
      </div>`
    )}
    ${plugin
      ? html`<p class="plugin-info muted">
          ${plugin.description} · model <code>${plugin.model}</code> <${Badge} tone=${plugin.residency === "persistent" ? "local" : "neutral"}>${plugin.residency}<//> · pass mark ${plugin.threshold}
        </p>`
      : null}
  </div>`
}

const chosenParams = (params) => Object.fromEntries(Object.entries(params).filter(([, value]) => value))

/** One line of the ladder's progress, from a pipeline event. */
const describeEvent = (event) => {
  switch (event.type) {
    case "route":
      return `Routed to ${event.model} (context ${event.numCtx} tokens)`
    case "pull":
      return `Pulling ${event.progress.model}: ${event.progress.status}${event.progress.total ? ` ${Math.round((100 * (event.progress.completed ?? 0)) / event.progress.total)} %` : ""}`
    case "lease":
      return `Waiting for GPU room for ${event.model}`
    case "leased":
      return `${event.model} has its VRAM`
    case "attempt":
      return `${event.kind === "generate" ? "Asking" : event.kind === "repair" ? "Repair round with" : "Retrying"} ${event.provider} ${event.model}…`
    case "attempted": {
      const attempt = event.attempt
      if (attempt.error) return `${attempt.provider} ${attempt.model}: ${attempt.error.tag} after ${formatMs(attempt.durationMs)}`
      return `${attempt.provider} ${attempt.model}: score ${attempt.score}, ${attempt.passed ? "passed" : "failed"} (${formatMs(attempt.durationMs)})`
    }
    case "fallback":
      return `Falling back to the cloud: ${event.provider} ${event.model}`
    default:
      return undefined
  }
}

const useElapsed = (since) => {
  const [now, setNow] = useState(() => performance.now())
  useEffect(() => {
    if (since === undefined) return
    const timer = setInterval(() => setNow(performance.now()), 100)
    return () => clearInterval(timer)
  }, [since])
  return since === undefined ? 0 : now - since
}

const Progress = ({ run, onCancel }) => {
  const elapsed = useElapsed(run.started)
  const draft = useRef(null)
  useEffect(() => {
    if (draft.current) draft.current.scrollTop = draft.current.scrollHeight
  }, [run.draft])
  return html`<section class="progress" aria-label="Progress" aria-live="polite">
    <div class="progress-head">
      <span class="spinner" aria-hidden="true"></span>
      <strong>generating…</strong>
      <span class="muted" aria-label="Elapsed">${formatMs(elapsed)}</span>
      <button type="button" class="secondary" onClick=${onCancel}>Cancel</button>
    </div>
    ${run.steps.length ? html`<ol class="steps">${run.steps.map((step) => html`<li>${step}</li>`)}</ol>` : null}
    ${run.draft ? html`<pre class="draft" ref=${draft} aria-label="Draft so far">${run.draft.slice(-4000)}</pre>` : null}
  </section>`
}

const GenerateTab = ({ plugins, features, onDone }) => {
  const [artifact, setArtifact] = useState(plugins[0]?.id ?? "")
  const [params, setParams] = useState({})
  const [prompt, setPrompt] = useState("")
  const [run, setRun] = useState(undefined)
  const [outcome, setOutcome] = useState(undefined)
  const controller = useRef(undefined)

  const submit = async (event) => {
    event.preventDefault()
    const chosen = chosenParams(params)
    performance.mark("lfai:generate")
    const abort = new AbortController()
    controller.current = abort
    setOutcome(undefined)
    setRun({ started: performance.now(), steps: [], draft: "" })
    try {
      const result = await generate(
        artifact,
        { prompt, ...chosen },
        {
          signal: abort.signal,
          onEvent: (pipelineEvent) =>
            setRun((current) => {
              if (!current) return current
              if (pipelineEvent.type === "token") return { ...current, draft: current.draft + pipelineEvent.text }
              // A new attempt starts a new draft.
              const draft = pipelineEvent.type === "attempt" ? "" : current.draft
              const line = describeEvent(pipelineEvent)
              if (!line) return current
              const steps = pipelineEvent.type === "pull" && current.steps.at(-1)?.startsWith("Pulling") ? [...current.steps.slice(0, -1), line] : [...current.steps, line]
              return { ...current, steps, draft }
            })
        }
      )
      setOutcome({ result, params: chosen, plugin: plugins.find((candidate) => candidate.id === artifact) })
    } catch (error) {
      setOutcome({ error: error.name === "AbortError" ? new ApiError(0, "cancelled", "the generation was cancelled") : error })
    } finally {
      controller.current = undefined
      setRun(undefined)
      onDone()
    }
  }

  return html`<div>
    <form class="request" onSubmit=${submit}>
      <${ArtifactPicker} plugins=${plugins} artifact=${artifact} onArtifact=${(id) => (setArtifact(id), setParams({}))} params=${params} onParams=${setParams} idPrefix="generate" />
      <div class="field grow">
        <label for="generate-prompt">Prompt</label>
        <textarea id="generate-prompt" rows="4" value=${prompt} onInput=${(event) => setPrompt(event.currentTarget.value)} placeholder="a library: books, members, loans" required></textarea>
      </div>
      <div class="buttons">
        <button type="submit" disabled=${run !== undefined || !artifact}>Generate</button>
      </div>
    </form>
    ${run ? html`<${Progress} run=${run} onCancel=${() => controller.current?.abort()} />` : null}
    ${outcome?.error
      ? html`<div class="failure">
          <${ErrorText} error=${outcome.error} />
          ${outcome.error.detail?.reason ? html`<p class="reason"><strong>Why:</strong> ${outcome.error.detail.reason}</p>` : null}
          <${Attempts} attempts=${outcome.error.detail?.attempts} />
        </div>`
      : null}
    ${outcome?.result
      ? html`<${ResultView} result=${outcome.result} content=${outcome.result.content} plugin=${outcome.plugin} params=${outcome.params} base=${BASE} exportsEnabled=${features.exports} />`
      : null}
  </div>`
}

const ValidateTab = ({ plugins, features, onDone }) => {
  const [artifact, setArtifact] = useState(plugins[0]?.id ?? "")
  const [params, setParams] = useState({})
  const [content, setContent] = useState("")
  const [request, setRequest] = useState("")
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState(undefined)

  const submit = async (event) => {
    event.preventDefault()
    const chosen = chosenParams(params)
    setBusy(true)
    setOutcome(undefined)
    try {
      const body = { content, ...chosen, ...(features.validatePrompt && request.trim() ? { prompt: request } : {}) }
      const result = await call(`/v1/validate/${encodeURIComponent(artifact)}`, { method: "POST", body })
      setOutcome({ result, content, params: chosen, plugin: plugins.find((candidate) => candidate.id === artifact) })
    } catch (error) {
      setOutcome({ error })
    } finally {
      setBusy(false)
      onDone()
    }
  }

  return html`<div>
    <form class="request" onSubmit=${submit}>
      <${ArtifactPicker} plugins=${plugins} artifact=${artifact} onArtifact=${(id) => (setArtifact(id), setParams({}))} params=${params} onParams=${setParams} idPrefix="validate" />
      <div class="field grow">
        <label for="validate-content">Content</label>
        <textarea id="validate-content" class="mono" rows="10" value=${content} onInput=${(event) => setContent(event.currentTarget.value)} placeholder="Paste an artifact: a Mermaid diagram, HTML, code, an OpenAPI document…" required></textarea>
      </div>
      ${features.validatePrompt
        ? html`<div class="field grow">
            <label for="validate-request">Judge against the request (optional)</label>
            <input id="validate-request" type="text" value=${request} onInput=${(event) => setRequest(event.currentTarget.value)} placeholder="the request the content answers" />
          </div>`
        : null}
      <div class="buttons">
        <button type="submit" disabled=${busy || !artifact}>Validate</button>
      </div>
    </form>
    ${outcome?.error ? html`<${ErrorText} error=${outcome.error} />` : null}
    ${outcome?.result
      ? html`<${ResultView} result=${outcome.result} content=${outcome.content} plugin=${outcome.plugin} params=${outcome.params} base=${BASE} exportsEnabled=${features.exports} />`
      : null}
  </div>`
}

/** Asked when the server wants a bearer token (a 401). */
const TokenForm = ({ rejected, onToken }) => {
  const [value, setValue] = useState("")
  return html`<section class="token panel" aria-label="Token required">
    <h2>This server requires a token</h2>
    <p class="muted">Enter the server's token (its <code>LFAI_TOKEN</code> or <code>--token</code>). It is sent as a bearer header and kept for this tab only.</p>
    ${rejected ? html`<p class="error" role="alert">The server did not accept that token.</p>` : null}
    <form
      onSubmit=${(event) => {
        event.preventDefault()
        onToken(value)
      }}
    >
      <div class="field">
        <label for="token">Token</label>
        <input id="token" type="password" autocomplete="off" value=${value} onInput=${(event) => setValue(event.currentTarget.value)} required />
      </div>
      <div class="buttons"><button type="submit">Connect</button></div>
    </form>
  </section>`
}

/** Polls an endpoint while the page is visible; keeps the last good answer beside the last error. */
const usePoll = (path, enabled, nonce) => {
  const [state, setState] = useState({})
  useEffect(() => {
    if (!enabled) return
    let current = true
    const load = () => {
      if (document.hidden) return
      call(path).then(
        (data) => current && setState({ data }),
        (error) => current && setState((previous) => ({ data: previous.data, error }))
      )
    }
    load()
    const timer = setInterval(load, REFRESH_MS)
    return () => {
      current = false
      clearInterval(timer)
    }
  }, [path, enabled, nonce])
  return state
}

const App = () => {
  const [plugins, setPlugins] = useState(undefined)
  const [features, setFeatures] = useState({ exports: false, validatePrompt: false })
  const [error, setError] = useState(undefined)
  const [auth, setAuth] = useState({ needed: false, rejected: false })
  const [tab, setTab] = useState("generate")
  const [nonce, setNonce] = useState(0)

  useEffect(() => onUnauthorized((hadToken) => setAuth({ needed: true, rejected: hadToken })), [])

  const connect = useCallback(() => {
    setError(undefined)
    call("/v1/plugins").then(
      (list) => {
        setAuth({ needed: false, rejected: false })
        setPlugins(list)
        call("/openapi.json").then(readFeatures, () => readFeatures(undefined)).then(setFeatures)
      },
      (failure) => {
        if (failure.status !== 401) setError(failure)
      }
    )
  }, [])
  useEffect(connect, [connect])

  const connected = plugins !== undefined && !auth.needed
  const vram = usePoll("/v1/vram", connected, nonce)
  const stats = usePoll("/v1/stats", connected, nonce)
  const refresh = () => setNonce((value) => value + 1)

  return html`<div class="shell">
    <header class="top">
      <h1><span class="logo" aria-hidden="true">◆</span> lfai <span class="muted">console</span></h1>
      <nav class="links">
        <a href="/docs">API reference</a>
        ${getToken() ? html`<button type="button" class="secondary small" onClick=${() => (setToken(""), location.reload())}>Forget token</button>` : null}
      </nav>
    </header>
    ${auth.needed
      ? html`<main class="main single"><${TokenForm} rejected=${auth.rejected} onToken=${(value) => (setToken(value), connect())} /></main>`
      : html`<main class="main">
          <div class="work">
            ${error
              ? html`<div class="panel"><${ErrorText} error=${error} /><button type="button" onClick=${connect}>Retry</button></div>`
              : !plugins
                ? html`<p class="muted">Connecting to the server…</p>`
                : plugins.length === 0
                  ? html`<p class="error">This server has no artifact plugin.</p>`
                  : html`<div class="tabs" role="tablist" aria-label="Mode">
                        <button type="button" role="tab" id="tab-generate" aria-selected=${tab === "generate"} aria-controls="panel-generate" onClick=${() => setTab("generate")}>Generate</button>
                        <button type="button" role="tab" id="tab-validate" aria-selected=${tab === "validate"} aria-controls="panel-validate" onClick=${() => setTab("validate")}>Validate</button>
                      </div>
                      <div role="tabpanel" id="panel-generate" aria-labelledby="tab-generate" hidden=${tab !== "generate"}>
                        <${GenerateTab} plugins=${plugins} features=${features} onDone=${refresh} />
                      </div>
                      <div role="tabpanel" id="panel-validate" aria-labelledby="tab-validate" hidden=${tab !== "validate"}>
                        <${ValidateTab} plugins=${plugins} features=${features} onDone=${refresh} />
                      </div>`}
          </div>
          <aside class="side">
            <${VramPanel} vram=${vram.data} error=${vram.error} />
            <${StatsPanel} stats=${stats.data} error=${stats.error} />
          </aside>
        </main>`}
  </div>`
}

const root = document.getElementById("app")
root.textContent = ""
render(html`<${App} />`, root)
