/**
 * @lfai/artifact-kit — what every artifact plugin shares: extraction from model text, a seeded
 * RNG, the domain vocabulary, dataset quality measures, a score sheet, and fuzz inputs.
 */
export * from "./rng.ts"
export * from "./extract.ts"
export * from "./scoring.ts"
export * from "./dataset.ts"
export * from "./domains.ts"
export * from "./names.ts"
export * from "./brands.ts"
export * from "./values.ts"
export * from "./fuzz.ts"
export * from "./relevance.ts"
