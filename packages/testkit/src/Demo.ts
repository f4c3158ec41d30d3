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
  workflow: "returning a library book: check in, late fee, shelve",
  code: "Angular code for library loans: Loan and LoanService, with the methods list, renew and returnBook",
  html: "the member account page of the library: current loans, reservations and fines",
  apidocs: "an OpenAPI document for the library API: books, members and loans",
  jira: "user stories for the library: loan renewals, reservations and late fees",
  docs: "a README for the loan service covering installation, configuration and usage"
}
