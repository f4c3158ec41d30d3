/** Stories judged against the request: the roles and features it names must be in them. */
import { relevanceContract } from "@lfai/artifact-kit/testing"
import { jira } from "../src/index.ts"

const story = (summary: string, role: string, goal: string, labels: ReadonlyArray<string>, description?: string) => ({
  summary,
  role,
  goal,
  benefit: "the work is done on time",
  ...(description === undefined ? {} : { description }),
  acceptance_criteria: `Feature: ${summary}\n  Scenario: It works\n    Given I am signed in as a ${role}\n    When I ${goal}\n    Then it is saved\n\n  Scenario: It is refused\n    Given I am not signed in\n    When I ${goal}\n    Then I see an error`,
  story_points: 3,
  priority: "Medium",
  labels
})

const stories = (...list: ReadonlyArray<ReturnType<typeof story>>) => JSON.stringify({ stories: list }, null, 2)

const clinic = (withDoctor: boolean) =>
  stories(
    story("Patient books an appointment", "patient", "book a slot at a time that suits me", ["appointments"]),
    story("Lab results reach the patient", "patient", "read my lab results online", ["lab-results"]),
    ...(withDoctor ? [story("Doctor reviews the day's list", "doctor", "see my list for the day", ["schedule"])] : [])
  )

const library = (description?: string) =>
  stories(
    story("Member renews a loan", "library member", "renew a loan from my account page", ["loans"], description),
    story("Librarian checks a book in", "librarian", "check a returned book in", ["circulation"])
  )

relevanceContract(jira, {
  request: "User stories for a clinic: patients, doctors, appointments and lab results.",
  variants: [
    "clinic stories: PATIENT, Doctor, appointment, LabResult",
    "JIRA stories for a clinic with patient, doctors, Appointments and lab_results",
    "stories including `patients`, `DOCTORS`, `appointments` and `lab-result`",
    "Write the clinic backlog (Patients, Doctors, Appointments, Lab Results) as JIRA stories."
  ],
  onTopic: clinic(true),
  offTopic: library(),
  partial: { content: clinic(false), missing: ["doctors"] },
  inComments: library("Unlike the clinic's stories about patients, doctors, appointments and lab results, these are about loans."),
  nameless: "User stories for a small clinic.",
  foreign: {
    request: "Historias de usuario para una clínica: pacientes, médicos y citas.",
    copied: stories(story("Reserva de cita", "paciente", "reservar una cita", ["citas"]), story("Agenda del médico", "médico", "ver mi agenda", ["agenda"]))
  }
})
