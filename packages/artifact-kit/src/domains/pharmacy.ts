import { defineDomain } from "./model.ts"

export default defineDomain("pharmacy", {
  title: "a pharmacy chain",
  business:
    "A prescription arrives electronically from the prescriber, a pharmacist checks it for interactions and a technician fills it from the store's stock. The patient collects the medicine once the pharmacist has explained how to take it, and the insurer pays its share.",
  entities: {
    Patient: "id:int:PK full_name:string birth_date:date phone:string",
    Prescription: "id:int:PK rx_number:string:UK status:string issued_on:date prescriber:string",
    Drug: "id:int:PK name:string ndc_code:string:UK strength:string",
    StockItem: "id:int:PK quantity:int expires_on:date lot_no:string",
    Store: "id:int:PK store_no:string:UK city:string",
    Refill: "id:int:PK quantity:int filled_on:date",
    Pharmacist: "id:int:PK full_name:string license_no:string:UK",
    InsuranceClaim: "id:int:PK amount:decimal status:string submitted_at:datetime"
  },
  relations:
    "Patient 0n Prescription holds, Drug 0n Prescription is_prescribed_in, Store 1n StockItem keeps, Drug 0n StockItem is_stocked_as, Prescription 0n Refill gets, Pharmacist 0n Refill verifies, Refill 01 InsuranceClaim is_billed_by",
  lifecycles: [
    "Prescription|Received|Received>Verifying:enter Verifying>OnHold:~need_prescriber_call OnHold>Verifying:~prescriber_confirms Verifying>Filling:approve Filling>ReadyForPickup:label ReadyForPickup>PickedUp:collect ReadyForPickup>ReturnedToStock:~not_collected|PickedUp ReturnedToStock|Preparation=Filling,ReadyForPickup",
    "InsuranceClaim|Submitted|Submitted>Adjudicating:accept Adjudicating>Paid:approve Adjudicating>Rejected:reject Rejected>Submitted:resubmit Rejected>WrittenOff:give_up|Paid WrittenOff",
    "StockItem|Ordered|Ordered>InStock:receive InStock>Low:~fall_below_minimum Low>InStock:restock InStock>Expired:~pass_expiry Low>Expired:~pass_expiry Expired>Disposed:dispose|Disposed"
  ],
  roles: "Patient, Pharmacist, Pharmacy Technician, Prescriber",
  systems: "E-Prescribing Network, Insurance Switch, Drug Interaction Database, Wholesaler API, SMS Gateway",
  apps: "Prescriber System: Prescriber; Pharmacy Workstation: Pharmacist, Pharmacy Technician; Patient App: Patient",
  services: {
    "Prescription Service": "owns Prescription Patient Refill Pharmacist; uses E-Prescribing Network, Drug Interaction Database, Inventory Service, Claims Service, SMS Gateway",
    "Inventory Service": "owns StockItem Drug Store; uses Wholesaler API",
    "Claims Service": "owns InsuranceClaim; uses Insurance Switch"
  },
  processes: {
    "Fill a prescription": `
      Prescriber -> Prescriber System: Send the e-prescription
      E-Prescribing Network -> Prescription Service: Deliver the e-prescription
      Prescription Service -> Drug Interaction Database: Check for interactions => interaction report
      ? Interaction found? (yes)
      - Pharmacist -> Pharmacy Workstation: Call the prescriber
      - Pharmacy Workstation -> Prescription Service: Put the prescription on hold
      - end: Prescription on hold
      Prescription Service -> Inventory Service: Reserve the stock
      ? Drug in stock?
      - Inventory Service -> Wholesaler API: Order from the wholesaler => delivery date
      - rejoin
      Pharmacy Technician -> Pharmacy Workstation: Count the tablets
      Pharmacy Technician -> Pharmacy Workstation: Label the bottle
      Pharmacist -> Pharmacy Workstation: Verify the fill
      Pharmacy Workstation -> Prescription Service: Mark it ready for pickup
      Prescription Service -> SMS Gateway: Text the patient
      done: Ready for pickup
    `,
    "Collect a prescription": `
      Patient -> Patient App: Check the prescription status
      Patient App -> Prescription Service: Load the status => status
      Patient -> Pharmacist: Ask for the prescription
      Pharmacist -> Patient: Counsel the patient
      Pharmacist -> Pharmacy Workstation: Hand over the medicine
      Pharmacy Workstation -> Prescription Service: Record the pickup
      Prescription Service -> Claims Service: Bill the insurer
      Claims Service -> Insurance Switch: Submit the claim => claim status
      ? Claim approved?
      - Claims Service -> Pharmacy Workstation: Show the rejection code
      - Pharmacy Technician -> Pharmacy Workstation: Correct the claim
      - retry: Submit the claim
      done: Prescription collected
    `,
    "Return uncollected medicine": `
      Prescription Service: Find prescriptions waiting over 10 days
      Prescription Service -> SMS Gateway: Send a last reminder
      ? Collected within 2 days?
      - Pharmacy Technician -> Pharmacy Workstation: Return the medicine to stock
      - Pharmacy Workstation -> Inventory Service: Add the stock back
      - Pharmacy Workstation -> Claims Service: Reverse the claim
      - end: Returned to stock
      Pharmacy Workstation -> Prescription Service: Record the pickup on the last day
      done: Collected late
    `
  }
})
