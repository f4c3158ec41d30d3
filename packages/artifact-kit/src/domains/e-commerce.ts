import { defineDomain } from "./model.ts"

export default defineDomain("e-commerce", {
  title: "an online store",
  business:
    "Shoppers browse the catalogue, fill a cart and pay by card. The warehouse picks, packs and ships every paid order, and a shopper may send an item back within 30 days for a refund.",
  entities: {
    Customer: "id:int:PK email:string:UK full_name:string phone:string created_at:datetime",
    Address: "id:int:PK street:string city:string postal_code:string country:string",
    Product: "id:int:PK name:string price:decimal sku:string:UK stock_qty:int weight_kg:float",
    Category: "id:int:PK name:string slug:string:UK",
    Cart: "id:int:PK status:string updated_at:datetime created_at:datetime",
    Order: "id:int:PK order_number:string:UK total_amount:decimal status:string placed_at:datetime",
    OrderLine: "id:int:PK quantity:int unit_price:decimal discount:decimal",
    Payment: "id:int:PK amount:decimal method:string status:string paid_at:datetime",
    Shipment: "id:int:PK carrier:string tracking_code:string:UK shipped_at:datetime",
    Review: "id:int:PK rating:int body:text posted_at:datetime",
    ReturnRequest: "id:int:PK reason:string status:string refund_amount:decimal requested_at:datetime"
  },
  relations:
    "Customer 1n Order places, Order 1n OrderLine contains, Product 0n OrderLine appears_in, Category 0n Product groups, Customer 01 Cart owns, Order 0n Payment is_paid_by, Order 0n Shipment ships_as, Customer 0n Review writes, Product 0n Review receives, Customer 1n Address lives_at, Order 0n ReturnRequest receives",
  lifecycles: [
    "Order|Pending|Pending>Paid:pay Paid>Packed:pack Packed>Shipped:ship Shipped>Delivered:deliver Pending>Cancelled:cancel Paid>Refunded:refund Delivered>Returned:return|Delivered Cancelled Refunded Returned|Fulfilment=Paid,Packed,Shipped",
    "Cart|Empty|Empty>Active:add_item Active>Empty:remove_last_item Active>CheckingOut:checkout CheckingOut>Active:back CheckingOut>Converted:place_order Active>Abandoned:~expire|Converted Abandoned",
    "ReturnRequest|Requested|Requested>Approved:approve Requested>Declined:decline Approved>Received:receive_item Received>Inspected:inspect Inspected>Refunded:refund Inspected>PartlyRefunded:refund_part|Refunded PartlyRefunded Declined|Handling=Received,Inspected"
  ],
  roles: "Shopper, Support Agent, Warehouse Clerk, Store Manager",
  systems: "Payment Gateway, Shipping Carrier API, Email Service, Tax Service, Fraud Check",
  apps: "Storefront: Shopper; Back Office: Support Agent, Warehouse Clerk, Store Manager",
  services: {
    "Account Service": "owns Customer Address",
    "Catalog Service": "owns Product Category Review",
    "Cart Service": "owns Cart; uses Catalog Service",
    "Order Service": "owns Order OrderLine; uses Cart Service, Catalog Service, Payment Service, Tax Service, Fraud Check, Notification Service",
    "Payment Service": "owns Payment; uses Payment Gateway",
    "Fulfilment Service": "owns Shipment; uses Order Service, Shipping Carrier API, Notification Service",
    "Returns Service": "owns ReturnRequest; uses Order Service, Payment Service, Notification Service",
    "Notification Service": "uses Email Service"
  },
  processes: {
    "Place an order": `
      Shopper -> Storefront: Add items to the cart
      Storefront -> Cart Service: Save the cart
      Shopper -> Storefront: Check out
      Storefront -> Account Service: Load the saved addresses => addresses
      Storefront -> Order Service: Place the order => order number
      Order Service -> Catalog Service: Reserve the stock
      ? Items in stock?
      - Order Service -> Storefront: Show the missing items
      - end: Order not placed
      Order Service -> Tax Service: Calculate the tax => tax amount
      Order Service -> Fraud Check: Score the order => risk score
      ? Fraud suspected? (yes)
      - Order Service -> Catalog Service: Release the stock
      - end: Order held for review
      Order Service -> Payment Service: Take the payment
      Payment Service -> Payment Gateway: Charge the card => authorization code
      ? Payment approved?
      - Order Service -> Storefront: Show the payment error
      - end: Payment declined
      Order Service -> Notification Service: Confirm the order
      Notification Service -> Email Service: Send the confirmation email
      Storefront -> Shopper: Show the order confirmation
      done: Order placed
    `,
    "Ship an order": `
      Warehouse Clerk -> Back Office: Open the pick list
      Back Office -> Fulfilment Service: Fetch the paid orders => pick list
      Warehouse Clerk: Pick and pack the items
      ? All items found?
      - Warehouse Clerk -> Back Office: Report the missing item
      - Back Office -> Order Service: Put the order on hold
      - end: Order on hold
      Warehouse Clerk -> Back Office: Mark the order packed
      Back Office -> Fulfilment Service: Book the shipment
      Fulfilment Service -> Shipping Carrier API: Request a shipping label => tracking code
      Warehouse Clerk: Hand the parcel to the carrier
      Fulfilment Service -> Notification Service: Send the tracking details
      Notification Service -> Email Service: Email the tracking link
      done: Order shipped
    `,
    "Return an item": `
      Shopper -> Storefront: Request a return
      Storefront -> Returns Service: Open a return request
      Returns Service -> Order Service: Look up the order => order details
      ? Within 30 days?
      - Returns Service -> Storefront: Decline the return
      - end: Return declined
      Support Agent -> Back Office: Approve the return
      Back Office -> Returns Service: Issue a return label
      Returns Service -> Notification Service: Send the return label
      Notification Service -> Email Service: Email the return label
      Warehouse Clerk -> Back Office: Receive the returned item
      ? Item undamaged?
      - Store Manager -> Back Office: Approve a partial refund
      - rejoin
      Back Office -> Returns Service: Close the return
      Returns Service -> Payment Service: Refund the payment
      Payment Service -> Payment Gateway: Reverse the charge
      done: Refund issued
    `
  }
})
