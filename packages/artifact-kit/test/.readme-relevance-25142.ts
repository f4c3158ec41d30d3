import { relevanceIssues, requestedNames } from "@lfai/artifact-kit"

const request = "An ERD for a clinic: patients, doctors, appointments."
console.log(requestedNames(request).map((name) => name.text)) // [ 'patients', 'doctors', 'appointments' ]

// what a plugin reads from its parsed artifact: here an ERD's entities and attributes
const library = { noun: "entities", names: ["BOOK", "MEMBER", "LOAN", "member_id"] }
console.log(relevanceIssues(request, library).map((issue) => issue.code)) // [ 'off-topic' ]
const clinic = { noun: "entities", names: ["PATIENT", "DOCTOR", "APPOINTMENT", "patient_id"] }
console.log(relevanceIssues(request, clinic)) // []
