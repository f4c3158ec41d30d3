/**
 * The demo scenario shipped with the testkit (`--scenario demo`): what each built-in artifact's
 * reply in `scenarios/demo.yaml` was written for. Asking for something else gets the same diagram,
 * which a relevance check rightly calls off-topic.
 */
export const demoPrompts: Readonly<Record<string, string>> = {
  erd: "a library: books, authors, members, loans",
  architecture: "the library system: web catalogue, loan service, member service, database",
  sequence: "a member borrows a book: member, web app, loan service, database",
  class: "library domain classes: Book, Author, Member, Loan",
  state: "the lifecycle of a library loan: requested, active, overdue, returned",
  workflow: "returning a library book: check in, late fee, shelve"
}
