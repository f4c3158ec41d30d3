import { defineDomain } from "./model.ts"

export default defineDomain("food-delivery", {
  title: "a food delivery marketplace",
  business:
    "A customer picks a restaurant that delivers to their address, builds a basket and pays in the app. The restaurant accepts and cooks the order, a courier nearby collects it, and the customer rates the meal once it arrives.",
  entities: {
    Customer: "id:int:PK full_name:string phone:string:UK",
    Restaurant: "id:int:PK name:string cuisine:string rating:decimal",
    MenuItem: "id:int:PK name:string price:decimal vegetarian:boolean",
    Order: "id:int:PK total:decimal status:string placed_at:datetime",
    OrderItem: "id:int:PK quantity:int notes:string",
    Courier: "id:int:PK full_name:string vehicle:string status:string",
    DeliveryZone: "id:int:PK name:string fee:decimal",
    Rating: "id:int:PK stars:int comment:text"
  },
  relations:
    "Customer 0n Order places, Restaurant 1n MenuItem offers, Restaurant 0n Order receives, Order 1n OrderItem contains, MenuItem 0n OrderItem is_ordered_as, Courier 0n Order delivers, DeliveryZone 0n Restaurant covers, Order 01 Rating gets",
  lifecycles: [
    "Order|Placed|Placed>Accepted:~restaurant_accepts Placed>Rejected:~restaurant_rejects Accepted>Preparing:start_cooking Preparing>ReadyForPickup:~food_ready ReadyForPickup>PickedUp:~courier_collects PickedUp>Delivered:hand_over Placed>Cancelled:~customer_cancels|Delivered Rejected Cancelled|Kitchen=Accepted,Preparing,ReadyForPickup",
    "Courier|OffShift|OffShift>Available:start_shift Available>Assigned:accept_job Assigned>Delivering:collect_order Delivering>Available:complete_drop Available>OffShift:end_shift|OffShift|OnJob=Assigned,Delivering",
    "Rating|Pending|Pending>Submitted:rate Pending>Skipped:~ignore_prompt Submitted>Published:~pass_review Submitted>Hidden:flag_abuse|Published Hidden Skipped"
  ],
  roles: "Customer, Restaurant Staff, Courier, Support Agent",
  systems: "Payment Gateway, Maps API, Push Notification Service, POS Integration",
  apps: "Customer App: Customer; Restaurant Tablet: Restaurant Staff; Courier App: Courier; Support Console: Support Agent",
  services: {
    "Catalog Service": "owns Restaurant MenuItem DeliveryZone; uses Maps API",
    "Order Service": "owns Order OrderItem Customer; uses Catalog Service, Payment Gateway, POS Integration, Notification Service, Dispatch Service",
    "Dispatch Service": "owns Courier; uses Maps API, Notification Service",
    "Review Service": "owns Rating; uses Catalog Service",
    "Notification Service": "uses Push Notification Service"
  },
  processes: {
    "Order a meal": `
      Customer -> Customer App: Enter the delivery address
      Customer App -> Catalog Service: List the restaurants nearby => restaurant list
      Catalog Service -> Maps API: Check the delivery zones => zones
      ? Within a delivery zone?
      - Customer App -> Customer: Show that nobody delivers there
      - end: No delivery
      Customer -> Customer App: Build the basket
      Customer App -> Order Service: Place the order => order number
      Order Service -> Payment Gateway: Authorise the payment => authorisation
      ? Payment authorised?
      - Order Service -> Customer App: Ask for another payment method
      - retry: Place the order
      Order Service -> POS Integration: Send the order to the kitchen
      Restaurant Staff -> Restaurant Tablet: Accept the order
      Restaurant Tablet -> Order Service: Confirm the preparation time
      Order Service -> Notification Service: Tell the customer the arrival time
      done: Order accepted
    `,
    "Deliver an order": `
      Restaurant Staff -> Restaurant Tablet: Mark the food ready
      Restaurant Tablet -> Order Service: Request a courier
      Order Service -> Dispatch Service: Assign the nearest courier => courier
      Dispatch Service -> Maps API: Compute the route => route
      ? Courier available?
      - Dispatch Service -> Notification Service: Warn the customer of a delay
      - retry: Assign the nearest courier
      Courier -> Courier App: Accept the job
      Courier -> Restaurant Staff: Collect the order
      Courier -> Customer: Hand over the order
      Courier App -> Dispatch Service: Complete the drop
      done: Order delivered
    `,
    "Refund a late order": `
      Customer -> Customer App: Complain that the order is late
      Customer App -> Order Service: Open a complaint
      Support Agent -> Support Console: Review the complaint
      Support Console -> Order Service: Load the order timeline => timeline
      ? Order more than 30 minutes late?
      - Support Agent -> Support Console: Reply with an apology
      - end: Complaint closed
      Support Console -> Order Service: Refund the delivery fee
      Order Service -> Payment Gateway: Issue the refund => refund id
      Customer -> Customer App: Rate the order
      Customer App -> Review Service: Save the rating
      done: Refund issued
    `
  }
})
