import { defineDomain } from "./model.ts"

export default defineDomain("hospitality", {
  title: "a hotel booking system",
  business:
    "A guest books a room online or through a travel site and pays a deposit to confirm it. At the hotel the front desk checks the guest in, housekeeping turns the room around after check-out, and the bill is settled on departure.",
  entities: {
    Guest: "id:int:PK full_name:string email:string:UK loyalty_tier:string",
    Reservation: "id:int:PK check_in:date check_out:date status:string adults:int",
    Room: "id:int:PK number:string:UK status:string floor:int rate:decimal",
    RoomType: "id:int:PK name:string max_occupancy:int",
    Invoice: "id:int:PK total:decimal paid:boolean issued_at:datetime",
    Hotel: "id:int:PK name:string city:string stars:int",
    Housekeeping: "id:int:PK cleaned_at:datetime notes:text",
    Amenity: "id:int:PK name:string fee:decimal"
  },
  relations:
    "Guest 0n Reservation makes, Room 0n Reservation is_booked_in, RoomType 1n Room classifies, Reservation 01 Invoice is_billed_on, Hotel 1n Room has, Room 0n Housekeeping gets, Hotel 0n Amenity offers",
  lifecycles: [
    "Reservation|Tentative|Tentative>Confirmed:pay_deposit Confirmed>CheckedIn:arrive CheckedIn>CheckedOut:~depart Confirmed>Cancelled:cancel Confirmed>NoShow:~miss_arrival Tentative>Expired:~hold_lapses|CheckedOut Cancelled NoShow Expired",
    "Room|Vacant|Vacant>Occupied:check_in Occupied>Dirty:check_out Dirty>Cleaning:assign_housekeeper Cleaning>Inspected:finish_cleaning Inspected>Vacant:release Vacant>OutOfOrder:report_fault OutOfOrder>Vacant:repair|Vacant|Turnaround=Dirty,Cleaning,Inspected",
    "Invoice|Open|Open>Settled:pay Open>Disputed:dispute Disputed>Open:correct Disputed>WrittenOff:write_off|Settled WrittenOff"
  ],
  roles: "Guest, Front Desk Agent, Housekeeper, Revenue Manager",
  systems: "Channel Manager, Payment Terminal, Door Lock System, Email Service",
  apps: "Booking Site: Guest; Front Desk App: Front Desk Agent, Revenue Manager; Housekeeping App: Housekeeper",
  services: {
    "Reservation Service": "owns Reservation Guest; uses Inventory Service, Billing Service, Channel Manager, Email Service",
    "Inventory Service": "owns Room RoomType Hotel; uses Channel Manager",
    "Housekeeping Service": "owns Housekeeping; uses Inventory Service",
    "Billing Service": "owns Invoice Amenity; uses Payment Terminal",
    "Key Service": "uses Door Lock System"
  },
  processes: {
    "Book a room": `
      Guest -> Booking Site: Search for a room
      Booking Site -> Inventory Service: Check availability => free rooms and rates
      ? Room available?
      - Booking Site -> Guest: Suggest other dates
      - end: No room booked
      Guest -> Booking Site: Hold the room
      Booking Site -> Reservation Service: Create a tentative reservation => confirmation number
      Reservation Service -> Billing Service: Take the deposit
      Billing Service -> Payment Terminal: Charge the deposit => payment reference
      ? Deposit received?
      - Reservation Service: Let the hold lapse
      - end: Reservation expired
      Reservation Service -> Channel Manager: Update the travel sites
      Reservation Service -> Email Service: Send the confirmation
      done: Reservation confirmed
    `,
    "Check a guest in": `
      Guest -> Front Desk Agent: Arrive at the front desk
      Front Desk Agent -> Front Desk App: Find the reservation
      Front Desk App -> Reservation Service: Load the reservation => reservation
      ? Room ready?
      - Front Desk Agent -> Guest: Offer to store the luggage
      - Front Desk App -> Housekeeping Service: Prioritise the room
      - rejoin
      Front Desk App -> Reservation Service: Check the guest in
      Reservation Service -> Inventory Service: Mark the room occupied
      Front Desk App -> Key Service: Issue the key card
      Key Service -> Door Lock System: Encode the card => key card
      Front Desk Agent -> Guest: Hand over the key card
      done: Guest checked in
    `,
    "Turn a room around": `
      Guest -> Front Desk Agent: Check out
      Front Desk Agent -> Front Desk App: Settle the bill
      Front Desk App -> Billing Service: Close the invoice => final invoice
      ? Minibar used? (yes)
      - Front Desk App -> Billing Service: Add the minibar charges
      - rejoin
      Billing Service -> Payment Terminal: Charge the card on file
      Front Desk App -> Inventory Service: Mark the room dirty
      Housekeeper -> Housekeeping App: Start cleaning the room
      Housekeeping App -> Housekeeping Service: Log the cleaning
      Housekeeper -> Housekeeping App: Finish cleaning
      ? Room passes inspection?
      - Housekeeper -> Housekeeping App: Clean the room again
      - retry: Finish cleaning
      Housekeeping Service -> Inventory Service: Release the room
      Revenue Manager -> Front Desk App: Adjust the nightly rate
      Front Desk App -> Inventory Service: Publish the new rate
      done: Room ready to sell
    `
  }
})
