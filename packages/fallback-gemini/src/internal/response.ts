/**
 * Reading a `GenerateContentResponse` (or one SSE chunk of it): the answer's text, why it finished,
 * whether the prompt was blocked, and the token usage.
 */
import type { GenerateContentResponse } from "@google/genai"

export interface ResponseFacts {
  /** The text parts of the first candidate, thoughts left out. */
  readonly text: string
  readonly finishReason: string | undefined
  readonly blockReason: string | undefined
  readonly usage: { readonly promptTokens?: number; readonly completionTokens?: number } | undefined
  readonly modelVersion: string | undefined
}

export const readResponse = (response: GenerateContentResponse): ResponseFacts => {
  const candidate = response.candidates?.[0]
  const text = (candidate?.content?.parts ?? [])
    .filter((part) => typeof part.text === "string" && part.thought !== true)
    .map((part) => part.text)
    .join("")
  const meta = response.usageMetadata
  // Thinking tokens are billed as output, so they count as completion tokens here.
  const completion =
    meta?.candidatesTokenCount === undefined && meta?.thoughtsTokenCount === undefined
      ? undefined
      : (meta?.candidatesTokenCount ?? 0) + (meta?.thoughtsTokenCount ?? 0)
  const usage =
    meta === undefined || (meta.promptTokenCount === undefined && completion === undefined)
      ? undefined
      : {
          ...(meta.promptTokenCount === undefined ? {} : { promptTokens: meta.promptTokenCount }),
          ...(completion === undefined ? {} : { completionTokens: completion })
        }
  return {
    text,
    finishReason: candidate?.finishReason === undefined ? undefined : String(candidate.finishReason),
    blockReason: response.promptFeedback?.blockReason === undefined ? undefined : String(response.promptFeedback.blockReason),
    usage,
    modelVersion: response.modelVersion
  }
}
