/**
 * The jira dataset: epics of 1–8 stories cut from each domain's business processes. A story is a
 * step a person takes in a process (`Shopper -> Storefront: Check out`): its role is who takes it,
 * its benefit what it lets happen next, and its acceptance criteria what the process says — the
 * answer the person sees, the lifecycle move the step makes, the outside system that is told, the
 * decision that can stop it and how the process then ends. Acceptance criteria mix plain scenarios,
 * Backgrounds, Rules, Scenario Outlines, tags and failure paths; the JSON is written in several
 * styles (key order, indentation, inline labels), as different people and models write it.
 */
import {
  DOMAIN_IDS,
  withArticle,
  domain,
  enumerate,
  gerund,
  pluralPhrase,
  lowerFirst,
  partyKind,
  phrase,
  uniqueExamples,
  upperFirst,
  withoutArticles,
  words,
  type Domain,
  type DomainProcess,
  type Lifecycle,
  type LifecycleTransition,
  type ProcessDecision,
  type ProcessStep,
  type Rng
} from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"
import type { Story } from "./schema.ts"

/** A step a person takes in a process, with what the process says around it. */
interface Task {
  readonly process: DomainProcess
  /** Its place among the process's tasks. */
  readonly index: number
  readonly activity: string
  readonly role: string
  /** The app the person uses for it, if any. */
  readonly app?: string
  /** What the person gets back: the reply of the system work the step sets off. */
  readonly answer?: string
  /** Outside systems the process calls between this task and the next. */
  readonly systems: ReadonlyArray<string>
  /** The first decision after the step, before the next task, on the main path. */
  readonly decision?: ProcessDecision
  /** Taken on a decision's other branch. */
  readonly onBranch: boolean
}

/** The tasks of a process, in order: every step by a role, on the main path or on a branch. */
const tasksOf = (d: Domain, process: DomainProcess): Task[] => {
  const tasks: Task[] = []
  const isRole = (party: string) => partyKind(d, party) === "role"
  process.flow.forEach((item, at) => {
    const steps = item.kind === "step" ? [item] : item.branch
    for (const step of steps) {
      if (!isRole(step.by)) continue
      const later = process.flow.slice(at + 1)
      const upTo = later.findIndex((next) => next.kind === "step" && isRole(next.by))
      const stretch = upTo < 0 ? later : later.slice(0, upTo)
      const work = item.kind === "step" ? stretch.flatMap((next) => (next.kind === "step" ? [next] : [])) : []
      const app = step.to !== undefined && partyKind(d, step.to) === "app" ? step.to : undefined
      const answered = app === undefined ? undefined : work.find((next) => next.by === app && next.reply !== undefined)
      tasks.push({
        process,
        index: tasks.length,
        activity: step.label,
        role: step.by,
        ...(app !== undefined ? { app } : {}),
        ...(answered?.reply !== undefined ? { answer: answered.reply } : {}),
        systems: [...new Set(work.flatMap((next) => (next.to !== undefined && partyKind(d, next.to) === "system" ? [next.to] : [])))],
        ...(item.kind === "step" ? { decision: stretch.find((next): next is ProcessDecision => next.kind === "decision") } : {}),
        onBranch: item.kind === "decision"
      })
    }
  })
  return tasks
}

const roleWord = (role: string) => role.toLowerCase()
const kebab = (text: string) => words(text).map((w) => w.toLowerCase()).join("-")

/** `Verify insurance` → `verifies insurance` (the first word conjugated for he/she). */
const thirdPerson = (activity: string): string => {
  const [verb, ...rest] = activity.split(" ")
  const v = verb.toLowerCase()
  const conjugated = /[^aeiou]y$/.test(v) ? `${v.slice(0, -1)}ies` : /(s|x|z|ch|sh|o)$/.test(v) ? `${v}es` : `${v}s`
  return [conjugated, ...rest].join(" ").replace(/ and (\w+)/, (_, next: string) => ` and ${thirdPerson(next)}`)
}

/** The entity a step is about: the one its words name, whole (`order line`) before in part (`return` → return request). */
const entityOf = (d: Domain, activity: string): string | undefined => {
  const said = new Set(words(withoutArticles(activity)).map((w) => w.toLowerCase()))
  const names = d.entities.map((e) => phrase(e.name))
  const text = ` ${activity.toLowerCase()} `
  return (
    names.find((name) => text.includes(` ${name} `) || text.includes(` ${pluralPhrase(name)} `)) ??
    names.find((name) => name.split(" ").length > 1 && name.split(" ").every((w) => said.has(w))) ??
    names.find((name) => said.has(name.split(" ")[0]) && d.lifecycles.some((l) => phrase(l.entity) === name))
  )
}

