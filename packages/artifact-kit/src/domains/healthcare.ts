import { defineDomain } from "./model.ts"

export default defineDomain("healthcare", {
  title: "a hospital patient-care system",
  business:
    "A patient books a visit online or walks in, is seen by a physician and may be admitted to a ward. The physician orders lab tests and writes prescriptions, and the insurer is billed for the care.",
  entities: {
    Patient: "id:int:PK mrn:string:UK full_name:string birth_date:date blood_type:string",
    Doctor: "id:int:PK full_name:string specialty:string license_no:string:UK",
    Appointment: "id:int:PK scheduled_at:datetime reason:string status:string",
    Prescription: "id:int:PK dosage:string issued_at:date refills:int status:string",
    Medication: "id:int:PK name:string code:string:UK form:string",
    Ward: "id:int:PK name:string floor:int capacity:int",
    Admission: "id:int:PK admitted_at:datetime diagnosis:string status:string discharged_at:datetime",
    LabResult: "id:int:PK test_code:string value:decimal unit:string collected_at:datetime",
    Insurance: "id:int:PK provider:string policy_number:string:UK valid_until:date"
  },
  relations:
    "Patient 0n Appointment books, Doctor 0n Appointment attends, Doctor 0n Prescription writes, Patient 0n Prescription receives, Medication 0n Prescription is_prescribed_in, Patient 0n Admission has, Ward 0n Admission hosts, Patient 0n LabResult has, Patient 01 Insurance is_covered_by",
  lifecycles: [
    "Appointment|Requested|Requested>Scheduled:confirm Scheduled>CheckedIn:arrive CheckedIn>InConsultation:call_in InConsultation>Completed:finish Scheduled>Cancelled:cancel Scheduled>NoShow:~miss|Completed Cancelled NoShow|Visit=CheckedIn,InConsultation",
    "Admission|Registered|Registered>Triaged:triage Triaged>Admitted:assign_bed Admitted>UnderTreatment:start_treatment UnderTreatment>Discharged:discharge UnderTreatment>Transferred:transfer Triaged>Transferred:refer_elsewhere|Discharged Transferred|Stay=Admitted,UnderTreatment",
    "Prescription|Written|Written>Sent:send Sent>Dispensed:dispense Sent>Rejected:flag_interaction Dispensed>Refilled:refill Refilled>Dispensed:dispense_again Dispensed>Completed:finish_course|Completed Rejected"
  ],
  roles: "Patient, Nurse, Physician, Receptionist, Pharmacist",
  systems: "EHR System, Insurance Clearinghouse, Lab Information System, SMS Gateway",
  apps: "Patient Portal: Patient; Clinic Desk: Receptionist, Nurse; Clinician Workstation: Physician, Nurse; Pharmacy Console: Pharmacist",
  services: {
    "Patient Service": "owns Patient Insurance; uses Insurance Clearinghouse",
    "Scheduling Service": "owns Appointment Doctor; uses Patient Service, Notification Service",
    "Clinical Service": "owns Admission Ward LabResult; uses EHR System, Lab Information System, Patient Service",
    "Prescribing Service": "owns Prescription Medication; uses Clinical Service",
    "Notification Service": "uses SMS Gateway"
  },
  processes: {
    "Book an appointment": `
      Patient -> Patient Portal: Request an appointment
      Patient Portal -> Scheduling Service: Find free slots => free slots
      Patient -> Patient Portal: Pick a slot
      Patient Portal -> Scheduling Service: Book the slot
      Scheduling Service -> Patient Service: Check the insurance => coverage
      Patient Service -> Insurance Clearinghouse: Verify the policy => eligibility
      ? Insurance valid?
      - Scheduling Service -> Patient Portal: Ask for payment details
      - Patient -> Patient Portal: Choose to pay privately
      - rejoin
      Scheduling Service -> Notification Service: Confirm the booking
      Notification Service -> SMS Gateway: Text the appointment details
      ? Patient cancels? (yes)
      - Patient -> Patient Portal: Cancel the appointment
      - Patient Portal -> Scheduling Service: Free the slot
      - end: Appointment cancelled
      Notification Service -> SMS Gateway: Send a reminder the day before
      done: Appointment booked
    `,
    "Admit a patient": `
      Receptionist -> Clinic Desk: Register the arrival
      Clinic Desk -> Patient Service: Find the patient record => patient record
      Nurse: Triage the patient
      ? Emergency case? (yes)
      - Nurse -> Clinician Workstation: Page the on-call physician
      - Clinician Workstation -> Clinical Service: Open an emergency admission
      - rejoin
      Physician -> Clinician Workstation: Decide to admit
      Clinician Workstation -> Clinical Service: Request a bed => ward and bed
      ? Bed available?
      - Clinical Service -> Clinician Workstation: Offer a transfer
      - end: Patient transferred
      Clinical Service -> EHR System: Open the inpatient record
      Physician -> Clinician Workstation: Order lab tests
      Clinician Workstation -> Clinical Service: Send the lab order
      Clinical Service -> Lab Information System: Place the lab order => sample labels
      done: Patient admitted
    `,
    "Dispense a prescription": `
      Physician -> Clinician Workstation: Write the prescription
      Clinician Workstation -> Prescribing Service: Submit the prescription
      Prescribing Service -> Clinical Service: Check allergies and lab results => clinical summary
      ? Allergy conflict? (yes)
      - Prescribing Service -> Clinician Workstation: Flag the conflict
      - Physician -> Clinician Workstation: Choose another medication
      - retry: Submit the prescription
      Pharmacist -> Pharmacy Console: Open the prescription queue
      Pharmacy Console -> Prescribing Service: Fetch the next prescription => prescription
      Pharmacist: Prepare the medication
      ? Medication in stock?
      - Pharmacy Console -> Prescribing Service: Put the prescription on hold
      - end: Prescription on hold
      Pharmacist -> Patient: Hand over the medication
      Pharmacy Console -> Prescribing Service: Record the dispensing
      done: Medication dispensed
    `
  }
})
