// The result of a generation or a validation: the artifact rendered beside its source, the score,
// the issues (each linked to its line), every attempt of the ladder, and copy / download / exports.
import { useEffect, useRef, useState } from "preact/hooks"
import { exportArtifact } from "./api.js"
import { classify, highlightLines } from "./source.js"
import { Badge, ErrorText, formatMs, html } from "./ui.js"

let mermaidModule
const loadMermaid = async () => {
  mermaidModule ??= import("./vendor/mermaid/mermaid.esm.min.mjs").then(({ default: mermaid }) => {
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", suppressErrorRendering: true, theme: "neutral" })
    return mermaid
  })
  return mermaidModule
}

let renders = 0
/** The diagram drawn by mermaid in the browser, as an inline SVG; mermaid's own error when it cannot. */
const MermaidView = ({ content }) => {
  const [state, setState] = useState({ status: "drawing" })
  useEffect(() => {
    let current = true
    setState({ status: "drawing" })
    loadMermaid()
      .then((mermaid) => mermaid.render(`lfai-diagram-${++renders}`, content))
      .then(
        ({ svg }) => current && setState({ status: "drawn", svg }),
        (error) => current && setState({ status: "failed", message: String(error?.message ?? error) })
      )
    return () => {
      current = false
    }
  }, [content])
  useEffect(() => {
    // On the page's performance timeline: how long from the request to a drawn diagram.
    if (state.status === "drawn") performance.mark("lfai:diagram-drawn")
  }, [state])
  if (state.status === "drawing") return html`<p class="muted">Drawing the diagram…</p>`
  if (state.status === "failed") return html`<div class="render-error" role="status"><strong>Mermaid cannot draw this diagram</strong><pre>${state.message}</pre></div>`
  return html`<div class="diagram" role="img" aria-label="Rendered diagram" dangerouslySetInnerHTML=${{ __html: state.svg }}></div>`
}

/**
 * An HTML artifact in a sandboxed frame: its scripts run (allow-scripts) but without the console's
 * origin (no allow-same-origin), so they cannot reach this page; the frame's page allows no network.
 */
const HtmlView = ({ content, base }) => {
  const frame = useRef(null)
  const onLoad = () => {
    // Posted once per frame: the frame becomes the document, and a later load is the document's own.
    if (frame.current && !frame.current.dataset.sent) {
      frame.current.dataset.sent = "1"
      frame.current.contentWindow.postMessage({ html: content }, "*")
    }
  }
  return html`<iframe
    key=${content}
    ref=${frame}
    class="preview"
    title="HTML preview"
    sandbox="allow-scripts"
    referrerpolicy="no-referrer"
    src=${`${base}preview.html`}
    onLoad=${onLoad}
  ></iframe>`
}

/** The source, highlighted, one linkable line each; lines with issues are marked. */
const SourceView = ({ content, language, issues, focus }) => {
  const [lines, setLines] = useState(() => content.split("\n").map((line) => line.replace(/&/g, "&amp;").replace(/</g, "&lt;")))
  const container = useRef(null)
  useEffect(() => {
    let current = true
    highlightLines(content, language).then((highlighted) => current && setLines(highlighted))
    return () => {
      current = false
    }
  }, [content, language])
  useEffect(() => {
    if (!focus) return
    const line = container.current?.querySelector(`[data-line="${focus.line}"]`)
    if (line) {
      line.scrollIntoView({ block: "center", behavior: "smooth" })
      line.classList.remove("flash")
      void line.offsetWidth
      line.classList.add("flash")
    }
  }, [focus])
  const marks = new Map()
  for (const issue of issues ?? []) {
    if (issue.line === undefined) continue
    const worst = marks.get(issue.line)
    if (worst !== "error") marks.set(issue.line, issue.severity)
  }
  return html`<div class="source" ref=${container} role="region" aria-label="Source" tabindex="0">
    ${lines.map(
      (line, index) => html`<div class=${`line ${marks.has(index + 1) ? `mark-${marks.get(index + 1)}` : ""}`} data-line=${index + 1}>
        <span class="ln" aria-hidden="true">${index + 1}</span><code dangerouslySetInnerHTML=${{ __html: line || " " }}></code>
      </div>`
    )}
  </div>`
}

const SEVERITY_TONE = { error: "bad", warning: "warn", info: "neutral" }

const Issues = ({ issues, onJump }) => {
  if (!issues?.length) return html`<p class="muted">No issues.</p>`
  return html`<ul class="issues">
    ${issues.map(
      (issue) => html`<li>
        <${Badge} tone=${SEVERITY_TONE[issue.severity]}>${issue.severity}<//>
        <code class="issue-code">${issue.code}</code>
        <span class="issue-message">${issue.message}</span>
        ${issue.line !== undefined
          ? html`<button type="button" class="link" onClick=${() => onJump(issue.line)} aria-label=${`Go to line ${issue.line}`}>line ${issue.line}</button>`
          : null}
      </li>`
    )}
  </ul>`
}

const providerTone = (provider) => (provider === "ollama" ? "local" : "cloud")