/** The lifecycle moves a step makes: its entity's transitions whose event is the step's verb (`Approve the return` → Requested→Approved). */
const movesOf = (d: Domain, activity: string, entity: string | undefined): { lifecycle: Lifecycle; moves: LifecycleTransition[] } | undefined => {
  const lifecycle = d.lifecycles.find((l) => phrase(l.entity) === entity)
  if (lifecycle === undefined) return undefined
  // every word of the event opens the step: `check in the copy` is check_in, never check_out
  const said = words(activity).map((word) => word.toLowerCase())
  const matching = lifecycle.transitions.filter((t) => t.event.split("_").every((word, i) => said[i] === word))
  if (matching.length === 0) return undefined
  const event = matching.reduce((best, t) => (t.event.split("_").length > best.split("_").length ? t.event : best), matching[0].event)
  return { lifecycle, moves: matching.filter((t) => t.event === event) }
}

const QUALIFIERS = ["from my phone", "without re-entering data", "in one step", "at any time of day"]

/** Verbs of a step that only looks at something: it shows a thing, it saves nothing. */
const LOOKING = new Set(["browse", "check", "view", "find", "list", "open", "search", "look", "see", "read", "track", "review"])
/** Particles that make a looking verb do something: check in, check the member in, look up. */
const PARTICLES = new Set(["in", "out", "off", "up", "on", "over"])

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
  /** The other answer to a process check (`Given "Stock?" is answered no`). */
  readonly check?: boolean
}

/** The task after this one in its process, by anyone. */
const nextTask = (d: Domain, task: Task): Task | undefined => tasksOf(d, task.process).find((t) => t.index === task.index + 1 && !t.onBranch)

const benefitFor = (c: Context, task: Task, entity: string | undefined): string => {
  const { rng, d } = c
  const next = nextTask(d, task)
  const options: Array<() => string> = [() => `${gerund(task.process.name)} goes through without anyone chasing it`]
  if (next !== undefined && next.role !== task.role) options.push(() => `${withArticle(roleWord(next.role))} can ${lowerFirst(next.activity)} without waiting for me`)
  if (next !== undefined && next.role === task.role) options.push(() => `I can ${lowerFirst(next.activity)} right after`)
  if (task.answer !== undefined) options.push(() => `I get the ${task.answer} straight away`)
  if (task.systems.length > 0) options.push(() => `the ${rng.pick(task.systems)} and our records never disagree`)
  if (entity !== undefined) options.push(() => `every ${entity} is handled the same way`, () => `the ${entity} history stays complete`)
  return rng.pick(options)()
}

const happyScenario = (c: Context, task: Task, goal: string, entity: string | undefined, move: LifecycleTransition | undefined, appInBackground: boolean): Scenario => {
  const { rng, d } = c
  const given: string[] = []
  if (!c.background) given.push(`I am signed in as ${withArticle(roleWord(task.role))}`)
  if (move !== undefined && entity !== undefined) given.push(`${withArticle(entity)} in state "${move.from}"`)
  else if (entity !== undefined && rng.chance(0.25)) given.push(`${rng.int(2, 9)} ${pluralPhrase(entity)} are waiting`)
  if (task.app !== undefined && !appInBackground && (given.length === 0 || rng.chance(0.3))) given.push(`I am on the ${task.app}`)
  if (given.length === 0) given.push(`the "${task.process.name}" flow is under way`)
  const thens: string[] = []
  if (move !== undefined && entity !== undefined) thens.push(`the ${entity} is in state "${move.to}"`)
  if (task.answer !== undefined) thens.push(`I see the ${task.answer}`)
  const next = nextTask(d, task)
  const [verb, ...object] = withoutArticles(task.activity).split(/\s+/)
  const looking = LOOKING.has(verb.toLowerCase()) && object.length > 0 && !PARTICLES.has(object[0].toLowerCase()) && !PARTICLES.has(object[object.length - 1].toLowerCase())
  if (looking && task.answer === undefined) thens.push(`I see the ${object.join(" ").toLowerCase()}`)
  const extra: Array<() => string> = looking ? [] : [() => `the change is saved with my name and the time`]
  if (task.systems.length > 0) extra.push(() => `the ${rng.pick(task.systems)} is told within ${rng.pick([5, 10, 30, 60])} seconds`)
  if (next !== undefined && next.role !== task.role) extra.push(() => `${withArticle(roleWord(next.role))} sees it in their queue`)
  if (extra.length > 0 && (thens.length === 0 || rng.chance(0.4))) thens.push(rng.pick(extra)())
  if (thens.length === 0) thens.push("I see a confirmation")
  return {
    name: rng.pick([`${upperFirst(goal)}`, `${task.activity} succeeds`, `${task.activity} on the normal path`, `${upperFirst(roleWord(task.role))} ${thirdPerson(task.activity)}`]),
    steps: [...given.map((g, i) => `${i === 0 ? "Given" : "And"} ${g}`), `When I ${goal}`, ...thens.map((t, i) => `${i === 0 ? "Then" : "And"} ${t}`)],
    tags: rng.chance(c.tagRate) ? [rng.pick(TAGS_HAPPY)] : [],
    failure: false
  }
}

