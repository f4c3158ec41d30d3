// The live panels: the GPU budget (/v1/vram) and the per-artifact stats (/v1/stats).
import { Badge, ErrorText, formatGb, formatMs, formatPercent, formatSeconds, html } from "./ui.js"

const RESIDENCY_TONE = { persistent: "local", "on-demand": "neutral", foreign: "warn" }

const Bar = ({ used, total, label }) => {
  const percent = total > 0 ? Math.min(100, (used / total) * 100) : 0
  return html`<div class="bar" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax=${total} aria-valuenow=${used}>
    <div class=${`fill ${percent > 90 ? "hot" : ""}`} style=${{ width: `${percent}%` }}></div>
  </div>`
}

/**
 * What a loaded model is doing: held by requests, or idle for how long. Nothing when the budget
 * cannot tell (loading, unloading, loaded outside lfai, or left by an earlier lfai process).
 */
const Use = ({ model }) => {
  if (model.leases > 0) return html`<${Badge} tone="good">in use × ${model.leases}<//>`
  if (typeof model.idleSeconds !== "number") return null
  return html`<span class="muted idle" title=${`no request has used it for ${model.idleSeconds} s`}>idle ${formatSeconds(model.idleSeconds)}</span>`
}

const Model = ({ model }) => html`<li class="model">
  <div class="model-name"><code>${model.name}</code></div>
  <div class="model-meta">
    <span>${formatGb(model.sizeVramGb)}</span>
    <${Badge} tone=${RESIDENCY_TONE[model.residency] ?? "neutral"}>${model.residency}<//>
    <${Use} model=${model} />
  </div>
</li>`

const Models = ({ models }) =>
  models.length ? html`<ul class="models">${models.map((model) => html`<${Model} model=${model} />`)}</ul>` : html`<p class="muted small">No model loaded.</p>`

/** The header's badge: Ollama up or not; with several hosts, how many answer. */
const Reachability = ({ vram, hosts }) => {
  if (!hosts) return html`<${Badge} tone=${vram.ollama === "reachable" ? "good" : "bad"}>${vram.ollama === "reachable" ? "Ollama up" : "Ollama unreachable"}<//>`
  const up = hosts.filter((host) => host.up !== false).length
  return html`<${Badge} tone=${up === hosts.length ? "good" : up === 0 ? "bad" : "warn"}>${up} of ${hosts.length} hosts up<//>`
}

/** One budget: a host's, or the whole server's when there is one host. */
const Budget = ({ report }) => html`
  <div class="budget-line">
    <strong>${formatGb(report.usedGb)}</strong><span class="muted"> of ${formatGb(report.totalGb)}</span>
    <span class="muted right">${Math.round(report.usagePercent ?? (report.usedGb / report.totalGb) * 100)} %</span>
  </div>
  <${Bar} used=${report.usedGb} total=${report.totalGb} label="VRAM used" />
`

export const VramPanel = ({ vram, error }) => {
  if (!vram) return html`<section class="panel" aria-label="GPU"><h2>GPU</h2>${error ? html`<${ErrorText} error=${error} />` : html`<p class="muted">Loading…</p>`}</section>`
  // Several Ollama hosts: each with its own budget, and the models loaded on it.
  const hosts = Array.isArray(vram.hosts) && vram.hosts.length > 1 ? vram.hosts : undefined
  return html`<section class="panel" aria-label="GPU">
    <h2>
      GPU
      ${error ? html`<${Badge} tone="neutral">last known<//>` : html`<${Reachability} vram=${vram} hosts=${hosts} />`}
    </h2>
    <${Budget} report=${vram} />
    ${vram.queued > 0 ? html`<p><${Badge} tone="warn">${vram.queued} waiting for VRAM<//></p>` : null}
    ${hosts
      ? html`<h3>Hosts</h3>
          <ul class="hosts">
            ${hosts.map(
              (host) => html`<li class="host" aria-label=${`Ollama host ${host.url}`}>
                <div class="host-name">
                  <code>${host.url}</code>
                  ${host.up === false ? html`<${Badge} tone="bad">down<//>` : html`<${Badge} tone="good">up<//>`}
                  ${host.queued > 0 ? html`<${Badge} tone="warn">${host.queued} waiting<//>` : null}
                </div>
                <${Budget} report=${host} />
                <${Models} models=${host.models ?? []} />
              </li>`
            )}
          </ul>`
      : html`<h3>Loaded models</h3>
          <${Models} models=${vram.models} />`}
    ${vram.warnings.map((warning) => html`<p class="warning small">${warning}</p>`)}
    <${ErrorText} error=${error} />
  </section>`
}

/** An upper estimate of a quantile from cumulative histogram buckets `[upper bound, count]`. */
export const quantile = (distribution, q) => {
  if (!distribution || distribution.count === 0) return undefined
  const wanted = q * distribution.count
  for (const [bound, cumulative] of distribution.buckets) {
    if (cumulative >= wanted) return Math.min(Math.max(bound, distribution.min), distribution.max)
  }
  return distribution.max
}

export const StatsPanel = ({ stats, error }) => {
  if (!stats) return html`<section class="panel" aria-label="Stats"><h2>Stats</h2>${error ? html`<${ErrorText} error=${error} />` : html`<p class="muted">Loading…</p>`}</section>`
  const rows = Object.entries(stats).filter(([, row]) => row.total_requests > 0)
  const total = rows.reduce((sum, [, row]) => sum + row.total_requests, 0)
  const local = rows.reduce((sum, [, row]) => sum + row.local, 0)
  const fallbacks = rows.reduce((sum, [, row]) => sum + row.fallback, 0)
  const tokens = rows.reduce((sum, [, row]) => sum + row.cloud_tokens.prompt + row.cloud_tokens.completion, 0)
  const answered = local + fallbacks
  return html`<section class="panel" aria-label="Stats">
    <h2>Stats</h2>
    <dl class="figures">
      <div><dt>Requests</dt><dd>${total}</dd></div>
      <div><dt>Local share</dt><dd>${answered ? formatPercent(local / answered) : "–"}</dd></div>
      <div><dt>Fallbacks</dt><dd>${fallbacks}</dd></div>
      <div><dt>Cloud tokens</dt><dd>${tokens}</dd></div>
    </dl>
    ${rows.length
      ? html`<table class="stats">
          <thead><tr><th>Artifact</th><th>Req.</th><th>Passed</th><th>Local</th><th title="upper estimates from the latency histogram">p50</th><th title="upper estimates from the latency histogram">p99</th></tr></thead>
          <tbody>
            ${rows.map(
              ([artifact, row]) => html`<tr>
                <td>${artifact}</td>
                <td>${row.total_requests}</td>
                <td>${row.successful_requests}</td>
                <td>${formatPercent(row.local_share)}</td>
                <td>${formatMs(quantile(row.latency_ms, 0.5))}</td>
                <td>${formatMs(quantile(row.latency_ms, 0.99))}</td>
              </tr>`
            )}
          </tbody>
        </table>`
      : html`<p class="muted">No request yet.</p>`}
    <${ErrorText} error=${error} />
  </section>`
}
