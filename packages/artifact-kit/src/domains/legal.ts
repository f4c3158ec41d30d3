import { defineDomain } from "./model.ts"

export default defineDomain("legal", {
  title: "a law firm case-management system",
  business:
    "A new client brings a matter, and the firm runs a conflict check before taking it on. Lawyers log their hours against the matter, draft documents and file them at court, and the client is invoiced every month.",
  entities: {
    Client: "id:int:PK name:string email:string:UK",
    Matter: "id:int:PK title:string matter_no:string:UK practice_area:string status:string opened_on:date",
    Lawyer: "id:int:PK full_name:string bar_no:string:UK hourly_rate:decimal",
    TimeEntry: "id:int:PK hours:decimal worked_on:date description:text",
    Document: "id:int:PK title:string version:int status:string privileged:boolean",
    Hearing: "id:int:PK scheduled_at:datetime court:string outcome:string",
    Invoice: "id:int:PK invoice_no:string:UK amount:decimal issued_on:date",
    Deadline: "id:int:PK due_on:date kind:string met:boolean"
  },
  relations:
    "Client 1n Matter engages, Lawyer 0n Matter leads, Lawyer 0n TimeEntry logs, Matter 0n TimeEntry accrues, Matter 0n Document holds, Matter 0n Hearing schedules, Matter 0n Invoice bills, Matter 0n Deadline tracks",
  lifecycles: [
    "Matter|Intake|Intake>ConflictCheck:register ConflictCheck>Open:clear ConflictCheck>Declined:~conflict_found Open>Litigation:file_suit Open>Settled:settle Litigation>Settled:settle Litigation>Judgment:~verdict Settled>Closed:close Judgment>Closed:close|Closed Declined",
    "Document|Drafting|Drafting>InReview:send_for_review InReview>Drafting:request_changes InReview>Approved:approve Approved>Filed:file Approved>Executed:sign|Filed Executed",
    "Invoice|Draft|Draft>Sent:send Sent>Paid:pay Sent>Overdue:~pass_due_date Overdue>Paid:pay Overdue>WrittenOff:write_off|Paid WrittenOff"
  ],
  roles: "Client, Partner, Associate, Paralegal",
  systems: "Court E-Filing, Document Management, Accounting System, Conflict Database",
  apps: "Client Portal: Client; Matter Workspace: Partner, Associate, Paralegal",
  services: {
    "Intake Service": "owns Client; uses Conflict Database, Matter Service",
    "Matter Service": "owns Matter Lawyer Deadline Hearing",
    "Document Service": "owns Document; uses Document Management, Court E-Filing, Matter Service",
    "Billing Service": "owns TimeEntry Invoice; uses Accounting System, Matter Service"
  },
  processes: {
    "Take on a new matter": `
      Client -> Client Portal: Describe the case
      Client Portal -> Intake Service: Register the enquiry
      Intake Service -> Conflict Database: Run the conflict check => conflict report
      ? Conflict of interest? (yes)
      - Partner -> Matter Workspace: Decline the matter
      - end: Matter declined
      Partner -> Matter Workspace: Accept the matter
      Matter Workspace -> Intake Service: Send the engagement letter
      ? Engagement letter signed?
      - Paralegal -> Matter Workspace: Chase the client
      - retry: Send the engagement letter
      Intake Service -> Matter Service: Open the matter => matter number
      Matter Workspace -> Matter Service: Assign the lead lawyer
      done: Matter opened
    `,
    "File a pleading": `
      Associate -> Matter Workspace: Draft the pleading
      Matter Workspace -> Document Service: Save the draft
      Document Service -> Document Management: Store a new version
      Partner -> Matter Workspace: Review the draft
      ? Changes needed? (yes)
      - Partner -> Associate: Return the draft with comments
      - retry: Draft the pleading
      Matter Workspace -> Document Service: Approve the pleading
      Paralegal -> Matter Workspace: File with the court
      Matter Workspace -> Document Service: Submit the filing
      Document Service -> Court E-Filing: Transmit the pleading => filing receipt
      ? Filing accepted?
      - Document Service -> Matter Workspace: Report the rejection
      - end: Filing rejected
      Document Service -> Matter Service: Add the hearing date
      done: Pleading filed
    `,
    "Invoice a client": `
      Associate -> Matter Workspace: Log billable time
      Matter Workspace -> Billing Service: Record the time entry
      Paralegal -> Matter Workspace: Prepare the monthly invoice
      Matter Workspace -> Billing Service: Generate the invoice => invoice number
      Partner -> Matter Workspace: Approve the invoice
      Billing Service -> Accounting System: Post the invoice
      Client -> Client Portal: Pay the invoice
      Client Portal -> Billing Service: Record the payment
      ? Paid within 30 days?
      - Paralegal -> Matter Workspace: Send a payment reminder
      - end: Invoice overdue
      Billing Service -> Accounting System: Reconcile the payment
      done: Invoice paid
    `
  }
})
