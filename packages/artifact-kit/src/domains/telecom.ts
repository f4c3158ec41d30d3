import { defineDomain } from "./model.ts"

export default defineDomain("telecom", {
  title: "a mobile network operator",
  business:
    "A subscriber signs a contract in a shop or online, gets a SIM card and may bring a number from another operator. Usage is rated as it happens and billed monthly, and a subscriber with a problem opens a ticket that an engineer works on.",
  entities: {
    Subscriber: "id:int:PK full_name:string msisdn:string:UK kyc_status:string",
    SimCard: "id:int:PK iccid:string:UK status:string activated_on:date",
    Plan: "id:int:PK name:string monthly_fee:decimal data_gb:int",
    Contract: "id:int:PK status:string starts_on:date ends_on:date",
    UsageRecord: "id:int:PK kind:string quantity:decimal recorded_at:datetime",
    Invoice: "id:int:PK amount:decimal period:string",
    CellTower: "id:int:PK site_code:string:UK latitude:float longitude:float",
    SupportTicket: "id:int:PK subject:string status:string priority:string opened_at:datetime"
  },
  relations:
    "Subscriber 1n SimCard owns, Subscriber 0n Contract signs, Plan 0n Contract is_chosen_in, SimCard 0n UsageRecord generates, Subscriber 0n Invoice receives, CellTower 0n UsageRecord handles, Subscriber 0n SupportTicket opens",
  lifecycles: [
    "SimCard|Inventory|Inventory>Assigned:assign Assigned>Active:activate Active>Suspended:suspend Suspended>Active:resume Active>PortedOut:port_out Active>Terminated:terminate Suspended>Terminated:terminate|PortedOut Terminated",
    "SupportTicket|Open|Open>InProgress:pick_up InProgress>WaitingOnCustomer:ask_customer WaitingOnCustomer>InProgress:~customer_replies InProgress>Resolved:resolve Resolved>Closed:confirm Resolved>Open:reopen|Closed",
    "Contract|Draft|Draft>Signed:sign Draft>Abandoned:abandon Signed>Active:activate_line Active>Renewing:~enter_renewal_window Renewing>Active:renew Renewing>Ended:let_expire Active>Terminated:terminate_early|Ended Terminated Abandoned"
  ],
  roles: "Subscriber, Retail Agent, Network Engineer, Billing Analyst",
  systems: "Home Location Register, Number Portability Database, Billing Engine, SMS Center",
  apps: "Self-Care App: Subscriber; Retail Point of Sale: Retail Agent; Network Operations Console: Network Engineer; Billing Workbench: Billing Analyst",
  services: {
    "Customer Service": "owns Subscriber Contract Plan; uses Provisioning Service",
    "Provisioning Service": "owns SimCard; uses Home Location Register, Number Portability Database, SMS Center",
    "Rating Service": "owns UsageRecord CellTower Invoice; uses Billing Engine, SMS Center",
    "Ticketing Service": "owns SupportTicket; uses SMS Center, Provisioning Service"
  },
  processes: {
    "Activate a new line": `
      Retail Agent -> Retail Point of Sale: Scan the identity document
      Retail Point of Sale -> Customer Service: Verify the customer => KYC result
      ? KYC complete?
      - Retail Agent -> Subscriber: Ask for a second document
      - retry: Scan the identity document
      Subscriber -> Retail Agent: Choose a plan
      Retail Point of Sale -> Customer Service: Sign the contract => contract number
      Customer Service -> Provisioning Service: Activate the SIM
      Provisioning Service -> Home Location Register: Provision the subscriber profile
      ? Number ported in? (yes)
      - Provisioning Service -> Number Portability Database: Request the port => port date
      - rejoin
      Provisioning Service -> SMS Center: Send the welcome text
      done: Line active
    `,
    "Resolve a support ticket": `
      Subscriber -> Self-Care App: Report no signal
      Self-Care App -> Ticketing Service: Open a ticket => ticket number
      Network Engineer -> Network Operations Console: Pick up the ticket
      Network Operations Console -> Ticketing Service: Assign the ticket
      Network Engineer: Check the nearest cell towers
      ? Fault in the network?
      - Network Operations Console -> Ticketing Service: Ask the subscriber to restart the phone
      - Ticketing Service -> SMS Center: Text the troubleshooting steps
      - end: Waiting on the customer
      Network Engineer: Fix the cell tower
      Network Operations Console -> Ticketing Service: Resolve the ticket
      Ticketing Service -> SMS Center: Text the resolution
      ? Subscriber confirms the fix?
      - Subscriber -> Self-Care App: Reopen the ticket
      - retry: Pick up the ticket
      done: Ticket closed
    `,
    "Bill monthly usage": `
      Rating Service: Rate the usage records
      Rating Service -> Billing Engine: Produce the invoices => invoice batch
      Billing Analyst -> Billing Workbench: Review the invoice batch
      ? Totals within the expected range?
      - Billing Analyst -> Billing Workbench: Hold the batch for investigation
      - end: Batch held
      Billing Workbench -> Rating Service: Release the invoices
      Rating Service -> SMS Center: Text the invoice summary
      ? Data allowance exceeded? (yes)
      - Rating Service -> SMS Center: Offer a data add-on
      - rejoin
      done: Invoices sent
    `
  }
})
