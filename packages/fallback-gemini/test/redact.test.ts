import { describe, expect, it } from "@effect/vitest"
import { makeRedactor, REDACTED } from "@lfai/fallback-gemini"

const KEY = "AIzaSyD-test_key_0123456789abcdefghijklm"

describe("the key redactor", () => {
  const redact = makeRedactor(KEY)

  it("removes the key itself, plain and URL-encoded", () => {
    const odd = makeRedactor("k+y/with=chars")
    expect(odd.text("a k+y/with=chars b k%2By%2Fwith%3Dchars c")).toBe(`a ${REDACTED} b ${REDACTED} c`)
    expect(redact.text(`leaked ${KEY}!`)).toBe(`leaked ${REDACTED}!`)
  })

  it("removes key query parameters and key headers whatever their value", () => {
    expect(redact.text("GET https://host/v1beta/models/x:generateContent?alt=sse&key=someOtherKey&b=1")).toBe(
      `GET https://host/v1beta/models/x:generateContent?alt=sse&key=${REDACTED}&b=1`
    )
    expect(redact.text('{"x-goog-api-key":"abc123"}')).toBe(`{"x-goog-api-key":"${REDACTED}"}`)
    expect(redact.text("x-goog-api-key: abc123")).toBe(`x-goog-api-key: ${REDACTED}`)
  })

  it("removes anything shaped like a Google API key from error text", () => {
    const other = "AIza" + "B".repeat(35)
    expect(redact.text(`bad key ${other}`)).toBe(`bad key ${REDACTED}`)
  })

  it("scrubs only the key itself from a model's answer", () => {
    const sample = "AIza" + "C".repeat(35)
    expect(redact.secret(`use ${sample} or ${KEY}`)).toBe(`use ${sample} or ${REDACTED}`)
  })

  it("scrubs a streamed answer however its pieces split the key, holding back only what could be the key", () => {
    const text = `before ${KEY} middle ${KEY.slice(0, 10)} after ${KEY}`
    const expected = `before ${REDACTED} middle ${KEY.slice(0, 10)} after ${REDACTED}`
    for (let size = 1; size <= text.length; size += 3) {
      const scrubber = redact.stream()
      const out: Array<string> = []
      for (let i = 0; i < text.length; i += size) out.push(scrubber.push(text.slice(i, i + size)))
      out.push(scrubber.end())
      expect(out.join("")).toBe(expected)
      expect(out.some((piece) => piece.includes(KEY))).toBe(false)
    }
    const scrubber = redact.stream()
    expect(scrubber.push("plain text, no key")).toBe("plain text, no key")
    expect(scrubber.push(" ends in AI")).toBe(" ends in ")
    expect(scrubber.push("zebra")).toBe("AIzebra")
  })

  it("leaves text alone when there is no key", () => {
    expect(makeRedactor(undefined).secret("nothing to hide")).toBe("nothing to hide")
  })
})
