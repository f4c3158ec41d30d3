import { defineDomain } from "./model.ts"

export default defineDomain("travel", {
  title: "an airline booking platform",
  business:
    "A traveller searches flights, picks a fare and a seat, and pays for the booking. Check-in opens a day before departure, bags are dropped at the airport, and a delayed or cancelled flight means rebooking the passengers.",
  entities: {
    Passenger: "id:int:PK full_name:string passport_no:string:UK nationality:string",
    Booking: "id:int:PK pnr:string:UK status:string total_fare:decimal created_at:datetime",
    Flight: "id:int:PK flight_no:string status:string departs_at:datetime arrives_at:datetime",
    Airport: "id:int:PK iata_code:string:UK name:string city:string",
    Seat: "id:int:PK seat_no:string cabin:string",
    Ticket: "id:int:PK ticket_no:string:UK fare_class:string",
    Baggage: "id:int:PK tag_no:string:UK weight_kg:float",
    Aircraft: "id:int:PK registration:string:UK model:string seats:int"
  },
  relations:
    "Passenger 0n Booking makes, Booking 1n Ticket issues, Flight 0n Ticket is_sold_on, Airport 0n Flight serves, Flight 1n Seat offers, Passenger 0n Baggage checks, Aircraft 0n Flight operates",
  lifecycles: [
    "Booking|Held|Held>Ticketed:pay Held>Expired:~time_limit Ticketed>CheckedIn:check_in CheckedIn>Boarded:scan_boarding_pass Ticketed>Refunded:refund Ticketed>Changed:rebook Changed>Ticketed:reissue|Boarded Refunded Expired",
    "Flight|Scheduled|Scheduled>Boarding:open_gate Boarding>Departed:close_doors Departed>Landed:~touch_down Scheduled>Delayed:delay Delayed>Boarding:open_gate Scheduled>Cancelled:cancel Delayed>Cancelled:cancel|Landed Cancelled|InOperation=Boarding,Departed",
    "Baggage|Tagged|Tagged>Loaded:load Loaded>InTransit:~depart InTransit>Arrived:unload Arrived>Collected:collect Arrived>Lost:~not_found Lost>Delivered:~courier|Collected Delivered|Journey=Loaded,InTransit"
  ],
  roles: "Traveller, Gate Agent, Travel Agent, Crew Scheduler",
  systems: "GDS, Payment Gateway, Passport Verification, Loyalty Program",
  apps: "Booking Website: Traveller, Travel Agent; Check-in Kiosk: Traveller; Gate App: Gate Agent; Operations Console: Crew Scheduler",
  services: {
    "Booking Service": "owns Booking Passenger; uses Inventory Service, Ticketing Service, Payment Gateway, GDS, Loyalty Program",
    "Inventory Service": "owns Flight Seat Airport Aircraft; uses GDS",
    "Ticketing Service": "owns Ticket",
    "Check-in Service": "owns Baggage; uses Booking Service, Passport Verification",
    "Disruption Service": "uses Inventory Service, Booking Service, Ticketing Service"
  },
  processes: {
    "Book a flight": `
      Traveller -> Booking Website: Search for flights
      Booking Website -> Inventory Service: Find available flights => flight options
      Inventory Service -> GDS: Query the fares => fares
      Traveller -> Booking Website: Choose a seat
      Booking Website -> Booking Service: Hold the booking => PNR
      Traveller -> Booking Website: Enter the passenger details
      Booking Website -> Booking Service: Pay for the booking
      Booking Service -> Payment Gateway: Charge the card => payment reference
      ? Payment approved?
      - Booking Service -> Booking Website: Release the held seats
      - end: Booking expired
      Booking Service -> Ticketing Service: Issue the tickets
      Booking Service -> Loyalty Program: Credit the miles
      done: Booking ticketed
    `,
    "Check in for a flight": `
      Traveller -> Check-in Kiosk: Scan the booking reference
      Check-in Kiosk -> Check-in Service: Open the check-in => booking
      Check-in Service -> Passport Verification: Verify the passport => passport status
      ? Passport valid?
      - Check-in Kiosk -> Traveller: Send to the service desk
      - end: Check-in refused
      ? Bags to drop? (yes)
      - Check-in Kiosk -> Check-in Service: Tag the bags
      - rejoin
      Check-in Service -> Booking Service: Mark the passenger checked in
      Check-in Kiosk -> Traveller: Print the boarding pass
      Gate Agent -> Gate App: Scan the boarding pass
      Gate App -> Check-in Service: Board the passenger
      done: Passenger boarded
    `,
    "Rebook after a cancellation": `
      Crew Scheduler -> Operations Console: Cancel the flight
      Operations Console -> Disruption Service: Start the rebooking
      Disruption Service -> Inventory Service: Find alternative flights => alternatives
      ? Seats on another flight?
      - Disruption Service -> Booking Service: Offer a refund
      - end: Passengers refunded
      Disruption Service -> Booking Service: Move the passengers
      Disruption Service -> Ticketing Service: Reissue the tickets
      Travel Agent -> Booking Website: Confirm the new itinerary
      Booking Website -> Booking Service: Record the itinerary change
      done: Passengers rebooked
    `
  }
})
