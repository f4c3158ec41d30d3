/** Clean documents of each kind (score 100, no issue), for the tests that break one rule at a time. */

export const FENCE = "```"

/** A clean README (lines 1-15), with `extra` lines after Usage (from line 16). */
export const readme = (...extra: ReadonlyArray<string>) =>
  ["# shelf-service", "", "Shelf-service keeps track of the books of a public library.", "", "## Installation", "", `${FENCE}bash`, "npm ci", FENCE, "", "## Usage", "", `${FENCE}bash`, "npm start", FENCE, ...extra].join("\n")

/** A clean ADR (lines 1-27), with `extra` lines after Consequences. */
export const adr = (...extra: ReadonlyArray<string>) =>
  ["# 12. Publish loan events with RabbitMQ", "", "Date: 2023-05-17", "", "## Status", "", "Accepted", "", "## Context", "", "Two services need loan events.", "", "## Decision", "", "We publish loan events to RabbitMQ.", "", "## Alternatives", "", "Kafka: a cluster to run.", "", "## Consequences", "", "One more broker to operate.", ...extra].join("\n")

/** A clean runbook (lines 1-24; the numbered steps under Mitigation on lines 13-14), with `extra` lines after Escalation. */
export const runbook = (...extra: ReadonlyArray<string>) =>
  ["# Runbook: search unavailable", "", "## Purpose", "", "What to do when search fails.", "", "## Alert", "", "The alert search-down fires.", "", "## Mitigation", "", "1. Restart the search node.", "2. Tell the librarians.", "", "## Verification", "", "Searches succeed again.", "", "## Escalation", "", "Page the platform on-call.", ...extra].join("\n")

/** A clean API guide (lines 1-21; the endpoint section on line 9), with `extra` lines after Errors. */
export const apiGuide = (...extra: ReadonlyArray<string>) =>
  ["# Loans API guide", "", "The loans API reads loans.", "", "## Authentication", "", "Send a bearer token.", "", "## GET /loans/{id}", "", "One loan by id.", "", `${FENCE}bash`, "curl https://api.example.com/v1/loans/42", FENCE, "", "## Errors", "", "| Status | Meaning |", "| --- | --- |", "| 404 | No such loan. |", ...extra].join("\n")
