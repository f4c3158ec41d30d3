/**
 * Acceptance criteria, read with the real Gherkin parser (`@cucumber/gherkin`): every dialect
 * (`# language:`), Background, Rule, Scenario Outline with Examples, tags. Step types come from the
 * compiled pickles, where the parser has already resolved localized keywords and made And/But
 * continue the step before; a Background's steps belong to every scenario under it.
 */
import { generateMessages } from "@cucumber/gherkin"
import { IdGenerator, SourceMediaType, type GherkinDocument, type Pickle, type Scenario } from "@cucumber/messages"

export interface ScenarioReport {
  readonly name: string
  /** 1-based line in the Gherkin text. */
  readonly line: number
  /** Given, When and Then all present (for an outline: in its compiled examples, which have no other steps). */
  readonly complete: boolean
  /** Which of Given / When / Then are missing (empty when complete). */
  readonly missing: ReadonlyArray<"Given" | "When" | "Then">
  readonly outline: boolean
  /** Runnable scenarios it compiles to: 0 for an outline whose Examples have no rows. */
  readonly compiled: number
  /** Names or steps that describe a failure, an error or an edge case (English words, or an @edge-like tag). */
  readonly failurePath: boolean
}

export interface CriteriaReport {
  readonly errors: ReadonlyArray<{ readonly message: string; readonly line?: number }>
  readonly scenarios: ReadonlyArray<ScenarioReport>
  readonly language: string | undefined
}

const FAILURE_WORDS =
  /\b(?:fail(?:s|ed|ure)?|error|invalid|reject(?:s|ed)?|den(?:y|ies|ied)|declin(?:e|es|ed)|expir(?:e|es|ed)|missing|unavailable|timeout|times? out|cannot|can't|not|no longer|without|exceed(?:s|ed)?|over the limit|locked|blocked|unauthori[sz]ed|forbidden|duplicate|wrong|empty|insufficient|late|overdue|conflict|outage|down|lost|refus(?:e|es|ed)|warn(?:s|ed|ing)?)\b/i
const FAILURE_TAGS = /^@(?:negative|edge|error|failure|sad[-_]?path|unhappy[-_]?path|boundary)$/i

const scenariosOf = (document: GherkinDocument): Scenario[] => {
  const out: Scenario[] = []
  for (const child of document.feature?.children ?? []) {
    if (child.scenario) out.push(child.scenario)
    for (const ruleChild of child.rule?.children ?? []) if (ruleChild.scenario) out.push(ruleChild.scenario)
  }
  return out
}

const stepTypes = (pickle: Pickle): Set<string> => new Set(pickle.steps.map((step) => step.type ?? "Unknown"))

/** Parses `text` as a Gherkin document and reports each scenario. Never throws. */
export const readCriteria = (text: string): CriteriaReport => {
  let envelopes: ReturnType<typeof generateMessages>
  try {
    envelopes = generateMessages(text, "criteria.feature", SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, {
      includeSource: false,
      includeGherkinDocument: true,
      includePickles: true,
      newId: IdGenerator.incrementing()
    })
  } catch (cause) {
    return { errors: [{ message: cause instanceof Error ? cause.message : String(cause) }], scenarios: [], language: undefined }
  }
  const errors = envelopes.flatMap((envelope) =>
    envelope.parseError ? [{ message: envelope.parseError.message.replace(/^\(\d+:\d+\):\s*/, ""), line: envelope.parseError.source.location?.line }] : []
  )
  const document = envelopes.find((envelope) => envelope.gherkinDocument)?.gherkinDocument
  if (errors.length > 0 || document === undefined) return { errors, scenarios: [], language: undefined }
  const pickles = envelopes.flatMap((envelope) => (envelope.pickle ? [envelope.pickle] : []))
  const scenarios = scenariosOf(document).map((scenario): ScenarioReport => {
    const own = pickles.filter((pickle) => pickle.astNodeIds[0] === scenario.id)
    // An outline's examples compile to the same steps: the first tells the step types of all.
    const types = own.length > 0 ? stepTypes(own[0]) : new Set<string>()
    const missing = (
      [
        ["Given", "Context"],
        ["When", "Action"],
        ["Then", "Outcome"]
      ] as const
    ).flatMap(([word, type]) => (types.has(type) ? [] : [word]))
    const cells = scenario.examples.flatMap((examples) => examples.tableBody.flatMap((row) => row.cells.map((cell) => cell.value)))
    const words = [scenario.name, ...scenario.steps.map((step) => step.text), ...cells].join(" ")
    const tags = [...scenario.tags, ...scenario.examples.flatMap((examples) => examples.tags)].map((tag) => tag.name)
    return {
      name: scenario.name,
      line: scenario.location.line,
      complete: missing.length === 0,
      missing,
      outline: scenario.examples.length > 0,
      compiled: own.length,
      failurePath: FAILURE_WORDS.test(words) || tags.some((tag) => FAILURE_TAGS.test(tag))
    }
  })
  return { errors: [], scenarios, language: document.feature?.language }
}
