/**
 * docs benchmarks (`npm run bench -- artifact-docs`): validation throughput on distinct dataset
 * documents of the four kinds (documents/s on one core, p50/p99), and the time to generate and
 * validate 1000 examples.
 */
import { fileURLToPath } from "node:url"
import { datasetTimes, validationThroughput, type BenchResult } from "../../../bench/lib.ts"
import { docs } from "../src/index.ts"

const run = async (): Promise<BenchResult[]> => {
  const documents = [...docs.dataset.generate({ seed: 7, count: 450 })].map((example) => example.output)
  return [await validationThroughput("validate docs", documents, docs.validate, { notes: "dataset answers" }), ...datasetTimes(docs)]
}

export default run

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await run(), null, 2))
