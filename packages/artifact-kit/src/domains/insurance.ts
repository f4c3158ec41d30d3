import { defineDomain } from "./model.ts"

export default defineDomain("insurance", {
  title: "an insurance company",
  business:
    "A customer gets a quote online, and an underwriter prices the risk before the policy is issued. When something goes wrong the policy holder files a claim, an adjuster assesses the damage and the company pays out what the policy allows.",
  entities: {
    PolicyHolder: "id:int:PK full_name:string email:string:UK birth_date:date",
    Policy: "id:int:PK policy_no:string:UK product:string premium:decimal status:string starts_on:date",
    Claim: "id:int:PK claim_no:string:UK amount:decimal status:string filed_at:datetime",
    Adjuster: "id:int:PK full_name:string region:string",
    Coverage: "id:int:PK kind:string limit_amount:decimal deductible:decimal",
    Payout: "id:int:PK amount:decimal paid_at:datetime",
    Vehicle: "id:int:PK vin:string:UK make:string model:string year:int",
    Document: "id:int:PK kind:string url:string uploaded_at:datetime"
  },
  relations:
    "PolicyHolder 1n Policy holds, Policy 1n Coverage includes, Policy 0n Claim receives, Adjuster 0n Claim assesses, Claim 0n Payout results_in, Policy 0n Vehicle insures, Claim 0n Document attaches",
  lifecycles: [
    "Claim|Filed|Filed>Triaged:triage Triaged>UnderAssessment:assign_adjuster UnderAssessment>Approved:approve UnderAssessment>Denied:deny Approved>Paid:pay_out Denied>Appealed:appeal Appealed>UnderAssessment:reopen|Paid Denied",
    "Policy|Quoted|Quoted>Bound:accept_quote Bound>Active:~first_premium Active>Lapsed:~miss_premium Lapsed>Active:reinstate Active>Renewed:renew Renewed>Active:start_term Active>Cancelled:cancel|Cancelled Lapsed",
    "Payout|Calculated|Calculated>Authorised:authorise Calculated>Escalated:~exceed_limit Escalated>Authorised:approve Authorised>Sent:transfer Sent>Reconciled:confirm Sent>Bounced:~bank_rejects Bounced>Sent:retry|Reconciled"
  ],
  roles: "Policy Holder, Claims Adjuster, Underwriter, Broker",
  systems: "Fraud Detection, Payment Processor, Document Store, Vehicle Registry, Email Service",
  apps: "Customer Portal: Policy Holder; Broker Portal: Broker; Claims Workbench: Claims Adjuster, Underwriter",
  services: {
    "Quote Service": "uses Vehicle Registry, Policy Service",
    "Policy Service": "owns Policy PolicyHolder Coverage Vehicle; uses Payment Processor",
    "Claims Service": "owns Claim Adjuster Document; uses Policy Service, Fraud Detection, Document Store, Payout Service",
    "Payout Service": "owns Payout; uses Payment Processor, Notification Service",
    "Notification Service": "uses Email Service"
  },
  processes: {
    "Issue a policy": `
      Broker -> Broker Portal: Request a quote for a client
      Broker Portal -> Quote Service: Price the risk => premium
      Quote Service -> Vehicle Registry: Look up the vehicle => vehicle record
      ? Risk within appetite?
      - Underwriter -> Claims Workbench: Review the risk by hand
      - Claims Workbench -> Quote Service: Load the premium
      - rejoin
      Broker -> Broker Portal: Accept the quote
      Broker Portal -> Policy Service: Bind the policy => policy number
      Policy Service -> Payment Processor: Collect the first premium
      ? Premium paid?
      - Policy Service -> Broker Portal: Cancel the bound policy
      - end: Policy not issued
      Policy Service -> Broker Portal: Send the policy documents
      done: Policy active
    `,
    "Settle a claim": `
      Policy Holder -> Customer Portal: File a claim
      Policy Holder -> Customer Portal: Upload photos of the damage
      Customer Portal -> Claims Service: Register the claim => claim number
      Claims Service -> Document Store: Store the photos
      Claims Service -> Policy Service: Check the policy is active => policy status
      ? Policy active?
      - Claims Service -> Customer Portal: Deny the claim
      - end: Claim denied
      Claims Service -> Fraud Detection: Score the claim => fraud score
      ? Fraud suspected? (yes)
      - Claims Adjuster -> Claims Workbench: Investigate the claim
      - rejoin
      Claims Adjuster -> Claims Workbench: Inspect the damage
      Claims Workbench -> Claims Service: Approve the claim
      Claims Service -> Payout Service: Calculate the payout
      Payout Service -> Payment Processor: Pay the policy holder => transfer id
      done: Claim paid
    `,
    "Renew a policy": `
      Policy Service: Select the policies due for renewal
      Policy Service -> Payment Processor: Charge the renewal premium => payment status
      ? Payment succeeded?
      - Policy Holder -> Customer Portal: Update the card details
      - Customer Portal -> Policy Service: Retry the charge
      - retry: Charge the renewal premium
      Policy Holder -> Customer Portal: Review the renewal
      ? Cover still suitable?
      - Customer Portal -> Policy Service: Cancel at renewal
      - end: Policy cancelled
      Customer Portal -> Policy Service: Confirm the renewal
      done: Policy renewed
    `
  }
})
