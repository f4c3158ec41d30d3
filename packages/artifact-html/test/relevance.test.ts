/** Pages judged against the request: the parts it names must be the page's headings, labels or landmarks. */
import { relevanceContract } from "@lfai/artifact-kit/testing"
import { html } from "../src/index.ts"

const page = (title: string, sections: ReadonlyArray<string>, extra = "") =>
  [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '  <meta charset="utf-8">',
    '  <meta name="viewport" content="width=device-width, initial-scale=1">',
    `  <title>${title}</title>`,
    "  <style>",
    "    body { margin: 0; font-family: system-ui, sans-serif; }",
    "    section { padding: 1rem; }",
    "  </style>",
    "</head>",
    "<body>",
    `  <header><h1>${title}</h1></header>`,
    "  <main>",
    extra,
    ...sections.map((heading) => `    <section>\n      <h2>${heading}</h2>\n      <p>Nothing new today.</p>\n    </section>`),
    "  </main>",
    "  <footer>© 2026</footer>",
    "</body>",
    "</html>"
  ].join("\n")

relevanceContract(html, {
  request: "A clinic dashboard page: patients, appointments, lab results and doctors.",
  variants: [
    "clinic page: PATIENT, Appointment, lab_results, Doctors",
    "a clinic page with patient, appointments, Lab-Results and doctor",
    "a page including `patients`, `APPOINTMENTS`, `lab results` and `doctors`",
    "Build the clinic screen (Patients, Appointments, Lab Results, Doctors) as one HTML page."
  ],
  onTopic: page("Clinic", ["Patients", "Appointments", "Lab results", "Doctors"]),
  offTopic: page("Library", ["Books", "Loans", "Members"]),
  partial: { content: page("Clinic", ["Patients", "Appointments", "Lab results"]), missing: ["doctors"] },
  inComments: page(
    "Library",
    ["Books", "Loans", "Members"],
    "    <!-- patients, appointments, lab results and doctors live in the clinic app -->\n    <p>Looking for patients, appointments, lab results or doctors? This is the library.</p>"
  ),
  nameless: "A dashboard page for a small clinic.",
  foreign: {
    request: "Una página para una clínica: pacientes, citas y médicos.",
    copied: page("Clínica", ["Pacientes", "Citas", "Médicos"])
  }
})
