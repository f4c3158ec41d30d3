import { defineDomain } from "./model.ts"

export default defineDomain("logistics", {
  title: "a freight logistics company",
  business:
    "A client books a shipment, a driver collects the parcels and the shipment moves through one or more hubs to the recipient. A parcel that crosses a border waits for customs, and a failed delivery is tried again the next day.",
  entities: {
    Shipment: "id:int:PK reference:string:UK status:string weight_kg:float declared_value:decimal",
    Warehouse: "id:int:PK code:string:UK city:string capacity_m3:int",
    Truck: "id:int:PK plate:string:UK capacity_kg:int status:string",
    Driver: "id:int:PK full_name:string license_no:string:UK",
    Route: "id:int:PK origin:string destination:string distance_km:float",
    Parcel: "id:int:PK barcode:string:UK length_cm:int width_cm:int",
    Delivery: "id:int:PK delivered_at:datetime signed_by:string",
    Client: "id:int:PK name:string vat_number:string:UK"
  },
  relations:
    "Client 0n Shipment books, Shipment 1n Parcel contains, Warehouse 0n Parcel stores, Route 0n Shipment carries, Truck 0n Route drives, Driver 0n Truck operates, Shipment 01 Delivery ends_in",
  lifecycles: [
    "Shipment|Booked|Booked>PickedUp:collect PickedUp>InTransit:~depart InTransit>AtHub:~arrive_hub AtHub>InTransit:~depart_hub InTransit>OutForDelivery:load_van OutForDelivery>Delivered:hand_over OutForDelivery>Failed:~no_one_home Failed>OutForDelivery:retry Failed>Returned:return_to_sender|Delivered Returned",
    "Truck|Available|Available>Loading:assign_route Loading>OnRoute:~depart OnRoute>Unloading:arrive Unloading>Available:empty Available>InMaintenance:schedule_service InMaintenance>Available:~service_done|Available|Trip=Loading,OnRoute,Unloading",
    "Parcel|Labelled|Labelled>Sorted:scan_at_hub Sorted>Loaded:load Loaded>Sorted:unload Loaded>Delivered:deliver Sorted>Damaged:report_damage Damaged>Sorted:repack|Delivered"
  ],
  roles: "Dispatcher, Driver, Warehouse Operator, Client",
  systems: "GPS Tracking, Customs Portal, Route Optimizer, SMS Gateway",
  apps: "Client Portal: Client; Dispatch Console: Dispatcher; Driver App: Driver; Hub Scanner: Warehouse Operator",
  services: {
    "Booking Service": "owns Shipment Client; uses Tracking Service, Customs Service",
    "Tracking Service": "owns Parcel Delivery Warehouse; uses GPS Tracking, Notification Service",
    "Fleet Service": "owns Truck Driver Route; uses Route Optimizer, GPS Tracking",
    "Customs Service": "uses Customs Portal",
    "Notification Service": "uses SMS Gateway"
  },
  processes: {
    "Book a shipment": `
      Client -> Client Portal: Enter the shipment details
      Client Portal -> Booking Service: Book the shipment => shipment reference
      Booking Service -> Tracking Service: Register the parcels => barcodes
      ? International shipment? (yes)
      - Booking Service -> Customs Service: Prepare the customs declaration
      - Customs Service -> Customs Portal: File the declaration => declaration number
      - rejoin
      Client -> Client Portal: Print the labels
      Dispatcher -> Dispatch Console: Plan the pickup
      Dispatch Console -> Fleet Service: Assign a truck and driver
      Fleet Service -> Route Optimizer: Optimise the route => route plan
      ? Truck capacity exceeded? (yes)
      - Dispatch Console -> Fleet Service: Split the load over two trucks
      - rejoin
      Fleet Service -> GPS Tracking: Start tracking the truck
      done: Pickup planned
    `,
    "Deliver a parcel": `
      Driver -> Driver App: Scan the parcel onto the van
      Driver App -> Tracking Service: Mark out for delivery
      Tracking Service -> Notification Service: Tell the recipient the time window
      Notification Service -> SMS Gateway: Text the delivery window
      Driver: Drive to the address
      ? Recipient available?
      - Driver -> Driver App: Record a failed attempt
      - Driver App -> Tracking Service: Schedule a second attempt
      - end: Delivery rescheduled
      Driver -> Driver App: Capture the signature
      Driver App -> Tracking Service: Confirm the delivery
      Tracking Service -> Notification Service: Notify the client
      done: Parcel delivered
    `,
    "Clear customs": `
      Warehouse Operator -> Hub Scanner: Scan the parcel at the border hub
      Hub Scanner -> Tracking Service: Record the hub arrival
      Hub Scanner -> Booking Service: Request customs clearance
      Booking Service -> Customs Service: Submit the clearance request
      Customs Service -> Customs Portal: Check the declaration status => clearance status
      ? Customs cleared?
      - Booking Service -> Client Portal: Ask the client for documents
      - Client -> Client Portal: Upload the documents
      - retry: Submit the clearance request
      Warehouse Operator -> Hub Scanner: Release the parcel
      Hub Scanner -> Tracking Service: Mark the parcel in transit
      done: Parcel cleared
    `
  }
})
