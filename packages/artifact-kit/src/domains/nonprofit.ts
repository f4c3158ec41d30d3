import { defineDomain } from "./model.ts"

export default defineDomain("nonprofit", {
  title: "a charity donor-management system",
  business:
    "A donor gives once or pledges a monthly amount to a campaign, and the charity claims gift aid on eligible gifts. Volunteers sign up for shifts on the charity's projects, and the finance team reports to each funder on how its grant was spent.",
  entities: {
    Donor: "id:int:PK full_name:string email:string:UK gift_aid:boolean",
    Donation: "id:int:PK amount:decimal received_at:datetime channel:string",
    Campaign: "id:int:PK name:string goal:decimal starts_on:date ends_on:date",
    Volunteer: "id:int:PK full_name:string skills:string",
    Shift: "id:int:PK starts_at:datetime role:string",
    Grant: "id:int:PK funder:string amount:decimal status:string awarded_on:date",
    Project: "id:int:PK name:string budget:decimal country:string",
    Pledge: "id:int:PK monthly_amount:decimal status:string starts_on:date"
  },
  relations:
    "Donor 0n Donation gives, Campaign 0n Donation raises, Donor 0n Pledge makes, Volunteer 0n Shift works, Project 0n Shift needs, Project 0n Grant is_funded_by, Campaign 0n Project supports",
  lifecycles: [
    "Pledge|Pending|Pending>Active:~first_payment Active>Paused:pause Paused>Active:resume Active>Lapsed:~missed_payments Lapsed>Active:reactivate Active>Cancelled:cancel|Cancelled Lapsed",
    "Grant|Drafting|Drafting>Submitted:submit Submitted>Shortlisted:shortlist Submitted>Declined:decline Shortlisted>Awarded:award Shortlisted>Declined:decline Awarded>Reporting:spend Reporting>Closed:~final_report|Closed Declined|Funded=Awarded,Reporting",
    "Shift|Open|Open>Filled:~volunteer_signs_up Filled>Open:~volunteer_drops_out Filled>Completed:~shift_done Filled>NoShow:~volunteer_absent Open>Cancelled:cancel|Completed NoShow Cancelled"
  ],
  roles: "Donor, Fundraiser, Volunteer, Volunteer Coordinator, Finance Officer",
  systems: "Payment Processor, Gift Aid Service, Email Marketing Tool, CRM",
  apps: "Donation Page: Donor; Volunteer Portal: Volunteer, Volunteer Coordinator; Fundraising Console: Fundraiser, Finance Officer",
  services: {
    "Donation Service": "owns Donation Donor Pledge; uses Payment Processor, Gift Aid Service, CRM, Email Marketing Tool",
    "Campaign Service": "owns Campaign Project; uses Donation Service, Email Marketing Tool",
    "Volunteer Service": "owns Volunteer Shift; uses Email Marketing Tool",
    "Grant Service": "owns Grant; uses Campaign Service, CRM"
  },
  processes: {
    "Take a donation": `
      Donor -> Donation Page: Choose an amount
      Donation Page -> Donation Service: Start the donation
      Donation Service -> Payment Processor: Charge the card => payment id
      ? Payment succeeded?
      - Donation Page -> Donor: Ask to try another card
      - retry: Choose an amount
      ? Gift aid eligible? (yes)
      - Donation Service -> Gift Aid Service: Claim gift aid => claim reference
      - rejoin
      Donation Service -> CRM: Record the gift
      ? Donation above 1000? (yes)
      - Fundraiser -> Fundraising Console: Call the donor to say thanks
      - rejoin
      Donation Service -> Email Marketing Tool: Send the thank-you email
      done: Donation received
    `,
    "Fill a volunteer shift": `
      Volunteer Coordinator -> Volunteer Portal: Post a shift
      Volunteer Portal -> Volunteer Service: Publish the shift
      Volunteer -> Volunteer Portal: Sign up for the shift
      Volunteer Portal -> Volunteer Service: Assign the volunteer
      ? Volunteer vetted?
      - Volunteer Coordinator -> Volunteer Portal: Request a background check
      - end: Sign-up on hold
      Volunteer Service -> Email Marketing Tool: Email the shift details
      Volunteer -> Volunteer Portal: Check in on the day
      Volunteer Portal -> Volunteer Service: Record the hours
      done: Shift completed
    `,
    "Report on a grant": `
      Finance Officer -> Fundraising Console: Open the grant
      Fundraising Console -> Grant Service: Load the grant terms => terms
      Grant Service -> Campaign Service: Total the project spending => spending
      ? Report due?
      - Grant Service: Schedule a reminder
      - end: Nothing due yet
      Finance Officer -> Fundraising Console: Write the spending report
      Fundraising Console -> Grant Service: Submit the report
      Grant Service -> CRM: Log the report against the funder
      done: Funder report sent
    `
  }
})
