/** Code judged against the request: the types and members it names must be declared or used. */
import { relevanceContract } from "@lfai/artifact-kit/testing"
import { code } from "../src/index.ts"

const model = (types: ReadonlyArray<string>, service: string, comment = "") =>
  [
    comment,
    ...types.map((type) => `export interface ${type} {\n  id: string;\n  createdAt: Date;\n}\n`),
    `export class ${service} {`,
    `  private readonly items: ${types[0]}[] = [];`,
    "",
    `  list(): ${types[0]}[] {`,
    "    return [...this.items];",
    "  }",
    "}"
  ].join("\n")

relevanceContract(code, {
  request: "A TypeScript model for a clinic: Patient, Appointment, LabResult and DoctorService.",
  variants: [
    "clinic model: PATIENT, appointment, lab_result, doctor service",
    "a TypeScript clinic model with patients, Appointments, Lab-Results and the doctor service",
    "code including `Patient`, `APPOINTMENT`, `lab results` and `DoctorService`",
    "Write the clinic types (Patients, Appointments, Lab Results, Doctor Service) in TypeScript."
  ],
  onTopic: model(["Patient", "Appointment", "LabResult"], "DoctorService"),
  offTopic: model(["Book", "Loan", "Member"], "LibraryService"),
  partial: { content: model(["Patient", "Appointment", "LabResult"], "ClinicService"), missing: ["DoctorService"] },
  inComments: model(["Book", "Loan", "Member"], "LibraryService", "// Not the clinic's Patient, Appointment, LabResult or DoctorService: see clinic.ts"),
  nameless: "A TypeScript model for a small clinic.",
  foreign: {
    request: "Un modelo para una clínica: Paciente, Cita y Médico.",
    copied: model(["Paciente", "Cita"], "Médico")
  }
})
