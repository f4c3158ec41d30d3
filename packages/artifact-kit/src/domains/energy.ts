import { defineDomain } from "./model.ts"

export default defineDomain("energy", {
  title: "an electricity utility",
  business:
    "Every customer has a smart meter whose readings turn into a monthly bill on their tariff. When a substation fails the grid operator confirms the outage, sends a field crew and keeps the affected customers informed until power is back.",
  entities: {
    Customer: "id:int:PK full_name:string account_no:string:UK tariff:string",
    Meter: "id:int:PK serial:string:UK kind:string installed_on:date",
    MeterReading: "id:int:PK kwh:decimal read_at:datetime estimated:boolean",
    Bill: "id:int:PK amount:decimal period:string status:string due_on:date",
    Substation: "id:int:PK code:string:UK voltage_kv:int",
    Outage: "id:int:PK cause:string status:string started_at:datetime ended_at:datetime",
    ServicePoint: "id:int:PK address:string phase:string",
    Tariff: "id:int:PK name:string price_per_kwh:decimal standing_charge:decimal"
  },
  relations:
    "Customer 1n ServicePoint has, ServicePoint 01 Meter is_metered_by, Meter 0n MeterReading records, Customer 0n Bill receives, Substation 0n ServicePoint feeds, Substation 0n Outage suffers, Tariff 0n Customer applies_to",
  lifecycles: [
    "Outage|Reported|Reported>Confirmed:verify Confirmed>CrewDispatched:dispatch CrewDispatched>Repairing:arrive Repairing>Restored:restore_power Reported>FalseAlarm:~no_fault Restored>Closed:close|Closed FalseAlarm|Response=CrewDispatched,Repairing",
    "Bill|Draft|Draft>Issued:send Issued>Paid:pay Issued>Overdue:~pass_due_date Overdue>Paid:pay Overdue>InCollection:escalate Issued>Disputed:dispute Disputed>Issued:resolve|Paid InCollection",
    "Meter|Ordered|Ordered>Installed:install Installed>Commissioned:~first_reading Commissioned>Faulty:~stop_reporting Faulty>Commissioned:repair Faulty>Replaced:swap|Replaced"
  ],
  roles: "Customer, Field Crew, Billing Clerk, Grid Operator",
  systems: "SCADA, Meter Data Management, Payment Provider, Weather Service, SMS Gateway",
  apps: "Customer App: Customer; Control Room: Grid Operator; Crew Tablet: Field Crew; Billing Console: Billing Clerk",
  services: {
    "Customer Service": "owns Customer ServicePoint Tariff",
    "Metering Service": "owns Meter MeterReading; uses Meter Data Management, Customer Service",
    "Billing Service": "owns Bill; uses Metering Service, Customer Service, Payment Provider, Notification Service",
    "Outage Service": "owns Outage Substation; uses SCADA, Weather Service, Customer Service, Notification Service",
    "Notification Service": "uses SMS Gateway"
  },
  processes: {
    "Bill a customer": `
      Billing Clerk -> Billing Console: Start the billing run
      Billing Console -> Billing Service: Generate the bills
      Billing Service -> Metering Service: Fetch the monthly readings => readings
      Metering Service -> Meter Data Management: Load the validated readings => readings
      ? Reading plausible?
      - Metering Service: Estimate the consumption
      - rejoin
      Billing Service -> Customer Service: Look up the tariff => tariff
      Billing Service: Calculate the bill
      Billing Service -> Notification Service: Send the bill
      Customer -> Customer App: Pay the bill
      Customer App -> Billing Service: Record the payment
      Billing Service -> Payment Provider: Settle the payment => payment id
      ? Payment received by the due date?
      - Billing Service -> Notification Service: Send a reminder
      - end: Bill overdue
      done: Bill paid
    `,
    "Restore an outage": `
      SCADA -> Outage Service: Report a substation trip
      Outage Service -> Weather Service: Check for storm warnings => warnings
      Grid Operator -> Control Room: Verify the outage
      ? Outage confirmed?
      - Control Room -> Outage Service: Close as a false alarm
      - end: False alarm
      Control Room -> Outage Service: Dispatch a field crew
      Outage Service -> Customer Service: Find the affected customers => customer list
      Outage Service -> Notification Service: Warn the affected customers
      Notification Service -> SMS Gateway: Text the outage notice
      Field Crew -> Crew Tablet: Repair the fault
      Crew Tablet -> Outage Service: Report power restored
      Outage Service -> Notification Service: Announce the restoration
      done: Power restored
    `,
    "Replace a faulty meter": `
      Meter Data Management -> Metering Service: Flag a silent meter
      Metering Service -> Customer Service: Find the service point => address
      Grid Operator -> Control Room: Schedule a meter visit
      Field Crew -> Crew Tablet: Test the meter on site
      ? Meter repairable?
      - Field Crew -> Crew Tablet: Swap the meter
      - Crew Tablet -> Metering Service: Register the new meter
      - end: Meter replaced
      Field Crew -> Crew Tablet: Reset the meter
      Crew Tablet -> Metering Service: Confirm the meter reports again
      done: Meter repaired
    `
  }
})
