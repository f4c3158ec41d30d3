import { defineDomain } from "./model.ts"

export default defineDomain("construction", {
  title: "a construction project-management system",
  business:
    "A project manager plans the tasks of a building project, orders the materials and books the subcontractors for each site. Work on a task is inspected before it is signed off, and a change the client asks for is priced and approved before anyone builds it.",
  entities: {
    Project: "id:int:PK name:string budget:decimal starts_on:date",
    Site: "id:int:PK address:string area_m2:float",
    Contractor: "id:int:PK company:string license_no:string:UK",
    Task: "id:int:PK name:string status:string planned_start:date planned_end:date progress_pct:int",
    Material: "id:int:PK name:string unit:string unit_cost:decimal",
    Delivery: "id:int:PK quantity:decimal delivered_on:date",
    Inspection: "id:int:PK result:string inspected_on:date",
    ChangeOrder: "id:int:PK reason:text cost_delta:decimal status:string"
  },
  relations:
    "Project 1n Site covers, Project 1n Task plans, Contractor 0n Task performs, Material 0n Delivery is_delivered_in, Site 0n Delivery receives, Site 0n Inspection undergoes, Project 0n ChangeOrder accumulates",
  lifecycles: [
    "Task|NotStarted|NotStarted>InProgress:start InProgress>Blocked:~issue_found Blocked>InProgress:~issue_resolved InProgress>AwaitingInspection:finish_work AwaitingInspection>Done:~pass AwaitingInspection>InProgress:~fail|Done",
    "ChangeOrder|Raised|Raised>Priced:estimate Priced>Approved:~client_approves Priced>Rejected:~client_rejects Approved>Implemented:complete_work|Implemented Rejected",
    "Delivery|Ordered|Ordered>Dispatched:ship Dispatched>Received:unload Received>Accepted:~check_ok Received>Returned:~check_failed Ordered>Cancelled:cancel|Accepted Returned Cancelled|Transport=Dispatched,Received"
  ],
  roles: "Project Manager, Site Engineer, Subcontractor, Client",
  systems: "BIM Server, Supplier Portal, Accounting System, Permit Office",
  apps: "Project Planner: Project Manager; Site App: Site Engineer, Subcontractor; Client Portal: Client",
  services: {
    "Planning Service": "owns Project Task Site Contractor; uses BIM Server, Permit Office",
    "Procurement Service": "owns Material Delivery; uses Supplier Portal, Accounting System",
    "Quality Service": "owns Inspection; uses Planning Service",
    "Change Service": "owns ChangeOrder; uses Planning Service, Accounting System"
  },
  processes: {
    "Complete a task": `
      Project Manager -> Project Planner: Schedule the task
      Project Planner -> Planning Service: Assign the subcontractor
      Planning Service -> Permit Office: Check the work permit => permit status
      ? Permit granted?
      - Project Manager -> Project Planner: Apply for the permit
      - retry: Check the work permit
      Subcontractor -> Site App: Start the work
      Site App -> Planning Service: Mark the task in progress
      Subcontractor -> Site App: Report the work finished
      Site Engineer -> Site App: Inspect the work
      Site App -> Quality Service: Record the inspection
      ? Inspection passed?
      - Site Engineer -> Subcontractor: Hand over the snag list
      - retry: Report the work finished
      Quality Service -> Planning Service: Sign off the task
      done: Task done
    `,
    "Order materials": `
      Site Engineer -> Site App: Request materials
      Site App -> Procurement Service: Create the purchase request
      Procurement Service -> Accounting System: Check the budget => remaining budget
      ? Within budget?
      - Project Manager -> Project Planner: Approve the overspend
      - rejoin
      Procurement Service -> Supplier Portal: Place the order => delivery date
      Site Engineer -> Site App: Receive the delivery
      Site App -> Procurement Service: Record the delivery
      ? Delivery complete and undamaged?
      - Procurement Service -> Supplier Portal: Return the damaged goods
      - end: Delivery returned
      Procurement Service -> Accounting System: Approve the supplier invoice
      done: Materials on site
    `,
    "Handle a change request": `
      Client -> Client Portal: Request a change
      Client Portal -> Change Service: Raise a change order
      Project Manager -> Project Planner: Price the change
      Project Planner -> Change Service: Record the estimate
      Change Service -> Planning Service: Assess the schedule impact => delay in days
      Client -> Client Portal: Review the quote
      ? Client approves?
      - Client Portal -> Change Service: Reject the change order
      - end: Change rejected
      Client Portal -> Change Service: Approve the change order
      Change Service -> Accounting System: Update the project budget
      Change Service -> Planning Service: Add the extra tasks
      done: Change approved
    `
  }
})