/** Every try of the ladder, in order. */
export const Attempts = ({ attempts }) => {
  if (!attempts?.length) return null
  return html`<table class="attempts">
    <caption>Attempts</caption>
    <thead>
      <tr><th>#</th><th>Provider</th><th>Model</th><th>Step</th><th>Score</th><th>Verdict</th><th>Duration</th><th>Error</th></tr>
    </thead>
    <tbody>
      ${attempts.map(
        (attempt, index) => html`<tr>
          <td>${index + 1}</td>
          <td><${Badge} tone=${providerTone(attempt.provider)}>${attempt.provider}<//></td>
          <td><code>${attempt.model}</code></td>
          <td>${attempt.kind}</td>
          <td>${attempt.score ?? "–"}</td>
          <td>${attempt.error ? html`<${Badge} tone="bad">error<//>` : attempt.passed ? html`<${Badge} tone="good">passed<//>` : html`<${Badge} tone="warn">failed<//>`}</td>
          <td>${formatMs(attempt.durationMs)}</td>
          <td class="attempt-error">${attempt.error ? `${attempt.error.tag}: ${attempt.error.message}` : ""}</td>
        </tr>`
      )}
    </tbody>
  </table>`
}

const download = (name, text, type = "text/plain") => {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = Object.assign(document.createElement("a"), { href: url, download: name })
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** A downloaded export's file extension, from the media type the server answered with. */
const EXPORT_EXTENSIONS = { "text/csv": "csv", "text/markdown": "md", "application/json": "json", "text/html": "html", "application/yaml": "yaml", "text/plain": "txt" }
const EXPORT_LABELS = { csv: "CSV", json: "JSON", markdown: "Markdown", html: "HTML", yaml: "YAML" }

/**
 * Copy, download, and the plugin's exports (`POST /v1/export/{artifact}`) when it offers some;
 * the server exports only content that passes, so they wait for a passing result.
 */
const Actions = ({ artifact, content, extension, exports, params, passed }) => {
  const [note, setNote] = useState("")
  const [error, setError] = useState(undefined)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(content)
      setNote("Copied")
    } catch {
      setNote("The browser did not allow copying; select the source instead")
    }
  }
  const exportAs = async (as) => {
    setError(undefined)
    try {
      const exported = await exportArtifact(artifact, { content, as, ...params })
      download(`${artifact}.${EXPORT_EXTENSIONS[exported.type] ?? as}`, exported.text, exported.type)
      setNote(`Exported ${EXPORT_LABELS[as] ?? as}`)
    } catch (failure) {
      setError(failure)
    }
  }
  return html`<div class="actions">
    <button type="button" onClick=${copy}>Copy</button>
    <button type="button" onClick=${() => download(`${artifact}.${extension}`, content)}>Download</button>
    ${(exports ?? []).map(
      (as) => html`<button
        type="button"
        disabled=${!passed}
        title=${passed ? `Download it as ${EXPORT_LABELS[as] ?? as}, rendered by the server` : "Only content that passes can be exported"}
        onClick=${() => exportAs(as)}
      >
        Export ${EXPORT_LABELS[as] ?? as}
      </button>`
    )}
    <span class="note" role="status">${note}</span>
    <${ErrorText} error=${error} />
  </div>`
}

/**
 * The whole result. `result` is a generation or a validation; `content` is what was
 * judged; `plugin` the artifact's entry from /v1/plugins.
 */
export const ResultView = ({ result, content, plugin, params, base, exportsEnabled }) => {
  const [focus, setFocus] = useState(undefined)
  const kind = classify(content, params)
  const threshold = result.threshold ?? plugin?.threshold
  const rendered = kind.view === "mermaid" ? html`<${MermaidView} content=${content} />` : kind.view === "html" ? html`<${HtmlView} content=${content} base=${base} />` : null
  return html`<section class="result" aria-label="Result">
    <header class="result-head">
      <div class="verdict">
        ${result.passed ? html`<${Badge} tone="good">Passed<//>` : html`<${Badge} tone="bad">Failed<//>`}
        <span class="score" aria-label="Score">
          <strong>${result.score}</strong><span class="muted"> / 100</span>
          ${threshold !== undefined ? html`<span class="muted"> · pass mark ${threshold}</span>` : null}
        </span>
        <meter min="0" max="100" low=${threshold ?? 70} optimum="100" high=${Math.min(99, (threshold ?? 70) + 1)} value=${result.score} aria-label="Score meter"></meter>
      </div>
      ${result.provider
        ? html`<div class="origin">
            <${Badge} tone=${providerTone(result.provider)}>${result.provider === "ollama" ? "local" : "cloud"}<//>
            <code>${result.model}</code>
            <span class="muted">${formatMs(result.durationMs)}</span>
          </div>`
        : null}
    </header>
    ${result.reason ? html`<p class="reason"><strong>Why:</strong> ${result.reason}</p>` : null}
    <${Actions}
      artifact=${result.artifact}
      content=${content}
      extension=${kind.extension}
      exports=${exportsEnabled ? plugin?.exports : undefined}
      params=${params}
      passed=${result.passed}
    />
    <div class=${rendered ? "panes" : "panes single"}>
      ${rendered ? html`<div class="pane rendered"><h3>Rendered</h3>${rendered}</div>` : null}
      <div class="pane"><h3>Source <span class="muted">(${kind.language})</span></h3><${SourceView} content=${content} language=${kind.language} issues=${result.issues} focus=${focus} /></div>
    </div>
    <h3>Issues</h3>
    <${Issues} issues=${result.issues} onJump=${(line) => setFocus({ line, at: Date.now() })} />
    <${Attempts} attempts=${result.attempts} />
  </section>`
}
