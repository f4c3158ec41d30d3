import { defineDomain } from "./model.ts"

export default defineDomain("finance", {
  title: "a retail bank",
  business:
    "A customer opens an account online after an identity check, gets a debit card and moves money by transfer. The bank lends money after a credit check and screens every large payment for money laundering.",
  entities: {
    Customer: "id:int:PK full_name:string customer_no:string:UK tax_id:string:UK risk_rating:string",
    Account: "id:int:PK iban:string:UK type:string balance:decimal status:string opened_on:date",
    Transaction: "id:int:PK amount:decimal currency:string booked_at:datetime description:string",
    Card: "id:int:PK masked_pan:string status:string expires_on:date",
    Loan: "id:int:PK principal:decimal interest_rate:decimal term_months:int status:string",
    Branch: "id:int:PK code:string:UK city:string",
    Statement: "id:int:PK period:string generated_at:datetime",
    Beneficiary: "id:int:PK name:string iban:string"
  },
  relations:
    "Customer 1n Account holds, Account 0n Transaction records, Account 0n Card issues, Customer 0n Loan takes, Branch 0n Account manages, Account 0n Statement produces, Customer 0n Beneficiary saves",
  lifecycles: [
    "Loan|Applied|Applied>UnderReview:submit UnderReview>Approved:approve UnderReview>Rejected:reject Approved>Disbursed:disburse Disbursed>Repaying:~first_installment Repaying>Closed:pay_off Repaying>Defaulted:~miss_payments|Closed Rejected Defaulted|Servicing=Disbursed,Repaying",
    "Card|Ordered|Ordered>Issued:print Issued>Active:activate Active>Blocked:report_lost Blocked>Active:unblock Active>Expired:~reach_expiry Blocked>Cancelled:cancel|Expired Cancelled",
    "Account|Pending|Pending>Open:~pass_kyc Pending>Refused:~fail_kyc Open>Frozen:freeze Frozen>Open:unfreeze Open>Closed:close|Closed Refused"
  ],
  roles: "Account Holder, Teller, Loan Officer, Compliance Analyst",
  systems: "Core Banking, Card Network, Credit Bureau, AML Screening, SWIFT Gateway",
  apps: "Mobile Banking App: Account Holder; Branch Terminal: Teller, Loan Officer; Compliance Console: Compliance Analyst",
  services: {
    "Customer Service": "owns Customer Beneficiary; uses AML Screening",
    "Account Service": "owns Account Branch Statement; uses Core Banking, Customer Service",
    "Payment Service": "owns Transaction; uses Account Service, AML Screening, SWIFT Gateway",
    "Card Service": "owns Card; uses Card Network, Account Service",
    "Lending Service": "owns Loan; uses Credit Bureau, Account Service, Customer Service"
  },
  processes: {
    "Open an account": `
      Account Holder -> Mobile Banking App: Fill in the application
      Mobile Banking App -> Customer Service: Verify the identity => identity check
      Customer Service -> AML Screening: Screen against sanctions lists => screening result
      ? Sanctions hit? (yes)
      - Compliance Analyst -> Compliance Console: Review the match
      - Compliance Console -> Customer Service: Refuse the customer
      - end: Application refused
      Mobile Banking App -> Account Service: Open the account => IBAN
      Account Service -> Core Banking: Create the ledger account
      Mobile Banking App -> Card Service: Order a debit card
      Card Service -> Card Network: Issue the card => card number
      Mobile Banking App -> Account Holder: Show the new account
      done: Account opened
    `,
    "Send a transfer": `
      Account Holder -> Mobile Banking App: Enter the transfer
      Mobile Banking App -> Payment Service: Submit the transfer => payment reference
      Payment Service -> Account Service: Check the balance => available balance
      ? Sufficient balance?
      - Payment Service -> Mobile Banking App: Reject for insufficient funds
      - end: Transfer rejected
      ? Amount above the daily limit? (yes)
      - Mobile Banking App -> Account Holder: Ask for a second factor
      - Account Holder -> Mobile Banking App: Confirm with the second factor
      - rejoin
      Payment Service -> AML Screening: Screen the payment => risk score
      Payment Service -> Account Service: Debit the account
      Payment Service -> SWIFT Gateway: Send the payment message => acknowledgement
      Mobile Banking App -> Account Holder: Show the receipt
      done: Transfer sent
    `,
    "Approve a loan": `
      Account Holder -> Mobile Banking App: Apply for a loan
      Mobile Banking App -> Lending Service: Submit the loan application
      Lending Service -> Credit Bureau: Fetch the credit score => credit score
      ? Credit score above the threshold?
      - Lending Service -> Mobile Banking App: Decline the loan
      - end: Loan declined
      Loan Officer -> Branch Terminal: Review the application
      Branch Terminal -> Lending Service: Record the decision
      ? Amount within the approval limit?
      - Teller -> Branch Terminal: Escalate to the credit committee
      - rejoin
      Lending Service -> Account Service: Disburse the funds
      Account Service -> Core Banking: Post the disbursement
      done: Loan disbursed
    `
  }
})
