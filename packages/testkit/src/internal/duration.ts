/**
 * `keep_alive` as Ollama reads it (api/types.go `Duration.UnmarshalJSON`): a number is seconds, a
 * string is a Go duration ("5m", "1h30m", "300ms"), a negative value keeps the model loaded
 * forever (math.MaxInt64 nanoseconds), and any other JSON type is an error.
 */

/** math.MaxInt64 nanoseconds, in milliseconds: what "forever" adds to now (about 292 years). */
export const FOREVER_MS = 9_223_372_036_854.775

const unitNanos: Record<string, number> = {
  ns: 1,
  us: 1e3,
  "µs": 1e3,
  "μs": 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9
}

const quote = (s: string) => JSON.stringify(s)

/** Go's time.ParseDuration, in nanoseconds; throws with Go's error text. */
export const parseGoDuration = (s: string): number => {
  const orig = s
  let negative = false
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s[0] === "-"
    s = s.slice(1)
  }
  if (s === "0") return 0
  if (s === "") throw new Error(`time: invalid duration ${quote(orig)}`)
  let total = 0
  while (s !== "") {
    const number = /^(\d*)(\.(\d*))?/.exec(s)!
    if (number[0] === "" || number[0] === "." || (number[1] === "" && (number[3] ?? "") === "")) {
      throw new Error(`time: invalid duration ${quote(orig)}`)
    }
    const value = Number(`${number[1] || "0"}.${number[3] ?? ""}`)
    s = s.slice(number[0].length)
    const unit = /^[^\d.]*/.exec(s)![0]
    if (unit === "") throw new Error(`time: missing unit in duration ${quote(orig)}`)
    const factor = unitNanos[unit]
    if (factor === undefined) throw new Error(`time: unknown unit ${quote(unit)} in duration ${quote(orig)}`)
    total += value * factor
    s = s.slice(unit.length)
  }
  return negative ? -total : total
}

/** The session duration in milliseconds (Infinity-free: "forever" is FOREVER_MS), or throws Go's error. */
export const decodeKeepAlive = (value: unknown): number => {
  if (typeof value === "number") return value < 0 ? FOREVER_MS : value * 1000
  if (typeof value === "string") {
    const nanos = parseGoDuration(value)
    return nanos < 0 ? FOREVER_MS : nanos / 1e6
  }
  const type = typeof value === "boolean" ? "bool" : Array.isArray(value) ? "[]interface {}" : "map[string]interface {}"
  throw new Error(`Unsupported type: '${type}'`)
}
