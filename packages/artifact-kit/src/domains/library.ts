import { defineDomain } from "./model.ts"

export default defineDomain("library", {
  title: "a public library system",
  business:
    "A member borrows books from any branch for three weeks and may renew them twice. A book that is out can be reserved, and a late return costs a small daily fine.",
  entities: {
    Member: "id:int:PK card_no:string:UK full_name:string email:string joined_on:date",
    Book: "id:int:PK title:string isbn:string:UK published_year:int",
    Author: "id:int:PK full_name:string nationality:string",
    Copy: "id:int:PK barcode:string:UK status:string shelf:string condition:string",
    Loan: "id:int:PK borrowed_on:date due_on:date returned_on:date renewals:int",
    Reservation: "id:int:PK reserved_at:datetime position:int status:string",
    Fine: "id:int:PK amount:decimal reason:string paid:boolean",
    Branch: "id:int:PK name:string address:string"
  },
  relations:
    "Author nn Book writes, Book 1n Copy has, Copy 0n Loan is_lent_in, Member 0n Loan takes_out, Member 0n Reservation places, Book 0n Reservation is_reserved_in, Loan 01 Fine incurs, Branch 1n Copy holds",
  lifecycles: [
    "Copy|Available|Available>OnLoan:check_out OnLoan>Available:check_in OnLoan>Overdue:~pass_due_date Overdue>Available:check_in Available>OnHold:reserve OnHold>OnLoan:collect Overdue>Lost:declare_lost Available>Withdrawn:weed|Lost Withdrawn|OutOnLoan=OnLoan,Overdue",
    "Reservation|Queued|Queued>ReadyForPickup:~copy_returned ReadyForPickup>Fulfilled:collect ReadyForPickup>Expired:~not_collected Queued>Cancelled:cancel|Fulfilled Expired Cancelled",
    "Loan|Open|Open>Renewed:renew Renewed>Open:start_new_period Open>Overdue:~pass_due_date Overdue>Closed:~return_late Open>Closed:return Overdue>Lost:declare_lost|Closed Lost"
  ],
  roles: "Member, Librarian, Cataloguer",
  systems: "Catalogue Search, Email Service, Payment Kiosk, Interlibrary Loan Network",
  apps: "Member Portal: Member; Circulation Desk: Librarian; Cataloguing Tool: Cataloguer",
  services: {
    "Membership Service": "owns Member",
    "Catalogue Service": "owns Book Author Copy Branch; uses Catalogue Search",
    "Circulation Service": "owns Loan Fine; uses Catalogue Service, Membership Service, Notification Service, Payment Kiosk",
    "Holds Service": "owns Reservation; uses Catalogue Service, Notification Service, Interlibrary Loan Network",
    "Notification Service": "uses Email Service"
  },
  processes: {
    "Borrow a book": `
      Member -> Librarian: Hand over the book and library card
      Librarian -> Circulation Desk: Scan the library card
      Circulation Desk -> Membership Service: Look up the member => member record
      ? Membership valid?
      - Circulation Desk -> Librarian: Show the expired membership
      - Librarian -> Member: Ask to renew the membership
      - end: Loan refused
      Circulation Desk -> Circulation Service: Check for unpaid fines => balance
      ? Fines under the limit?
      - Librarian -> Member: Ask to pay the fines
      - Circulation Service -> Payment Kiosk: Take the fine payment => receipt
      - retry: Check for unpaid fines
      Librarian -> Circulation Desk: Scan the copy barcode
      Circulation Desk -> Circulation Service: Create the loan => due date
      Circulation Service -> Catalogue Service: Mark the copy on loan
      Circulation Desk -> Librarian: Print the due-date slip
      done: Book lent
    `,
    "Place a hold": `
      Member -> Member Portal: Search the catalogue
      Member Portal -> Catalogue Service: Find matching books => results
      Catalogue Service -> Catalogue Search: Run the search query => matches
      Member -> Member Portal: Place a hold
      Member Portal -> Holds Service: Queue the reservation => queue position
      ? Copy held at a branch?
      - Holds Service -> Interlibrary Loan Network: Request the book from another library
      - rejoin
      Librarian -> Circulation Desk: Check in a returned copy
      Circulation Desk -> Holds Service: Assign the copy to the next hold
      Holds Service -> Notification Service: Announce the pickup
      Notification Service -> Email Service: Email the pickup notice
      ? Collected within 7 days?
      - Holds Service -> Catalogue Service: Release the copy to the shelf
      - end: Hold expired
      done: Hold collected
    `,
    "Return a book": `
      Member -> Librarian: Return the book
      Librarian -> Circulation Desk: Check in the copy
      Circulation Desk -> Circulation Service: Close the loan => days overdue
      ? Returned on time?
      - Circulation Service -> Notification Service: Send the fine notice
      - Notification Service -> Email Service: Email the fine notice
      - rejoin
      ? Copy damaged? (yes)
      - Cataloguer -> Cataloguing Tool: Withdraw the damaged copy
      - Cataloguing Tool -> Catalogue Service: Remove the copy from stock
      - end: Copy withdrawn
      Circulation Service -> Catalogue Service: Put the copy back on the shelf
      done: Copy back in stock
    `
  }
})
