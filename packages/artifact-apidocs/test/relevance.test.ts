/** API docs judged against the request: the resources, operations and schemas it names must be documented. */
import { relevanceContract } from "@lfai/artifact-kit/testing"
import { apidocs } from "../src/index.ts"

/** An OpenAPI 3.1 document listing and reading each resource (its path segment, its schema name). */
const api = (title: string, resources: ReadonlyArray<readonly [segment: string, schema: string]>, notes = "") =>
  [
    "openapi: 3.1.0",
    "info:",
    `  title: ${title}`,
    "  version: 1.0.0",
    `  description: ${title}, for partners.${notes}`,
    "servers:",
    "  - url: https://api.example.com/v1",
    "security:",
    "  - bearerAuth: []",
    "paths:",
    ...resources.flatMap(([segment, schema]) => [
      `  /${segment}:`,
      "    get:",
      `      operationId: list${schema}`,
      `      summary: List the ${schema} records`,
      "      responses:",
      '        "200":',
      `          description: The ${schema} records`,
      "          content:",
      "            application/json:",
      "              schema:",
      "                type: array",
      "                items:",
      `                  $ref: "#/components/schemas/${schema}"`,
      '        "401":',
      "          description: Not signed in"
    ]),
    "components:",
    "  securitySchemes:",
    "    bearerAuth:",
    "      type: http",
    "      scheme: bearer",
    "  schemas:",
    ...resources.flatMap(([, schema]) => [
      `    ${schema}:`,
      "      type: object",
      "      properties:",
      "        id:",
      "          type: string",
      "      example:",
      "        id: r1"
    ])
  ].join("\n")

const CLINIC = [["patients", "Patient"], ["appointments", "Appointment"], ["lab-results", "LabResult"]] as const

relevanceContract(apidocs, {
  request: "An OpenAPI document for a clinic: patients, appointments, lab results and doctors.",
  variants: [
    "clinic API: PATIENT, Appointment, lab_results, Doctors",
    "an OpenAPI spec for a clinic with patient, appointments, Lab-Results and doctor",
    "an API including `patients`, `APPOINTMENTS`, `lab results` and `doctors`",
    "Write the clinic's API (Patients, Appointments, Lab Results, Doctors) as OpenAPI 3.1."
  ],
  onTopic: api("Clinic API", [...CLINIC, ["doctors", "Doctor"]]),
  offTopic: api("Library API", [["books", "Book"], ["loans", "Loan"], ["members", "Member"]]),
  partial: { content: api("Clinic API", CLINIC), missing: ["doctors"] },
  inComments: `# patients, appointments, lab results and doctors are in the clinic API\n${api("Library API", [["books", "Book"], ["loans", "Loan"]], " Not the patients, appointments, lab results or doctors of the clinic.")}`,
  nameless: "An OpenAPI document for a small clinic's API.",
  foreign: {
    request: "Una API para una clínica: pacientes, citas y médicos.",
    copied: api("API de la clínica", [["pacientes", "Paciente"], ["citas", "Cita"], ["medicos", "Médico"]])
  }
})
