import { defineDomain } from "./model.ts"

export default defineDomain("automotive", {
  title: "a vehicle fleet and service center",
  business:
    "A vehicle owner books a service slot and drops the car off, a mechanic diagnoses it and the service advisor asks the owner to approve a quote. Parts that are not on the shelf are ordered from the supplier, and the car is handed back after a road test and payment.",
  entities: {
    Vehicle: "id:int:PK vin:string:UK make:string model:string mileage_km:int",
    Owner: "id:int:PK full_name:string phone:string",
    ServiceOrder: "id:int:PK complaint:text status:string opened_at:datetime",
    Mechanic: "id:int:PK full_name:string certification:string",
    Part: "id:int:PK name:string part_no:string:UK price:decimal stock:int",
    Inspection: "id:int:PK inspected_on:date passed:boolean notes:text",
    Booking: "id:int:PK slot:datetime kind:string",
    Warranty: "id:int:PK provider:string expires_on:date"
  },
  relations:
    "Owner 1n Vehicle owns, Vehicle 0n ServiceOrder gets, Mechanic 0n ServiceOrder works_on, ServiceOrder 0n Part uses, Vehicle 0n Inspection undergoes, Owner 0n Booking makes, Vehicle 01 Warranty is_covered_by",
  lifecycles: [
    "ServiceOrder|Booked|Booked>CheckedIn:drop_off CheckedIn>Diagnosing:assign_mechanic Diagnosing>AwaitingApproval:quote AwaitingApproval>InRepair:approve AwaitingApproval>Declined:decline InRepair>WaitingForParts:~part_missing WaitingForParts>InRepair:~part_arrives InRepair>Ready:finish Ready>Collected:pick_up|Collected Declined|Intake=CheckedIn,Diagnosing",
    "Vehicle|Available|Available>Rented:rent_out Rented>Available:return Available>InService:schedule_service InService>Available:~service_done Rented>Damaged:report_damage Damaged>InService:repair Available>Sold:sell|Sold",
    "Booking|Requested|Requested>Confirmed:confirm Requested>Rejected:~no_capacity Confirmed>Fulfilled:~vehicle_arrives Confirmed>Cancelled:cancel|Fulfilled Rejected Cancelled"
  ],
  roles: "Vehicle Owner, Service Advisor, Mechanic, Parts Clerk",
  systems: "Parts Supplier API, Manufacturer Recall Database, Payment Terminal, SMS Gateway",
  apps: "Owner App: Vehicle Owner; Workshop System: Service Advisor, Mechanic, Parts Clerk",
  services: {
    "Booking Service": "owns Booking Owner Vehicle Warranty; uses Manufacturer Recall Database, SMS Gateway",
    "Workshop Service": "owns ServiceOrder Mechanic Inspection; uses Booking Service, Parts Service, Payment Terminal, SMS Gateway",
    "Parts Service": "owns Part; uses Parts Supplier API"
  },
  processes: {
    "Book a service": `
      Vehicle Owner -> Owner App: Pick a service slot
      Owner App -> Booking Service: Request the booking => booking reference
      Booking Service -> Manufacturer Recall Database: Check for open recalls => recall list
      ? Recall open? (yes)
      - Booking Service: Add the recall work to the booking
      - rejoin
      ? Slot still free?
      - Booking Service -> Owner App: Offer the next free slot
      - retry: Pick a service slot
      Booking Service -> SMS Gateway: Text the booking confirmation
      done: Service booked
    `,
    "Repair a vehicle": `
      Vehicle Owner -> Service Advisor: Drop off the car
      Service Advisor -> Workshop System: Check the car in
      Workshop System -> Workshop Service: Open a service order => service order number
      Mechanic -> Workshop System: Run the diagnostics
      Service Advisor -> Workshop System: Prepare the quote
      Workshop Service -> SMS Gateway: Send the quote to the owner
      ? Owner approves the quote?
      - Workshop System -> Workshop Service: Close the order unrepaired
      - end: Repair declined
      Workshop System -> Parts Service: Reserve the parts
      ? Parts in stock?
      - Parts Clerk -> Workshop System: Order the parts
      - Workshop System -> Parts Service: Place the supplier order
      - Parts Service -> Parts Supplier API: Send the purchase order => delivery date
      - rejoin
      Mechanic -> Workshop System: Replace the parts
      Mechanic: Road test the vehicle
      ? Road test passed?
      - Mechanic -> Workshop System: Reopen the repair
      - retry: Replace the parts
      Workshop Service -> SMS Gateway: Tell the owner the car is ready
      done: Vehicle ready
    `,
    "Hand back a vehicle": `
      Vehicle Owner -> Service Advisor: Collect the car
      Service Advisor -> Workshop System: Produce the invoice
      Workshop System -> Workshop Service: Total the service order => invoice total
      Workshop Service -> Booking Service: Check the warranty => warranty cover
      ? Covered by warranty? (yes)
      - Workshop Service: Bill the manufacturer instead
      - rejoin
      Workshop Service -> Payment Terminal: Take the payment => receipt
      ? Payment accepted?
      - Service Advisor -> Vehicle Owner: Ask for another card
      - retry: Take the payment
      Service Advisor -> Vehicle Owner: Hand back the keys
      done: Vehicle collected
    `
  }
})
