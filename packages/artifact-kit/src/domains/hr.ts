import { defineDomain } from "./model.ts"

export default defineDomain("hr", {
  title: "an enterprise HR system",
  business:
    "A recruiter posts an opening, screens the candidates and runs the interviews until one accepts an offer. An employee books leave through the same system and gets paid at the end of each month.",
  entities: {
    Employee: "id:int:PK full_name:string employee_no:string:UK job_title:string hired_on:date",
    Department: "id:int:PK name:string cost_center:string:UK",
    Position: "id:int:PK title:string grade:string salary_band:string status:string",
    LeaveRequest: "id:int:PK starts_on:date ends_on:date kind:string status:string",
    Payslip: "id:int:PK period:string gross:decimal net:decimal",
    Review: "id:int:PK period:string rating:int summary:text",
    Candidate: "id:int:PK full_name:string email:string:UK status:string source:string",
    Interview: "id:int:PK scheduled_at:datetime outcome:string"
  },
  relations:
    "Department 1n Employee employs, Position 0n Employee is_held_by, Employee 0n LeaveRequest files, Employee 0n Payslip receives, Employee 0n Review gets, Candidate 0n Interview attends, Position 0n Candidate attracts, Department 0n Position owns",
  lifecycles: [
    "LeaveRequest|Draft|Draft>Submitted:submit Submitted>Approved:approve Submitted>Rejected:reject Approved>Taken:start_leave Approved>Cancelled:cancel Submitted>Draft:recall|Taken Rejected Cancelled",
    "Candidate|Applied|Applied>Screening:shortlist Screening>Interviewing:invite Interviewing>Offered:make_offer Offered>Hired:accept Offered>Declined:decline Screening>Rejected:reject Interviewing>Rejected:reject|Hired Declined Rejected",
    "Position|Draft|Draft>Approved:approve_budget Approved>Open:post Open>OnHold:freeze_hiring OnHold>Open:resume Open>Filled:hire Open>Closed:withdraw|Filled Closed"
  ],
  roles: "Employee, Manager, HR Partner, Recruiter, Candidate",
  systems: "Payroll Provider, Identity Provider, Background Check Service, Calendar, Email Service",
  apps: "Careers Site: Candidate; HR Portal: Employee, Manager, HR Partner; Recruiting Console: Recruiter, Manager",
  services: {
    "Recruiting Service": "owns Candidate Interview Position; uses Background Check Service, Calendar, Notification Service",
    "Employee Service": "owns Employee Department Review; uses Identity Provider",
    "Leave Service": "owns LeaveRequest; uses Employee Service, Calendar, Notification Service",
    "Payroll Service": "owns Payslip; uses Employee Service, Payroll Provider",
    "Notification Service": "uses Email Service"
  },
  processes: {
    "Hire a candidate": `
      Candidate -> Careers Site: Apply for the opening
      Careers Site -> Recruiting Service: Register the application
      Recruiter -> Recruiting Console: Screen the resume
      ? Candidate qualified?
      - Recruiting Console -> Recruiting Service: Reject the application
      - Recruiting Service -> Notification Service: Send the rejection
      - end: Candidate rejected
      Recruiting Console -> Recruiting Service: Schedule the interview
      Recruiting Service -> Calendar: Book the interview slot => meeting invite
      Manager -> Recruiting Console: Record the interview feedback
      Recruiting Console -> Recruiting Service: Make an offer
      ? Offer accepted?
      - Recruiter -> Recruiting Console: Reopen the search
      - end: Offer declined
      Recruiting Service -> Background Check Service: Run the background check => check result
      ? Background check clear?
      - Recruiting Console -> Recruiting Service: Withdraw the offer
      - end: Offer withdrawn
      Recruiting Console -> Employee Service: Create the employee record
      Employee Service -> Identity Provider: Provision the accounts
      done: Candidate hired
    `,
    "Request leave": `
      Employee -> HR Portal: Submit a leave request
      HR Portal -> Leave Service: Create the leave request
      Leave Service -> Employee Service: Check the leave balance => days left
      ? Leave balance sufficient?
      - Leave Service -> HR Portal: Reject the request
      - end: Request rejected
      Leave Service -> Notification Service: Ask the manager to approve
      Manager -> HR Portal: Review the request
      ? Manager approves?
      - HR Portal -> Leave Service: Decline the leave
      - end: Leave declined
      HR Portal -> Leave Service: Approve the leave
      Leave Service -> Calendar: Block the dates
      done: Leave approved
    `,
    "Run payroll": `
      HR Partner -> HR Portal: Close the month
      HR Portal -> Payroll Service: Start the payroll run
      Payroll Service -> Employee Service: Load salaries and leave => pay data
      ? Data complete?
      - Payroll Service -> HR Portal: List the missing records
      - HR Partner -> HR Portal: Fix the records
      - retry: Start the payroll run
      Payroll Service: Calculate the payslips
      Payroll Service -> Payroll Provider: Submit the payments => payment batch id
      ? Payments accepted?
      - Payroll Service -> HR Portal: Flag the rejected payments
      - end: Payroll held
      Payroll Service -> HR Portal: Publish the payslips
      done: Payroll paid
    `
  }
})
