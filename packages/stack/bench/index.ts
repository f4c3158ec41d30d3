/**
 * Stack benchmarks (`npm run bench -- stack`): relevance per built-in plugin — dataset examples
 * judged with their own prompts, false accepts of answers judged against another domain's prompt,
 * requests in eight phrasings, and the validation time relevance adds. `node
 * packages/stack/bench/relevance.ts` prints the full report, with the reasons and samples.
 */
import type { BenchResult } from "../../../bench/lib.ts"
import { relevanceResults } from "./relevance.ts"

export default async (): Promise<BenchResult[]> => relevanceResults()
