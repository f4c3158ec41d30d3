// The console's only way to the server: the JSON API, with the bearer token when the server wants one.

const TOKEN_KEY = "lfai.token"

/** An answer that is not a success, as text a person can act on. */
export class ApiError extends Error {
  constructor(status, code, message, detail) {
    super(message)
    this.status = status
    this.code = code
    this.detail = detail ?? {}
  }
}

let token = sessionStorage.getItem(TOKEN_KEY) ?? ""
const listeners = new Set()

export const getToken = () => token
export const setToken = (value) => {
  token = value.trim()
  if (token) sessionStorage.setItem(TOKEN_KEY, token)
  else sessionStorage.removeItem(TOKEN_KEY)
}
/** Called with every 401, so the page can ask for the token. */
export const onUnauthorized = (listener) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const headers = (extra = {}) => ({ ...extra, ...(token ? { authorization: `Bearer ${token}` } : {}) })

const unreachable = (error) =>
  new ApiError(0, "unreachable", `cannot reach the lfai server at ${location.origin} (${error.message}); is \`lfai serve\` still running?`)

const failure = async (response) => {
  const text = await response.text().catch(() => "")
  let body
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  const detail = body?.error
  if (response.status === 401) for (const listener of listeners) listener(Boolean(token))
  return new ApiError(
    response.status,
    detail?.code ?? `http_${response.status}`,
    detail?.message ?? `the server answered ${response.status} ${response.statusText}${text ? `: ${text.slice(0, 300)}` : ""}`,
    detail
  )
}

/** One request with a JSON body (if any); resolves with a successful response, rejects with an ApiError. */
const request = async (path, { method = "GET", body, signal, accept = "application/json" } = {}) => {
  let response
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: headers({ accept, ...(body === undefined ? {} : { "content-type": "application/json" }) }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
  } catch (error) {
    if (error.name === "AbortError") throw error
    throw unreachable(error)
  }
  if (!response.ok) throw await failure(response)
  return response
}

/** One call; resolves with the parsed JSON (or text), rejects with an ApiError. */
export const call = async (path, options) => {
  const response = await request(path, options)
  return (response.headers.get("content-type") ?? "").includes("json") ? response.json() : response.text()
}

/** An export (`POST /v1/export/{artifact}` with `{ content, as, …params }`): its text and its media type. */
export const exportArtifact = async (artifact, body) => {
  const response = await request(`/v1/export/${encodeURIComponent(artifact)}`, { method: "POST", body, accept: "*/*" })
  return { text: await response.text(), type: (response.headers.get("content-type") ?? "text/plain").split(";")[0].trim() }
}

/**
 * A generation. When the server streams the pipeline's progress (`text/event-stream`), each event
 * goes to `onEvent` as it happens; the result is the `result` event. A server that answers with
 * plain JSON works too: the result comes at the end.
 */
export const generate = async (artifact, body, { onEvent, signal }) => {
  let response
  try {
    response = await fetch(`/v1/artifacts/${encodeURIComponent(artifact)}`, {
      method: "POST",
      signal,
      headers: headers({ accept: "text/event-stream, application/json", "content-type": "application/json" }),
      body: JSON.stringify(body)
    })
  } catch (error) {
    if (error.name === "AbortError") throw error
    throw unreachable(error)
  }
  if (!response.ok) throw await failure(response)
  if (!(response.headers.get("content-type") ?? "").startsWith("text/event-stream")) return response.json()

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ""
  for (;;) {
    let chunk
    try {
      chunk = await reader.read()
    } catch (error) {
      if (error.name === "AbortError") throw error
      throw unreachable(error)
    }
    if (chunk.done) break
    buffer += chunk.value
    let end
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const type = /^event: (.*)$/m.exec(block)?.[1] ?? "message"
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n")
      if (!data) continue
      const event = JSON.parse(data)
      if (type === "result") return event
      if (type === "error") throw new ApiError(event.status, event.error.code, event.error.message, event.error)
      onEvent?.(event)
    }
  }
  throw new ApiError(0, "interrupted", "the server closed the progress stream before the result arrived")
}
