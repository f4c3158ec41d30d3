// Shared pieces of the console's UI: the htm binding and formatting.
import { h } from "preact"
import htm from "htm"

export const html = htm.bind(h)

export const formatMs = (ms) => {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return "–"
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}

/** Whole seconds as people say them: `45 s`, `3 min`, `2 h 5 min`, `3 d 4 h`. */
export const formatSeconds = (seconds) => {
  if (seconds < 60) return `${seconds} s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`
  const [big, unit, small, smallUnit] =
    seconds < 86_400 ? [Math.floor(seconds / 3600), "h", Math.floor((seconds % 3600) / 60), "min"] : [Math.floor(seconds / 86_400), "d", Math.floor((seconds % 86_400) / 3600), "h"]
  return small > 0 ? `${big} ${unit} ${small} ${smallUnit}` : `${big} ${unit}`
}

export const formatGb = (gb) => `${Number(gb).toFixed(gb >= 10 ? 1 : 2)} GiB`

export const formatPercent = (share) => (share === null || share === undefined ? "–" : `${Math.round(share * 100)} %`)

export const Badge = ({ tone = "neutral", children, title }) => html`<span class=${`badge badge-${tone}`} title=${title}>${children}</span>`

/** An error as text: the code and the server's message. Never a blank page. */
export const ErrorText = ({ error }) =>
  error
    ? html`<div class="error" role="alert">
        <strong>${error.status ? `${error.status} ${error.code}` : error.code ?? "error"}</strong>
        <span>${error.message}</span>
      </div>`
    : null