/** How a decision's other branch ends, as a Then step. */
const outcomeStep = (d: Domain, decision: ProcessDecision): string => {
  const outcome = decision.outcome
  if (outcome.kind === "end") return `it ends as "${outcome.label}"`
  if (outcome.kind === "retry") return `I am asked to ${lowerFirst(outcome.step)} again`
  const first = decision.branch[0]
  if (first === undefined) return "it carries on as usual"
  const who = partyKind(d, first.by) === "role" ? withArticle(roleWord(first.by)) : `the ${first.by}`
  return `${who} has to ${lowerFirst(first.label)} first`
}

/** A failure that says so (not allowed, unavailable), beside the other answer to a process check. */
const isRefusal = (scenario: Scenario): boolean => scenario.failure && scenario.check !== true

const failureScenarios = (c: Context, task: Task, goal: string): Scenario[] => {
  const { rng, d } = c
  const tags = () => (rng.chance(c.tagRate) ? [rng.pick(TAGS_FAILURE)] : [])
  const kinds: Scenario[] = []
  const decision = task.decision
  if (decision !== undefined) {
    const answer = decision.exception
    kinds.push({
      name: decision.outcome.kind === "end" ? decision.outcome.label : `"${decision.question}" answered ${answer}`,
      steps: [`Given "${decision.question}" is answered ${answer}`, `When I ${goal}`, `Then ${outcomeStep(d, decision)}`],
      tags: tags(),
      failure: true,
      check: true
    })
  }
  if (task.systems.length > 0) {
    const system = rng.pick(task.systems)
    kinds.push({
      name: `${system} unavailable`,
      steps: [`Given the ${system} does not answer`, `When I ${goal}`, `Then I see that it will be retried`, rng.pick([`And nothing is recorded twice`, `And my input is not lost`])],
      tags: tags(),
      failure: true
    })
  }
  const app = d.apps.find((candidate) => candidate.name === task.app)
  const outsider = d.roles.find((role) => role !== task.role && (app === undefined || !app.users.includes(role)))
  if (outsider !== undefined) {
    kinds.push({
      name: `Only ${withArticle(roleWord(task.role))} may ${lowerFirst(task.activity)}`,
      steps: [`Given I am signed in as ${withArticle(roleWord(outsider))}`, `When I try to ${goal}`, `Then the action is not allowed`],
      tags: tags(),
      failure: true
    })
  }
  return kinds
}

