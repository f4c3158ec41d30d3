/**
 * @lfai/testkit — Ollama and Gemini API emulators on loopback, for tests and benchmarks
 * Nothing but tests and benchmarks imports this package.
 */
export {
  DEFAULT_LOG_LIMIT,
  GeminiEmulator,
  OLLAMA_VERSION,
  OllamaEmulator,
  startDemo,
  startGemini,
  startOllama,
  type DemoHandles,
  type EmulatorHandle,
  type LoadedModelState,
  type OllamaEmulatorHandle,
  type OllamaState,
  type RequestLogEntry,
  type StartGeminiOptions,
  type StartOllamaOptions
} from "./Emulator.ts"
export {
  decodeGeminiScenario,
  decodeOllamaScenario,
  decodeScenario,
  faultKinds,
  faultOns,
  loadScenario,
  parseScenario,
  scenarioPath,
  ScenarioError,
  shippedScenarios,
  type FaultEntry,
  type FaultKind,
  type FaultOn,
  type GeminiScenario,
  type OllamaModelScenario,
  type OllamaScenario,
  type Scenario,
  type ScenarioReply
} from "./Scenario.ts"
export { demoPrompts } from "./Demo.ts"
export { catalogueModels, estimateModelMemory, type CatalogueModel, type ModelMemory } from "./Models.ts"
