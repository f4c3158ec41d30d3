/**
 * @lfai/fallback-gemini — core's `CloudFallback` through `@google/genai`, the maintained successor
 * of the end-of-life `@google/generative-ai`.
 */
export { PROVIDER, layer, layerWith, makeService, unavailability } from "./GeminiFallback.ts"
export type { GeminiFallbackOptions } from "./GeminiFallback.ts"
export { defaultRetryPolicy, backoffDelay, decide } from "./internal/retry.ts"
export type { RetryEvent, RetryPolicy } from "./internal/retry.ts"
export { makeRedactor, REDACTED } from "./internal/redact.ts"
export type { Redactor } from "./internal/redact.ts"
