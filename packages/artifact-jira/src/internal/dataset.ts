/**
 * The jira dataset: epics of 1–8 stories cut from each domain's processes. Who does what comes
 * from a table (one row per domain); acceptance criteria mix plain scenarios, Backgrounds, Rules,
 * Scenario Outlines over an entity's lifecycle, tags and failure paths; the JSON is written in
 * several styles (key order, indentation, inline labels), as different people and models write it.
 */
import { DOMAIN_IDS, domain, phrase, uniqueExamples, words, type Domain, type Lifecycle, type Rng } from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"
import type { Story } from "./schema.ts"

/**
 * Per domain, the role (index into its `roles`) who does each activity, in the order of its
 * `activities`. A domain missing here gets roles in turn.
 */
const ACTORS: Readonly<Record<string, string>> = {
  "e-commerce": "000302221121",
  healthcare: "330122222413",
  education: "0301022133",
  finance: "1302022103",
  social: "0010011100",
  iot: "1111112000",
  hr: "3332322121",
  logistics: "3202200110",
  hospitality: "0011112203",
  travel: "0001200012",
  "real-estate": "2201022322",
  insurance: "0220011113",
  manufacturing: "1100200113",
  media: "0000000122",
  gaming: "0000111120",
  government: "0031122311",
  agriculture: "1122221220",
  energy: "1222223313",
  telecom: "1002330022",
  legal: "3122232213",
  automotive: "0121322211",
  "food-delivery": "0001132203",
  library: "0010111122",
  fitness: "0002001220",
  events: "1110012011",
  nonprofit: "1131221331",
  construction: "1002221200",
  pharmacy: "2122221221"
}

interface Task {
  readonly activity: string
  readonly role: string
  /** Position in the domain's process. */
  readonly step: number
}

