/** Runbooks for a domain's alerts: what sets them off, how to diagnose, the steps, how to verify and roll back or escalate. */
import { phrase, type Domain, type Rng } from "@lfai/artifact-kit"
import { DocBuilder, asTopic, join, kebab, lower, mainEntity, plural, resource, role, upper } from "./common.ts"
import type { Generated } from "./types.ts"

interface Incident {
  readonly alert: string
  readonly symptom: string
  readonly steps: ReadonlyArray<string>
  readonly diagnose: string
  readonly rollback: string
}

export const runbook = (rng: Rng, d: Domain): Generated => {
  const entity = mainEntity(rng, d)
  const noun = phrase(entity.name)
  const service = `${kebab(entity.name)}-service`
  const namespace = kebab(d.id)
  const system = rng.pick(d.systems)
  const threshold = rng.pick([5, 10, 25, 50])
  const incidents: ReadonlyArray<() => Incident> = [
    () => ({
      alert: `${upper(system)} unavailable`,
      symptom: `calls from ${service} to the ${system} fail or time out for more than ${rng.pick([2, 5, 10])} minutes`,
      diagnose: `kubectl -n ${namespace} logs deploy/${service} --since=15m | grep -i "${kebab(system)}"\ncurl -s -o /dev/null -w "%{http_code}\\n" https://${kebab(system)}.example.com/health`,
      steps: [
        `Check the ${system} status page and the vendor's incident feed.`,
        `Switch ${service} to degraded mode: \`kubectl -n ${namespace} set env deploy/${service} ${kebab(system).toUpperCase().replace(/-/g, "_")}_ENABLED=false\`.`,
        `Tell the ${plural(role(rng.pick(d.roles)))} that ${lower(rng.pick(d.activities))} is delayed.`,
        `When the ${system} answers again, turn the integration back on and replay the queued requests.`
      ],
      rollback: `Set the flag back to true; nothing else changed.`
    }),
    () => ({
      alert: `${upper(noun)} queue backlog`,
      symptom: `more than ${threshold * 100} ${plural(noun)} wait in the queue for over ${rng.pick([5, 10, 15])} minutes`,
      diagnose: `kubectl -n ${namespace} get pods -l app=${service}\nkubectl -n ${namespace} top pods -l app=${service}`,
      steps: [
        `Look for crashing consumers: \`kubectl -n ${namespace} get pods -l app=${service}-worker\`.`,
        `Scale the workers out: \`kubectl -n ${namespace} scale deploy/${service}-worker --replicas=${rng.pick([4, 6, 8])}\`.`,
        `Watch the queue depth fall on the dashboard for ${rng.pick([10, 15])} minutes.`,
        `If a poison message blocks the queue, move it to the dead-letter queue and note its id.`
      ],
      rollback: `Scale the workers back to their usual count once the queue is empty.`
    }),
    () => ({
      alert: `${upper(resource(entity.name))} API latency high`,
      symptom: `p99 latency of \`GET /${resource(entity.name)}\` is above ${rng.pick([500, 800, 1200])} ms for ${rng.pick([5, 10])} minutes`,
      diagnose: `kubectl -n ${namespace} top pods -l app=${service}\npsql "$DATABASE_URL" -c "select query, mean_exec_time from pg_stat_statements order by mean_exec_time desc limit 5"`,
      steps: [
        `Check whether a deploy went out in the last hour; if so, roll it back (see below).`,
        `Look for slow queries on the ${noun} tables and for missing indexes.`,
        `Add replicas: \`kubectl -n ${namespace} scale deploy/${service} --replicas=${rng.pick([3, 4, 6])}\`.`,
        `Confirm the cache hit rate is back above ${rng.pick([80, 90])}%.`
      ],
      rollback: `\`kubectl -n ${namespace} rollout undo deploy/${service}\` returns to the previous release.`
    }),
    () => ({
      alert: `${upper(noun)} database disk almost full`,
      symptom: `the ${noun} database volume is more than ${rng.pick([85, 90, 95])}% full`,
      diagnose: `psql "$DATABASE_URL" -c "select relname, pg_size_pretty(pg_total_relation_size(relid)) from pg_catalog.pg_statio_user_tables order by pg_total_relation_size(relid) desc limit 10"`,
      steps: [
        `Find the largest tables and check for runaway audit or log rows.`,
        `Delete expired rows in batches, as the retention policy allows.`,
        `If that is not enough, grow the volume by ${rng.pick([20, 50])}% from the cloud console.`,
        `Run \`VACUUM (ANALYZE)\` on the tables you cleaned.`
      ],
      rollback: `A grown volume cannot shrink; restore deleted rows from last night's backup if needed.`
    }),
    () => ({
      alert: `${upper(d.activities[rng.int(0, d.activities.length - 1)])} jobs failing`,
      symptom: `more than ${threshold}% of the scheduled jobs end in error`,
      diagnose: `kubectl -n ${namespace} get jobs --sort-by=.status.startTime | tail -n 5\nkubectl -n ${namespace} logs job/$(kubectl -n ${namespace} get jobs -o name | tail -n 1 | cut -d/ -f2)`,
      steps: [
        `Read the last failed job's log and note the first error.`,
        `If the error comes from the ${system}, follow its own runbook first.`,
        `Fix the input or the configuration, then rerun the job: \`kubectl -n ${namespace} create job --from=cronjob/${service}-nightly manual-$(date +%s)\`.`,
        `Check that the rerun finished and that its output is complete.`
      ],
      rollback: `Suspend the cron job (\`kubectl -n ${namespace} patch cronjob ${service}-nightly -p '{"spec":{"suspend":true}}'\`) until the cause is fixed.`
    })
  ]
  const incident = rng.pick(incidents)()
  const doc = new DocBuilder()
  const topics: string[] = []
  const section = (text: string, depth = 2) => {
    doc.heading(depth, text)
    if (depth === 2) topics.push(asTopic(text))
  }
  doc.heading(1, rng.pick([`Runbook: ${incident.alert}`, incident.alert, `${incident.alert} runbook`]))
  section(rng.pick(["Purpose", "Overview", "Summary", "Scope"]))
  doc.paragraph(`What to do when ${incident.symptom}. ${rng.pick([`Owned by the ${d.title.replace(/^an? /, "")} on-call engineer.`, `For the on-call engineer of ${service}.`, `Applies to production and staging.`])}`)
  {
    section(rng.pick(["Alert", "Trigger", "Symptoms"]))
    doc.paragraph(`The alert \`${kebab(incident.alert)}\` fires when ${incident.symptom}.`)
  }
  if (rng.chance(0.6)) {
    section("Impact")
    doc.paragraph(`${upper(plural(role(rng.pick(d.roles))))} cannot ${lower(rng.pick(d.activities))}${rng.chance(0.5) ? `, and the ${rng.pick(d.systems)} stops receiving updates` : ""}.`)
  }
  if (rng.chance(0.7)) {
    section(rng.pick(["Diagnosis", "Investigation", "Checks"]))
    doc.code("bash", incident.diagnose)
  }
  section(rng.pick(["Steps", "Procedure", "Mitigation", "Resolution"]))
  const steps = rng.chance(0.3) ? incident.steps.slice(0, 3) : incident.steps
  doc.list(steps, true)
  {
    section(rng.pick(["Verification", "Verify", "Confirm the fix"]))
    doc.paragraph(rng.pick([`The alert resolves on its own within ${rng.pick([5, 10])} minutes.`, `Check that the dashboard is green and that new ${plural(noun)} go through.`]))
    if (rng.chance(0.5)) doc.code("bash", `curl -fsS https://${service}.${namespace}.example.com/health`)
  }
  const rollbackFirst = rng.chance(0.5)
  const rollback = () => {
    section("Rollback")
    doc.paragraph(incident.rollback)
  }
  const escalation = () => {
    section("Escalation")
    if (rng.chance(0.5)) {
      doc.table(["After", "Contact", "How"], [
        [`${rng.pick([15, 30])} minutes`, `${service} on-call`, "page through the on-call tool"],
        ["1 hour", `${upper(role(rng.pick(d.roles)))} lead`, `#${namespace}-incidents`],
        ...(rng.chance(0.5) ? [["any time, if data is lost", "Engineering manager", "phone"]] : [])
      ])
    } else doc.paragraph(`If it is not fixed within ${rng.pick([30, 45, 60])} minutes, page the ${service} owners and post in #${namespace}-incidents.`)
  }
  const which = rng.int(0, 2)
  if (which !== 1 && rollbackFirst) rollback()
  if (which !== 0) escalation()
  if (which !== 1 && !rollbackFirst) rollback()
  if (rng.chance(0.3)) {
    section(rng.pick(["Related", "References"]))
    doc.list([`[${upper(service)} dashboard](https://grafana.example.com/d/${service})`, `[${system} status page](https://status.${kebab(system)}.example.com)`])
  }
  const asked = rng.sample(topics, Math.min(topics.length, rng.int(2, 4)))
  const intro = rng.pick([
    `Write a runbook for the alert "${incident.alert}" in ${d.title}`,
    `We need an on-call runbook for ${d.title}, for the alert "${incident.alert}"`,
    // an aside, its code spans plain words: a request names only what the runbook's headings hold
    `Runbook please for an alert (${incident.symptom.replace(/`/g, "")})`
  ])
  return { kind: "runbook", text: doc.render(), instruction: `${intro}. Sections: ${join(asked)}.`, meta: { steps: steps.length } }
}