/** The step's lifecycle moves as a Scenario Outline, and a move its final state refuses. */
const lifecycleScenarios = (c: Context, entity: string, lifecycle: Lifecycle, moves: ReadonlyArray<LifecycleTransition>): Scenario[] => {
  const { rng } = c
  const event = moves[0].event.replace(/_/g, " ")
  const outline: Scenario = {
    name: `${upperFirst(event)} moves the ${entity} on`,
    steps: [`Given ${withArticle(entity)} in state "<from>"`, `When I ${event} the ${entity}`, `Then the ${entity} is in state "<to>"`],
    tags: rng.chance(c.tagRate) ? [rng.pick(TAGS_HAPPY)] : [],
    failure: false,
    outline: true,
    examples: [["from", "to"], ...moves.map((t) => [t.from, t.to])]
  }
  const final = lifecycle.finals.find((f) => !moves.some((t) => t.from === f)) ?? lifecycle.finals[0]
  const refused: Scenario = {
    name: `${upperFirst(withArticle(`${final} ${entity}`))} cannot move on`,
    steps: [`Given ${withArticle(entity)} in state "${final}"`, `When I ${event} the ${entity}`, `Then the action is refused`, `And the ${entity} stays in state "${final}"`],
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
  const goal = lowerFirst(task.activity) + (rng.chance(0.2) ? ` ${rng.pick(QUALIFIERS)}` : "")
  const points = rng.weighted(POINTS)
  const entity = entityOf(d, task.activity)
  const lifecycle = movesOf(d, task.activity, entity)
  const outline = lifecycle !== undefined && entity !== undefined && lifecycle.moves.length >= 2 && rng.chance(0.7)
  const appInBackground = c.background && task.app !== undefined && rng.chance(0.4)
  const scenarios: Scenario[] = [happyScenario(c, task, goal, entity, outline ? undefined : lifecycle?.moves[0], appInBackground)]
  const shapes: string[] = []
  if (outline) {
    scenarios.push(...lifecycleScenarios(c, entity!, lifecycle!.lifecycle, lifecycle!.moves))
    shapes.push("outline")
  }
  const failures = failureScenarios(c, task, goal)
  const wanted = wantFailure || (points >= 5 && scenarios.length < 2) || rng.chance(0.4)
  if (wanted && failures.length > 0) {
    const chosen = rng.sample(failures, rng.chance(0.3) ? Math.min(2, failures.length) : 1)
    // the story asked to cover a failure covers a refusal or an outage, not only the other answer to a check
    const refusals = failures.filter(isRefusal)
    if (wantFailure && refusals.length > 0 && !chosen.some(isRefusal)) chosen.push(rng.pick(refusals))
    scenarios.push(...chosen)
  }
  const failure = scenarios.some((s) => s.failure)
  const backgroundSteps = c.background ? [`Given I am signed in as ${withArticle(roleWord(task.role))}`, ...(appInBackground ? [`And I am on the ${task.app}`] : [])] : []
  if (backgroundSteps.length > 0) shapes.push("background")
  const ruled = scenarios.length >= 2 && !scenarios.some((s) => s.outline) && rng.chance(0.35)
  const checked = scenarios.some((s) => s.check === true)
  const rule = ruled ? rng.pick([...(checked ? [`${task.activity} only goes ahead when the checks pass`] : []), "A refusal always says why", `${task.activity} is recorded for the audit trail`]) : undefined
  if (rule) shapes.push("rule")
  const feature = rng.pick([task.activity, `${task.activity} for ${pluralPhrase(task.role)}`, upperFirst(goal)])
  const labels = rng.sample([d.id, kebab(task.role), kebab(task.process.name), ...(entity ? [kebab(entity)] : []), rng.pick(["mvp", "backend", "frontend", "integration", "ux"])], rng.int(0, 3) === 0 ? 1 : rng.int(1, 3))
  const summary = rng.pick([task.activity, `${task.role} ${thirdPerson(task.activity)}`, `${task.activity} (${roleWord(task.role)})`])
  const description = rng.chance(0.25)
    ? rng.pick([
        `Part of the "${task.process.name}" flow.`,
        ...(task.systems.length > 0 ? [`Needs access to the ${rng.pick(task.systems)} test environment.`, `Out of scope: bulk changes.\n\n- Reuse the existing ${rng.pick(task.systems)} client\n- Log every change`] : []),
        ...(task.app !== undefined ? [`Done in the ${task.app}.`] : [])
      ])
    : undefined
  return {
    story: {
      summary,
      role: roleWord(task.role),
      goal,
      benefit: benefitFor(c, task, entity),
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
  const style = rng.weighted<"indented" | "story-a-line" | "one-line">([["indented", 3], ["story-a-line", 6], ["one-line", 2]])
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


const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const process = rng.pick(d.processes)
  const all = tasksOf(d, process)
  const count = rng.weighted<number>([[1, 2], [2, 3], [3, 4], [4, 4], [5, 3], [6, 2], [7, 1], [8, 1]])
  const n = Math.min(count, all.length)
  const start = rng.int(0, all.length - n)
  const tasks = rng.chance(0.7) ? all.slice(start, start + n) : rng.sample(all, n).sort((a, b) => a.index - b.index)
  const c: Context = { rng, d, tasks, background: rng.chance(0.3), tagRate: rng.pick([0, 0.3, 0.7]), indent: rng.pick(["  ", "  ", "    "]) }
  // the story that covers a failure is one that has a failure to cover (a decision, a system, an outsider)
  const canFail = tasks.map((task, i) => i).filter((i) => failureScenarios({ ...c, rng: rng.fork(`probe-${i}`) }, tasks[i], tasks[i].activity).some(isRefusal))
  const failureAt = canFail.length > 0 ? rng.pick(canFail) : rng.int(0, tasks.length - 1)
  const made = tasks.map((task, i) => makeStory(c, task, i === failureAt))
  const stories = made.map((m) => m.story)
  const whole = tasks.length === all.length
  const epicSummary = rng.pick([
    process.name,
    whole ? `${process.name}: every step` : `${tasks[0].activity}${tasks.length > 1 ? ` to ${lowerFirst(tasks[tasks.length - 1].activity)}` : ""}`,
    `${upperFirst(d.title.replace(/^an? /, ""))}: ${lowerFirst(process.name)}`
  ])
  const withEpic = tasks.length > 1 ? rng.chance(0.85) : rng.chance(0.3)
  const epic = withEpic ? { summary: epicSummary, ...(rng.chance(0.3) ? { description: `${process.done}: the stories of ${lowerFirst(process.name)} in ${d.title}.` } : {}) } : undefined
  const roles = [...new Set(tasks.map((t) => roleWord(t.role)))]
  const activities = tasks.map((t) => lowerFirst(t.activity))
  const shapes = new Set(made.flatMap((m) => m.shapes))
  const failures = made.some((m) => m.failure)
  const extras = [
    ...(shapes.has("outline") && rng.chance(0.6) ? ["Use a scenario outline for the state changes."] : []),
    ...(shapes.has("background") && rng.chance(0.6) ? ["Put the sign-in in a Background."] : []),
    ...(shapes.has("rule") && rng.chance(0.6) ? ["Group scenarios under a Rule where it fits."] : []),
    ...(failures && rng.chance(0.5) ? [rng.pick(["Add at least one failure scenario.", "Cover an error path too.", "Don't forget the unhappy path."])] : []),
    // true of every answer: each story has points, a priority and labels
    ...(rng.chance(0.3) ? [rng.pick(["Estimate each in story points.", "Give each a priority.", "Points on the 1-2-3-5-8 scale.", "Label them so we can filter the board."])] : [])
  ].join(" ")
  const flow = lowerFirst(process.name)
  const join = (items: ReadonlyArray<string>) => enumerate(rng, items)
  const instruction = (
    tasks.length === 1
      ? rng.pick([
          () => `Write a JIRA story for ${d.title}. The ${roles[0]} wants to ${activities[0]}.`,
          () => `One user story please — ${d.title}, the ${roles[0]} needs to ${activities[0]} when they ${flow}. Gherkin acceptance criteria, points and priority.`,
          () => `Story for our backlog, for ${d.title}: ${activities[0]}, done by the ${roles[0]}.`,
          () => `As the product owner of ${d.title} I need the story where the ${roles[0]} gets to ${activities[0]}.`
        ])
      : rng.pick([
          () => `Write JIRA user stories for ${d.title} covering: ${join(activities)}.`,
          () =>
            epic
              ? `Break ${quotable(epic.summary) ? `the "${epic.summary}" epic` : "the epic"} into ${tasks.length} user stories for ${d.title}: ${join(activities)}. Roles: ${join(roles)}.`
              : `Split this into ${tasks.length} user stories for ${d.title}: ${join(activities)}. Roles: ${join(roles)}.`,
          () => `We're planning a sprint for ${d.title}. I need ${tasks.length} stories for: ${join(activities)}. Give each one Given/When/Then acceptance criteria, story points and a priority.`,
          () => `Backlog items please. ${upperFirst(d.title)}; to ${flow}, the ${join(roles)} must be able to ${join(activities)}.`,
          () => `${upperFirst(d.title)} — user stories to ${flow}: ${join(activities)}.`,
          () =>
            epic
              ? `Create an epic${quotable(epic.summary) ? ` called "${epic.summary}"` : ""} with one story each for ${join(activities)}. It is for ${d.title}.`
              : `One story each for ${join(activities)}. No epic is needed; it is for ${d.title}.`
        ])
  )()
  return {
    instruction: extras === "" ? instruction : `${instruction} ${extras}`,
    output: serialise(rng, epic, stories),
    domain: d.id,
    meta: { process: process.name, stories: stories.length, epic: epic !== undefined, shapes: [...shapes].sort(), points: stories.map((s) => s.story_points) }
  }
}

export const jiraDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "jira", make: (rng, d) => make(rng, d) })
}
