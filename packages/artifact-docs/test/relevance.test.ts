/** Documents judged against the request: the topics it names must have sections. */
import { relevanceContract } from "@lfai/artifact-kit/testing"
import { docs } from "../src/index.ts"

const section = (heading: string, body: string) => `## ${heading}\n\n${body}\n`

const readme = (title: string, lead: string, sections: ReadonlyArray<readonly [string, string]>) =>
  [`# ${title}`, "", lead, "", ...sections.map(([heading, body]) => section(heading, body))].join("\n")

const RUN = "```bash\nnpm ci\nnpm start\n```"

const clinic = (withTroubleshooting: boolean) =>
  readme("clinic-service", "Clinic-service books appointments and sends lab results to patients.", [
    ["Installation", RUN],
    ["Usage", "```bash\ncurl -s http://localhost:8080/appointments\n```"],
    ["Configuration", "| Variable | Meaning |\n| --- | --- |\n| `PORT` | Port to listen on |"],
    ["Lab results", "Results arrive from the laboratory system every five minutes."],
    ...(withTroubleshooting ? [["Troubleshooting", "If no results arrive, check the laboratory feed's credentials."] as const] : [])
  ])

const library = (aside = "") =>
  readme("shelf-service", `Shelf-service keeps track of the books of a public library.${aside}`, [
    ["Getting started", RUN],
    ["Usage", "```bash\ncurl -s http://localhost:8080/books\n```"],
    ["Architecture", "One service in front of the catalogue database."]
  ])

relevanceContract(docs, {
  request: "A README for the clinic service covering installation, configuration, lab results and troubleshooting.",
  variants: [
    "README of the clinic service: INSTALLATION, Configuration, lab_result, Troubleshooting",
    "a README for the clinic service with installation, configurations, Lab-Results and troubleshooting",
    "README including `installation`, `CONFIGURATION`, `lab results` and `troubleshooting`",
    "Write the clinic service's README (Installation, Configuration, Lab Results, Troubleshooting) in Markdown."
  ],
  onTopic: clinic(true),
  offTopic: library(),
  partial: { content: clinic(false), missing: ["troubleshooting"] },
  inComments: library(
    " Its installation, configuration, lab results and troubleshooting are documented elsewhere.\n\n<!-- installation, configuration, lab results, troubleshooting -->"
  ),
  nameless: "A README for a small clinic's service.",
  foreign: {
    request: "Un README para el servicio: instalación, configuración y resultados.",
    copied: readme("servicio", "El servicio de la clínica.", [
      ["Instalación", RUN],
      ["Configuración", "El puerto se configura con `PORT`."],
      ["Resultados", "Los resultados llegan cada cinco minutos."]
    ])
  }
})
