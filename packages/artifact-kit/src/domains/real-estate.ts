import { defineDomain } from "./model.ts"

export default defineDomain("real-estate", {
  title: "a property listing and rental platform",
  business:
    "An owner lists a property through a letting agent, who publishes it and books viewings. A tenant who likes the place applies, passes a credit check, signs the lease online and pays a deposit before moving in.",
  entities: {
    Property: "id:int:PK address:string bedrooms:int area_m2:float listed_price:decimal",
    Listing: "id:int:PK title:string status:string published_at:datetime",
    Agent: "id:int:PK full_name:string license_no:string:UK",
    Owner: "id:int:PK full_name:string email:string:UK",
    Tenant: "id:int:PK full_name:string email:string:UK credit_score:int",
    Lease: "id:int:PK monthly_rent:decimal starts_on:date ends_on:date status:string",
    Viewing: "id:int:PK scheduled_at:datetime feedback:text",
    Offer: "id:int:PK amount:decimal status:string made_at:datetime"
  },
  relations:
    "Owner 1n Property owns, Property 0n Listing is_advertised_in, Agent 0n Listing manages, Property 0n Lease is_let_under, Tenant 0n Lease signs, Listing 0n Viewing schedules, Listing 0n Offer receives, Tenant 0n Offer makes",
  lifecycles: [
    "Listing|Draft|Draft>Published:publish Published>UnderOffer:accept_offer UnderOffer>Published:~offer_falls_through UnderOffer>Let:sign_lease Published>Withdrawn:withdraw Published>Expired:~expire|Let Withdrawn Expired",
    "Lease|Proposed|Proposed>Signed:sign Signed>Active:move_in Active>Renewed:renew Renewed>Active:start_term Active>Terminated:give_notice Active>Ended:~term_ends Proposed>Abandoned:~walk_away|Terminated Ended Abandoned",
    "Offer|Made|Made>Countered:counter Countered>Made:revise Made>Accepted:accept Made>Rejected:reject Countered>Rejected:reject Accepted>Withdrawn:withdraw|Accepted Rejected Withdrawn"
  ],
  roles: "Owner, Letting Agent, Tenant",
  systems: "Credit Check Service, E-Signature Service, Map Service, Payment Processor, Email Service",
  apps: "Listings Website: Tenant, Owner; Agent Workspace: Letting Agent",
  services: {
    "Listing Service": "owns Listing Property Owner Agent; uses Map Service",
    "Viewing Service": "owns Viewing; uses Listing Service, Notification Service",
    "Application Service": "owns Offer Tenant; uses Credit Check Service, Listing Service",
    "Lease Service": "owns Lease; uses E-Signature Service, Payment Processor, Listing Service",
    "Notification Service": "uses Email Service"
  },
  processes: {
    "List a property": `
      Owner -> Listings Website: Submit the property details
      Listings Website -> Listing Service: Create a draft listing
      Letting Agent -> Agent Workspace: Photograph the property
      Agent Workspace -> Listing Service: Upload the photos
      Listing Service -> Map Service: Geocode the address => coordinates
      ? Details complete?
      - Agent Workspace -> Listing Service: Send the draft back to the owner
      - Owner -> Listings Website: Fill in the missing details
      - retry: Upload the photos
      Letting Agent -> Agent Workspace: Publish the listing
      Agent Workspace -> Listing Service: Make the listing public
      done: Listing published
    `,
    "Book a viewing": `
      Tenant -> Listings Website: Request a viewing
      Listings Website -> Viewing Service: Propose a slot => proposed times
      Viewing Service -> Listing Service: Check the property is still available => availability
      ? Property still available?
      - Viewing Service -> Listings Website: Suggest similar listings
      - end: Viewing not booked
      Letting Agent -> Agent Workspace: Confirm the slot
      Agent Workspace -> Viewing Service: Book the viewing
      Viewing Service -> Notification Service: Send the invitations
      Letting Agent -> Tenant: Show the property
      Agent Workspace -> Viewing Service: Record the feedback
      done: Viewing done
    `,
    "Let a property": `
      Tenant -> Listings Website: Apply for the property
      Listings Website -> Application Service: Submit the application
      Application Service -> Credit Check Service: Run the credit check => credit report
      ? Credit check passed?
      - Application Service -> Listings Website: Ask for a guarantor
      - Tenant -> Listings Website: Add a guarantor
      - rejoin
      Letting Agent -> Agent Workspace: Draft the lease
      Agent Workspace -> Lease Service: Create the lease
      Lease Service -> E-Signature Service: Send the lease for signature => signed lease
      ? Lease signed within 7 days?
      - Lease Service -> Listing Service: Reopen the listing
      - end: Application lapsed
      Lease Service -> Payment Processor: Collect the deposit => receipt
      Letting Agent -> Tenant: Hand over the keys
      done: Property let
    `
  }
})