const tasksOf = (d: Domain): Task[] => {
  const actors = ACTORS[d.id] ?? ""
  return d.activities.map((activity, step) => ({ activity, step, role: d.roles[Number(actors[step] ?? step % d.roles.length) % d.roles.length] }))
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
const upper = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const an = (word: string) => `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`
const roleWord = (role: string) => role.toLowerCase()
const plural = (noun: string) => (/[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : /(s|x|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`)
const kebab = (text: string) => words(text).map((w) => w.toLowerCase()).join("-")

/** `Verify insurance` → `verifies insurance` (the first word conjugated for he/she). */
const thirdPerson = (activity: string): string => {
  const [verb, ...rest] = activity.split(" ")
  const v = verb.toLowerCase()
  const conjugated = /[^aeiou]y$/.test(v) ? `${v.slice(0, -1)}ies` : /(s|x|z|ch|sh|o)$/.test(v) ? `${v}es` : `${v}s`
  return [conjugated, ...rest].join(" ").replace(/ and (\w+)/, (_, next: string) => ` and ${thirdPerson(next)}`)
}

/** The domain entity an activity is about, when its name appears in it (`Verify insurance` → Insurance). */
const entityOf = (d: Domain, activity: string): string | undefined => {
  const text = ` ${activity.toLowerCase()} `
  return d.entities.map((e) => phrase(e.name)).find((name) => text.includes(` ${name} `) || text.includes(` ${plural(name)} `))
}

const lifecycleOf = (d: Domain, entity: string | undefined): Lifecycle | undefined =>
  d.lifecycles.find((l) => phrase(l.entity) === entity) ?? undefined

const QUALIFIERS = ["from my phone", "without re-entering data", "from the dashboard", "in one step", "before the end of my shift", "at any time of day", "without calling support"]

const TAGS_HAPPY = ["@smoke", "@happy-path", "@regression", "@ui", "@api", "@mobile"]
const TAGS_FAILURE = ["@negative", "@edge", "@error"]

interface Context {
  readonly rng: Rng
  readonly d: Domain
  readonly tasks: ReadonlyArray<Task>
  /** The epic's shared setup lives in a Background instead of each scenario. */
  readonly background: boolean
  readonly tagRate: number
  readonly indent: string
}

interface Scenario {
  readonly name: string
  readonly steps: ReadonlyArray<string>
  readonly tags: ReadonlyArray<string>
  readonly failure: boolean
  readonly examples?: ReadonlyArray<ReadonlyArray<string>>
  readonly outline?: boolean
}

const benefitFor = (c: Context, task: Task): string => {
  const { rng, d } = c
  const next = c.tasks.find((t) => t.step === task.step + 1) ?? d.activities[task.step + 1]
  const nextTask = typeof next === "string" ? { activity: next, role: rng.pick(d.roles), step: task.step + 1 } : next
  const entity = entityOf(d, task.activity)
  const options: Array<() => string> = [
    () => `I spend less time on routine work in ${d.title}`,
    () => `nobody has to chase it by email`,
    () => `mistakes are caught before they reach anyone else`,
    () => `I can see at a glance what is done and what is not`,
    () => `the ${rng.pick(d.systems)} and our records never disagree`
  ]
  if (nextTask && nextTask.role !== task.role) options.push(() => `${an(roleWord(nextTask.role))} can ${lower(nextTask.activity)} without waiting for me`)
  if (nextTask && nextTask.role === task.role) options.push(() => `I can ${lower(nextTask.activity)} right after`)
  if (entity) options.push(() => `every ${entity} is handled the same way`, () => `the ${entity} history stays complete`)
  return rng.pick(options)()
}

const happyScenario = (c: Context, task: Task, goal: string): Scenario => {
  const { rng, d } = c
  const entity = entityOf(d, task.activity)
  const lifecycle = lifecycleOf(d, entity)
  const given: string[] = []
  if (!c.background) given.push(`I am signed in as ${an(roleWord(task.role))}`)
  if (lifecycle && rng.chance(0.6)) given.push(`${an(entity!)} in state "${rng.pick(lifecycle.states.filter((s) => !lifecycle.finals.includes(s)))}"`)
  else if (entity && rng.chance(0.5)) given.push(`${rng.int(2, 9)} ${plural(entity)} are waiting`)
  if (given.length === 0 || rng.chance(0.25)) given.push(`the ${rng.pick(d.systems)} is available`)
  const outcomes = [
    () => `I see a confirmation`,
    () => `the change is saved with my name and the time`,
    () => (entity ? `the ${entity} is updated for everyone` : `the result is shown on my dashboard`),
    () => `the ${rng.pick(d.systems)} receives the update within ${rng.pick([5, 10, 30, 60])} seconds`,
    () => {
      const next = c.tasks.find((t) => t.step === task.step + 1)
      return next && next.role !== task.role ? `${an(roleWord(next.role))} sees it in their queue` : `the next step can start`
    }
  ]
  const thens = rng.sample(outcomes, rng.int(1, 2)).map((make) => make())
  return {
    name: rng.pick([`${upper(goal)}`, `${task.activity} succeeds`, `${task.activity} on the normal path`, `${upper(roleWord(task.role))} ${thirdPerson(task.activity)}`]),
    steps: [...given.map((g, i) => `${i === 0 ? "Given" : "And"} ${g}`), `When I ${goal}`, ...thens.map((t, i) => `${i === 0 ? "Then" : "And"} ${t}`)],
    tags: rng.chance(c.tagRate) ? [rng.pick(TAGS_HAPPY)] : [],
    failure: false
  }
}

/** Checks whose "yes" is the bad answer ("Fraud suspected?"); for the others it is "no" ("Payment approved?"). */
const BAD_WHEN_YES = /suspect|detect|found|expired|exceed|overweight|delayed|\blow\b|above|\blate\b|conflict|cancel|block|banned|contains|reported|damage|\bover\b|\bhit\b|full\b|failed|injury|within 7 days|needed|ending|tied|required|warning|controlled|emergency|recall/i

/** A check that shares a word with the activity when there is one ("Verify insurance" → "Insurance valid?"). */
const checkFor = (rng: Rng, d: Domain, activity: string): string => {
  const mine = new Set(words(activity).map((w) => w.toLowerCase()).filter((w) => w.length >= 4))
  const related = d.checks.filter((check) => words(check).some((w) => mine.has(w.toLowerCase())))
  return rng.pick(related.length > 0 && rng.chance(0.8) ? related : d.checks)
}

const failureScenario = (c: Context, task: Task, goal: string): Scenario => {
  const { rng, d } = c
  const tags = rng.chance(c.tagRate) ? [rng.pick(TAGS_FAILURE)] : []
  const kinds: Array<() => Scenario> = [
    () => {
      const check = checkFor(rng, d, task.activity)
      const answer = BAD_WHEN_YES.test(check) ? "yes" : "no"
      return {
        name: `${task.activity} stops when "${check}" is answered ${answer}`,
        steps: [`Given "${check}" is answered ${answer}`, `When I ${goal}`, `Then the request is refused`, `And I see why and what to do next`],
        tags,
        failure: true
      }
    },
    () => {
      const system = rng.pick(d.systems)
      return {
        name: `${system} unavailable`,
        steps: [`Given the ${system} does not answer`, `When I ${goal}`, `Then I see that it will be retried`, rng.pick([`And nothing is recorded twice`, `And my input is not lost`])],
        tags,
        failure: true
      }
    },
    () => {
      const other = d.roles.find((r) => r !== task.role)
      return {
        name: `Only ${an(roleWord(task.role))} may ${lower(task.activity)}`,
        steps: [`Given I am signed in as ${an(roleWord(other ?? "guest"))}`, `When I try to ${goal}`, `Then the action is not allowed`],
        tags,
        failure: true
      }
    }
  ]
  return rng.pick(kinds)()
}

/** A Scenario Outline over the lifecycle's transitions, and a refused move. */
const lifecycleScenarios = (c: Context, lifecycle: Lifecycle): Scenario[] => {
  const { rng } = c
  const entity = phrase(lifecycle.entity)
  const moves = rng.sample(lifecycle.transitions, rng.int(2, Math.min(5, lifecycle.transitions.length)))
  const outline: Scenario = {
    name: `${upper(entity)} moves through its states`,
    steps: [`Given ${an(entity)} in state "<from>"`, `When I trigger "<event>" on it`, `Then the ${entity} is in state "<to>"`],
    tags: rng.chance(c.tagRate) ? [rng.pick(TAGS_HAPPY)] : [],
    failure: false,
    outline: true,
    examples: [["from", "event", "to"], ...moves.map((t) => [t.from, phrase(t.event), t.to])]
  }
  const final = lifecycle.finals[0]
  const stuck = lifecycle.transitions.find((t) => t.from !== final)
  const refused: Scenario = {
    name: `A ${final} ${entity} cannot move on`,
    steps: [`Given ${an(entity)} in state "${final}"`, `When I trigger "${phrase(stuck?.event ?? "update")}" on it`, `Then the action is refused`, `And the ${entity} stays in state "${final}"`],
    tags: rng.chance(c.tagRate) ? [rng.pick(TAGS_FAILURE)] : [],
    failure: true
  }
  return [outline, refused]
}

const gherkin = (c: Context, feature: string, scenarios: ReadonlyArray<Scenario>, backgroundSteps: ReadonlyArray<string>, rule: string | undefined): string => {
  const i = c.indent
  const lines = [`Feature: ${feature}`]
  if (backgroundSteps.length > 0) lines.push("", `${i}Background:`, ...backgroundSteps.map((s) => `${i}${i}${s}`))
  const depth = rule ? `${i}${i}` : i
  if (rule) lines.push("", `${i}Rule: ${rule}`)
  for (const s of scenarios) {
    lines.push("")
    if (s.tags.length > 0) lines.push(`${depth}${s.tags.join(" ")}`)
    lines.push(`${depth}${s.outline ? "Scenario Outline" : "Scenario"}: ${s.name}`, ...s.steps.map((step) => `${depth}${i}${step}`))
    if (s.examples) {
      const widths = s.examples[0].map((_, col) => Math.max(...s.examples!.map((row) => row[col].length)))
      lines.push("", `${depth}${i}Examples:`, ...s.examples.map((row) => `${depth}${i}${i}| ${row.map((cell, col) => cell.padEnd(widths[col])).join(" | ")} |`))
    }
  }
  return lines.join("\n")
}

const POINTS: ReadonlyArray<readonly [Story["story_points"], number]> = [[1, 2], [2, 4], [3, 5], [5, 4], [8, 2]]
const PRIORITY: ReadonlyArray<readonly [Story["priority"], number]> = [["Highest", 1], ["High", 4], ["Medium", 5], ["Low", 2], ["Lowest", 1]]

interface Made {
  readonly story: Story
  readonly failure: boolean
  readonly shapes: ReadonlyArray<string>
}

const makeStory = (c: Context, task: Task, wantFailure: boolean): Made => {
  const { rng, d } = c
  const goal = lower(task.activity) + (rng.chance(0.2) ? ` ${rng.pick(QUALIFIERS)}` : "")
  const points = rng.weighted(POINTS)
  const entity = entityOf(d, task.activity)
  const lifecycle = lifecycleOf(d, entity)
  const scenarios: Scenario[] = [happyScenario(c, task, goal)]
  const shapes: string[] = []
  if (lifecycle && rng.chance(0.5)) {
    scenarios.push(...lifecycleScenarios(c, lifecycle))
    shapes.push("outline")
  }
  if (wantFailure || points >= 5 ? scenarios.length < 2 || wantFailure : rng.chance(0.4)) scenarios.push(failureScenario(c, task, goal))
  const failure = scenarios.some((s) => s.failure)
  const backgroundSteps = c.background ? [`Given I am signed in as ${an(roleWord(task.role))}`, ...(rng.chance(0.4) ? [`And the ${rng.pick(d.systems)} is available`] : [])] : []
  if (backgroundSteps.length > 0) shapes.push("background")
  const ruled = scenarios.length >= 2 && !scenarios.some((s) => s.outline) && rng.chance(0.35)
  const rule = ruled
    ? rng.pick([`${task.activity} only goes ahead when the checks pass`, "A refusal always says why", `${task.activity} is recorded for the audit trail`])
    : undefined
  if (rule) shapes.push("rule")
  const feature = rng.pick([task.activity, `${task.activity} for ${plural(roleWord(task.role))}`, upper(goal)])
  const labels = rng.sample([d.id, kebab(task.role), ...(entity ? [kebab(entity)] : []), rng.pick(["mvp", "backend", "frontend", "integration", "ux", "reporting"])], rng.int(0, 3) === 0 ? 1 : rng.int(1, 3))
  const summary = rng.pick([task.activity, `${task.role} ${thirdPerson(task.activity)}`, `${task.activity} (${roleWord(task.role)})`])
  const description = rng.chance(0.25)
    ? rng.pick([
        `Part of the ${d.title.replace(/^an? /, "")} backlog.`,
        `Needs access to the ${rng.pick(d.systems)} test environment.`,
        `Out of scope: bulk changes.\n\n- Reuse the existing ${rng.pick(d.systems)} client\n- Log every change`
      ])
    : undefined
  return {
    story: {
      summary,
      role: roleWord(task.role),
      goal,
      benefit: benefitFor(c, task),
      ...(description ? { description } : {}),
      acceptance_criteria: gherkin(c, feature, scenarios, backgroundSteps, rule),
      story_points: points,
      priority: rng.weighted(PRIORITY),
      labels
    },
    failure,
    shapes
  }
}

const KEY_ORDERS: ReadonlyArray<ReadonlyArray<keyof Story>> = [
  ["summary", "role", "goal", "benefit", "description", "acceptance_criteria", "story_points", "priority", "labels"],
  ["summary", "description", "role", "goal", "benefit", "story_points", "priority", "labels", "acceptance_criteria"],
  ["summary", "priority", "story_points", "labels", "role", "goal", "benefit", "description", "acceptance_criteria"],
  ["role", "goal", "benefit", "summary", "acceptance_criteria", "story_points", "priority", "labels", "description"]
]

/**
 * The document as people and models write it: indented (2, 4 or a tab; labels inline or not), one
 * story a line, or all on one line; the epic before or after the stories.
 */
const serialise = (rng: Rng, epic: { summary: string; description?: string } | undefined, stories: ReadonlyArray<Story>): string => {
  const order = rng.pick(KEY_ORDERS)
  const ordered = stories.map((story) => Object.fromEntries(order.filter((key) => story[key] !== undefined).map((key) => [key, story[key]])))
  const epicLast = epic !== undefined && rng.chance(0.5)
  const style = rng.weighted<"indented" | "story-a-line" | "one-line">([["indented", 3], ["story-a-line", 5], ["one-line", 2]])
  if (style === "one-line") return JSON.stringify(epic ? (epicLast ? { stories: ordered, epic } : { epic, stories: ordered }) : { stories: ordered })
  if (style === "story-a-line") {
    const storyLines = `"stories": [\n${ordered.map((story) => `    ${JSON.stringify(story)}`).join(",\n")}\n  ]`
    const epicLine = epic ? `"epic": ${JSON.stringify(epic)}` : undefined
    const members = epicLine === undefined ? [storyLines] : epicLast ? [storyLines, epicLine] : [epicLine, storyLines]
    return `{\n${members.map((member) => `  ${member}`).join(",\n")}\n}`
  }
  const document = epic ? (epicLast ? { stories: ordered, epic } : { epic, stories: ordered }) : { stories: ordered }
  const text = JSON.stringify(document, null, rng.pick([2, 2, 4, "\t"]))
  // Short string arrays (labels) on one line, as many writers keep them.
  return rng.chance(0.5) ? text.replace(/\[\s*\n\s*((?:"[^"\n]*",?\s*\n\s*)+)\]/g, (_, items: string) => `[${items.trim().split(/,\s*\n\s*/).join(", ")}]`) : text
}

/** A summary short enough to quote as one name (a reader takes a quoted name of at most five words). */
const quotable = (summary: string): boolean => summary.split(/\s+/).length <= 5

const join = (items: ReadonlyArray<string>): string => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`)

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const all = tasksOf(d)
  const count = rng.weighted<number>([[1, 2], [2, 3], [3, 4], [4, 4], [5, 3], [6, 2], [7, 1], [8, 1]])
  const n = Math.min(count, all.length)
  const start = rng.int(0, all.length - n)
  const tasks = rng.chance(0.7) ? all.slice(start, start + n) : rng.sample(all, n).sort((a, b) => a.step - b.step)
  const c: Context = { rng, d, tasks, background: rng.chance(0.3), tagRate: rng.pick([0, 0.3, 0.7]), indent: rng.pick(["  ", "  ", "    "]) }
  const failureAt = rng.int(0, tasks.length - 1)
  const made = tasks.map((task, i) => makeStory(c, task, i === failureAt))
  const stories = made.map((m) => m.story)
  const entity = tasks.map((t) => entityOf(d, t.activity)).find((e) => e !== undefined)
  const epicSummary = rng.pick([
    `${tasks[0].activity}${tasks.length > 1 ? ` to ${lower(tasks[tasks.length - 1].activity)}` : ""}`,
    entity ? `${upper(entity)} handling` : `${upper(roleWord(tasks[0].role))} workflow`,
    `${upper(d.title.replace(/^an? /, ""))}: ${lower(tasks[0].activity)}${tasks.length > 1 ? " and more" : ""}`
  ])
  const withEpic = tasks.length > 1 ? rng.chance(0.85) : rng.chance(0.3)
  const epic = withEpic ? { summary: epicSummary, ...(rng.chance(0.3) ? { description: `Stories for ${d.title}, from ${lower(tasks[0].activity)} onwards.` } : {}) } : undefined
  const roles = [...new Set(tasks.map((t) => roleWord(t.role)))]
  const activities = tasks.map((t) => lower(t.activity))
  const shapes = new Set(made.flatMap((m) => m.shapes))
  const extras = [
    ...(shapes.has("outline") && rng.chance(0.6) ? ["Use a scenario outline for the state changes."] : []),
    ...(shapes.has("background") && rng.chance(0.6) ? ["Put the sign-in in a Background."] : []),
    ...(shapes.has("rule") && rng.chance(0.6) ? ["Group scenarios under a Rule where it fits."] : []),
    ...(rng.chance(0.5) ? [rng.pick(["Add at least one failure scenario.", "Cover an error path too.", "Don't forget the unhappy path."])] : [])
  ].join(" ")
  const instruction = (
    tasks.length === 1
      ? rng.pick([
          () => `Write a JIRA story for ${d.title}. The ${roles[0]} wants to ${activities[0]}.`,
          () => `One user story please — ${d.title}, the ${roles[0]} needs to ${activities[0]}. Gherkin acceptance criteria, points and priority.`,
          () => `Story for our backlog, for ${d.title}: ${activities[0]}, done by the ${roles[0]}.`
        ])
      : rng.pick([
          () => `Write JIRA user stories for ${d.title} covering: ${join(activities)}.`,
          () =>
            epic
              ? `Break ${quotable(epic.summary) ? `the "${epic.summary}" epic` : "the epic"} into ${tasks.length} user stories for ${d.title}: ${join(activities)}. Roles: ${join(roles)}.`
              : `Split this into ${tasks.length} user stories for ${d.title}: ${join(activities)}. Roles: ${join(roles)}.`,
          () => `We're planning a sprint for ${d.title}. I need ${tasks.length} stories for: ${join(activities)}. Give each one Given/When/Then acceptance criteria, story points and a priority.`,
          () => `Backlog items please. ${upper(d.title)}; the ${join(roles)} must be able to ${join(activities)}.`,
          () =>
            epic
              ? `Create an epic${quotable(epic.summary) ? ` called "${epic.summary}"` : ""} with one story each for ${join(activities)}. It is for ${d.title}.`
              : `One story each for ${join(activities)}, no epic needed. It is for ${d.title}.`
        ])
  )()
  return {
    instruction: extras === "" ? instruction : `${instruction} ${extras}`,
    output: serialise(rng, epic, stories),
    domain: d.id,
    meta: { stories: stories.length, epic: epic !== undefined, shapes: [...shapes].sort(), points: stories.map((s) => s.story_points) }
  }
}

export const jiraDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "jira", make: (rng, d) => make(rng, d) })
}
