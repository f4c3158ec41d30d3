import { defineDomain } from "./model.ts"

export default defineDomain("events", {
  title: "an event ticketing platform",
  business:
    "An organizer creates an event at a venue, sets up the ticket types and opens the sale. An attendee buys tickets online, gets them by email and has them scanned at the gate, and the organizer is paid out after the event.",
  entities: {
    Event: "id:int:PK name:string starts_at:datetime status:string venue_name:string",
    Venue: "id:int:PK name:string city:string capacity:int",
    Ticket: "id:int:PK code:string:UK price:decimal status:string seat:string",
    Order: "id:int:PK total:decimal placed_at:datetime",
    Attendee: "id:int:PK full_name:string email:string:UK",
    Organizer: "id:int:PK name:string payout_account:string",
    TicketType: "id:int:PK name:string price:decimal quota:int",
    CheckIn: "id:int:PK scanned_at:datetime gate:string"
  },
  relations:
    "Organizer 0n Event runs, Venue 0n Event hosts, Event 1n TicketType offers, TicketType 0n Ticket is_sold_as, Order 1n Ticket includes, Attendee 0n Order places, Ticket 01 CheckIn gets",
  lifecycles: [
    "Event|Draft|Draft>OnSale:publish OnSale>SoldOut:~last_ticket_sold SoldOut>OnSale:release_tickets OnSale>Live:~doors_open SoldOut>Live:~doors_open Live>Ended:finish OnSale>Cancelled:cancel|Ended Cancelled",
    "Ticket|Reserved|Reserved>Purchased:pay Reserved>Released:~hold_expires Purchased>Transferred:transfer Transferred>Purchased:accept_transfer Purchased>Scanned:enter Purchased>Refunded:refund|Scanned Refunded Released",
    "Order|Created|Created>Paid:pay Created>Abandoned:~time_out Paid>PartlyRefunded:refund_some PartlyRefunded>Refunded:refund_rest Paid>Refunded:refund_all|Paid Refunded Abandoned"
  ],
  roles: "Attendee, Organizer, Gate Staff",
  systems: "Payment Gateway, Email Service, Seat Map Service, Fraud Check",
  apps: "Ticket Shop: Attendee; Organizer Dashboard: Organizer; Gate Scanner: Gate Staff",
  services: {
    "Event Service": "owns Event Venue TicketType Organizer; uses Seat Map Service",
    "Sales Service": "owns Order Ticket Attendee; uses Event Service, Payment Gateway, Fraud Check, Email Service",
    "Access Service": "owns CheckIn; uses Sales Service",
    "Payout Service": "uses Sales Service, Payment Gateway, Event Service"
  },
  processes: {
    "Buy tickets": `
      Attendee -> Ticket Shop: Choose the seats
      Ticket Shop -> Sales Service: Reserve the seats => reservation
      Sales Service -> Event Service: Check the quota => seats left
      ? Seats available?
      - Ticket Shop -> Attendee: Offer the waiting list
      - end: Sold out
      Attendee -> Ticket Shop: Pay for the tickets
      Ticket Shop -> Sales Service: Confirm the order
      Sales Service -> Fraud Check: Screen the order => risk verdict
      Sales Service -> Payment Gateway: Charge the card => payment id
      ? Payment approved?
      - Sales Service: Release the seats
      - end: Reservation released
      Sales Service -> Email Service: Email the e-tickets
      done: Tickets purchased
    `,
    "Admit an attendee": `
      Attendee -> Gate Staff: Show the ticket
      Gate Staff -> Gate Scanner: Scan the ticket
      Gate Scanner -> Access Service: Validate the ticket => ticket status
      Access Service -> Sales Service: Look up the ticket => ticket
      ? Ticket valid?
      - Gate Scanner -> Gate Staff: Show the rejection reason
      - Gate Staff -> Attendee: Send to the box office
      - end: Entry refused
      ? Already scanned? (yes)
      - Gate Scanner -> Gate Staff: Flag a duplicate ticket
      - end: Duplicate rejected
      Access Service: Record the check-in
      Gate Staff -> Attendee: Let the attendee in
      done: Attendee admitted
    `,
    "Run an event": `
      Organizer -> Organizer Dashboard: Create the event
      Organizer Dashboard -> Event Service: Save the event details
      Event Service -> Seat Map Service: Load the venue seat map => seat map
      Organizer -> Organizer Dashboard: Configure the ticket types
      Organizer -> Organizer Dashboard: Publish the event
      Organizer Dashboard -> Event Service: Open the ticket sale
      ? Event cancelled? (yes)
      - Organizer Dashboard -> Sales Service: Refund every order
      - end: Event cancelled
      Organizer Dashboard -> Payout Service: Request the payout
      Payout Service -> Sales Service: Total the ticket sales => revenue
      Payout Service -> Payment Gateway: Pay out the organizer => transfer id
      done: Organizer paid
    `
  }
})
