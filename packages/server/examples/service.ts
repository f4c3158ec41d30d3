/**
 * An internal service calling lfai over HTTP, with nothing but fetch.
 *
 *   npx lfai serve --port 8787 &            # or: node --conditions=@lfai/source packages/server/examples/serve.ts
 *   LFAI_URL=http://127.0.0.1:8787 node --conditions=@lfai/source packages/server/examples/service.ts "a library: books, members, loans"
 *
 * With a token (`LFAI_TOKEN=… npx lfai serve --host 0.0.0.0`), set the same LFAI_TOKEN here.
 */

const base = process.env.LFAI_URL ?? "http://127.0.0.1:8787"
const token = process.env.LFAI_TOKEN

interface ApiError {
  readonly error: { readonly code: string; readonly message: string; readonly [key: string]: unknown }
}

/** POSTs JSON; waits out a 429 as its Retry-After says; throws the server's own message on an error. */
const post = async <A>(path: string, body: unknown, attempts = 5): Promise<A> => {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body)
  })
  if (response.status === 429 && attempts > 1) {
    const seconds = Number(response.headers.get("retry-after") ?? "1")
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
    return post(path, body, attempts - 1)
  }
  const json = (await response.json()) as A | ApiError
  if (!response.ok) {
    const { error } = json as ApiError
    throw new Error(`${response.status} ${error.code}: ${error.message}`)
  }
  return json as A
}

interface GenerateResult {
  readonly artifact: string
  readonly content: string
  readonly provider: "ollama" | "gemini" | string
  readonly model: string
  readonly score: number
  readonly passed: boolean
  readonly issues: ReadonlyArray<{ readonly code: string; readonly severity: string; readonly message: string }>
  readonly attempts: ReadonlyArray<unknown>
  readonly durationMs: number
  readonly reason?: string
}

const prompt = process.argv[2] ?? "a library: books, members, loans"

try {
  // 200 whether it passed or not: read `passed`. A 502 (no content at all) throws above.
  const result = await post<GenerateResult>("/v1/artifacts/erd", { prompt })
  console.log(result.content)
  console.error(
    `${result.passed ? "passed" : "did not pass"}: score ${result.score} from ${result.provider} ${result.model} after ${result.attempts.length} attempt(s) in ${Math.round(result.durationMs)} ms${result.reason ? ` — ${result.reason}` : ""}`
  )

  // The validator alone, e.g. for a diagram a person edited.
  const check = await post<{ score: number; passed: boolean; issues: ReadonlyArray<{ message: string }> }>("/v1/validate/erd", { content: result.content })
  console.error(`re-validated: score ${check.score}, ${check.issues.length} issue(s)`)
  process.exitCode = result.passed ? 0 : 1
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
}
