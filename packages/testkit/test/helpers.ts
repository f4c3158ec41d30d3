/** Raw HTTP helpers for the tests: what a client sees on the wire, status and body. */

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: () => any
}

export const call = async (url: string, method: string, body?: string | object, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Answer> => {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    ...(signal ? { signal } : {})
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) }
}

export const post = (url: string, body?: string | object, headers?: Record<string, string>) => call(url, "POST", body, headers)

/** An injectable clock for keep-alive tests. */
export const manualClock = (start = Date.UTC(2026, 0, 1)) => {
  let now = start
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    }
  }
}

/** Waits (polling, no fixed sleeps) until `check` is true. */
export const until = async (check: () => boolean | Promise<boolean>, what = "condition"): Promise<void> => {
  for (let i = 0; i < 2000; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`timed out waiting for ${what}`)
}
