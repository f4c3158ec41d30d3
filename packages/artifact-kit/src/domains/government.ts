import { defineDomain } from "./model.ts"

export default defineDomain("government", {
  title: "a municipal citizen-services portal",
  business:
    "A citizen applies for a building permit online, uploads the plans and pays a fee. A case officer checks the zoning rules, an inspector visits the site, and the permit is issued once everything is in order.",
  entities: {
    Citizen: "id:int:PK full_name:string national_id:string:UK birth_date:date",
    Application: "id:int:PK kind:string status:string submitted_at:datetime",
    Permit: "id:int:PK permit_no:string:UK status:string valid_from:date valid_to:date",
    Officer: "id:int:PK full_name:string badge_no:string:UK office:string",
    Fee: "id:int:PK amount:decimal paid:boolean due_on:date",
    Appointment: "id:int:PK slot:datetime office:string",
    Document: "id:int:PK kind:string url:string verified:boolean",
    Parcel: "id:int:PK cadastral_no:string:UK area_m2:float zoning:string"
  },
  relations:
    "Citizen 0n Application files, Application 01 Permit grants, Officer 0n Application reviews, Application 1n Fee charges, Citizen 0n Appointment books, Application 0n Document requires, Parcel 0n Permit has",
  lifecycles: [
    "Application|Draft|Draft>Submitted:submit Submitted>UnderReview:assign_officer UnderReview>MoreInfoNeeded:request_info MoreInfoNeeded>UnderReview:provide_info UnderReview>Approved:approve UnderReview>Rejected:reject Approved>Issued:pay_fee|Issued Rejected",
    "Permit|Issued|Issued>Active:~start_date Active>Suspended:~violation Suspended>Active:remedy Active>Expired:~end_date Active>Revoked:revoke|Expired Revoked",
    "Appointment|Booked|Booked>Confirmed:confirm Booked>Cancelled:cancel Confirmed>Attended:check_in Confirmed>Missed:~no_show Confirmed>Cancelled:cancel|Attended Missed Cancelled"
  ],
  roles: "Citizen, Case Officer, Inspector, Clerk",
  systems: "National ID Service, Payment Portal, Document Archive, GIS Service, Email Service",
  apps: "Citizen Portal: Citizen; Case Management: Case Officer, Clerk; Inspector App: Inspector",
  services: {
    "Identity Service": "owns Citizen; uses National ID Service",
    "Application Service": "owns Application Document Officer; uses Identity Service, Document Archive, GIS Service, Notification Service",
    "Permit Service": "owns Permit Parcel; uses GIS Service, Notification Service",
    "Payment Service": "owns Fee; uses Payment Portal, Application Service, Permit Service",
    "Appointment Service": "owns Appointment; uses Notification Service",
    "Notification Service": "uses Email Service"
  },
  processes: {
    "Apply for a building permit": `
      Citizen -> Citizen Portal: Sign in with the national ID
      Citizen Portal -> Identity Service: Verify the identity
      Identity Service -> National ID Service: Check the national ID => identity
      Citizen -> Citizen Portal: Fill in the permit form
      Citizen -> Citizen Portal: Upload the plans
      Citizen Portal -> Application Service: Submit the application => case number
      Application Service -> Document Archive: Archive the documents
      Case Officer -> Case Management: Review the application
      ? Documents complete?
      - Case Management -> Application Service: Request more information
      - Application Service -> Notification Service: Tell the citizen what is missing
      - retry: Upload the plans
      Case Management -> Application Service: Check the zoning rules
      Application Service -> GIS Service: Look up the parcel zoning => zoning
      ? Zoning allows the use?
      - Case Management -> Application Service: Reject the application
      - end: Application rejected
      Case Management -> Permit Service: Approve the permit
      done: Permit approved
    `,
    "Pay a permit fee": `
      Clerk -> Case Management: Calculate the fee
      Case Management -> Payment Service: Create the fee => amount due
      Payment Service -> Payment Portal: Open a payment session => payment link
      Citizen -> Citizen Portal: Pay the fee
      Citizen Portal -> Payment Service: Confirm the payment
      ? Fee paid within 30 days?
      - Payment Service -> Application Service: Close the application unpaid
      - end: Application closed
      Payment Service -> Permit Service: Release the permit
      Permit Service -> Notification Service: Send the permit
      done: Permit issued
    `,
    "Inspect a site": `
      Citizen -> Citizen Portal: Book an inspection
      Citizen Portal -> Appointment Service: Reserve an inspection slot => slot
      Appointment Service -> Notification Service: Confirm the slot
      Inspector -> Inspector App: Inspect the site
      Inspector App -> Permit Service: Record the findings
      ? Inspection passed?
      - Inspector App -> Permit Service: Suspend the permit
      - Permit Service -> Notification Service: List the required fixes
      - end: Permit suspended
      Permit Service -> GIS Service: Update the parcel record
      done: Site approved
    `
  }
})
