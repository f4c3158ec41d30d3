/**
 * The domain vocabulary every dataset generator draws from: 24 business domains, each with its
 * entities (and attributes), how they relate, lifecycles, people, outside systems, activities and
 * yes/no checks. Written once here so every artifact speaks of the same worlds.
 */

export type AttributeType = "int" | "string" | "text" | "decimal" | "float" | "boolean" | "date" | "datetime" | "uuid"

export interface DomainAttribute {
  readonly name: string
  readonly type: AttributeType
  readonly key?: "PK" | "UK"
}

export interface DomainEntity {
  /** PascalCase, e.g. `OrderLine`. */
  readonly name: string
  readonly attributes: ReadonlyArray<DomainAttribute>
}

/** `1n` one-to-many, `0n` one-to-zero-or-many, `11` one-to-one, `01` one-to-zero-or-one, `nn` many-to-many. */
export type RelationKind = "1n" | "0n" | "11" | "01" | "nn"

export interface DomainRelation {
  readonly from: string
  readonly to: string
  readonly kind: RelationKind
  /** A verb phrase in snake_case, e.g. `places`. */
  readonly verb: string
}

export interface Lifecycle {
  readonly entity: string
  readonly initial: string
  readonly states: ReadonlyArray<string>
  readonly transitions: ReadonlyArray<{ readonly from: string; readonly to: string; readonly event: string }>
  readonly finals: ReadonlyArray<string>
}

export interface Domain {
  readonly id: string
  readonly title: string
  readonly entities: ReadonlyArray<DomainEntity>
  readonly relations: ReadonlyArray<DomainRelation>
  readonly lifecycles: ReadonlyArray<Lifecycle>
  /** People who use the system. */
  readonly roles: ReadonlyArray<string>
  /** Systems outside it that it talks to. */
  readonly systems: ReadonlyArray<string>
  /** Imperative steps of its processes. */
  readonly activities: ReadonlyArray<string>
  /** Yes/no questions its processes decide on. */
  readonly checks: ReadonlyArray<string>
}

interface DomainSource {
  readonly title: string
  readonly entities: Readonly<Record<string, string>>
  readonly relations: string
  readonly lifecycles: ReadonlyArray<string>
  readonly roles: string
  readonly systems: string
  readonly activities: string
  readonly checks: string
}

const list = (text: string): string[] =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")

const parseEntity = (name: string, spec: string): DomainEntity => ({
  name,
  attributes: spec
    .trim()
    .split(/\s+/)
    .map((field) => {
      const [attr, type, key] = field.split(":")
      return key === "PK" || key === "UK" ? { name: attr, type: type as AttributeType, key } : { name: attr, type: type as AttributeType }
    })
})

const parseLifecycle = (spec: string): Lifecycle => {
  const [entity, initial, moves, finals] = spec.split("|").map((part) => part.trim())
  const transitions = moves.split(/\s+/).map((move) => {
    const [path, event] = move.split(":")
    const [from, to] = path.split(">")
    return { from, to, event }
  })
  const states = [initial]
  for (const t of transitions) for (const s of [t.from, t.to]) if (!states.includes(s)) states.push(s)
  return { entity, initial, states, transitions, finals: finals.split(/\s+/) }
}

const build = (id: string, source: DomainSource): Domain => {
  const entities = Object.entries(source.entities).map(([name, spec]) => parseEntity(name, spec))
  const names = new Set(entities.map((entity) => entity.name))
  const relations = list(source.relations).map((item) => {
    const [from, kind, to, verb] = item.split(/\s+/)
    if (!names.has(from) || !names.has(to)) throw new Error(`domain ${id}: relation "${item}" names an unknown entity`)
    return { from, to, kind: kind as RelationKind, verb }
  })
  return {
    id,
    title: source.title,
    entities,
    relations,
    lifecycles: source.lifecycles.map(parseLifecycle),
    roles: list(source.roles),
    systems: list(source.systems),
    activities: list(source.activities),
    checks: list(source.checks)
  }
}

const SOURCES: Readonly<Record<string, DomainSource>> = {
  "e-commerce": {
    title: "an online store",
    entities: {
      Customer: "id:int:PK email:string:UK full_name:string phone:string created_at:datetime",
      Order: "id:int:PK order_number:string:UK status:string total_amount:decimal placed_at:datetime",
      OrderLine: "id:int:PK quantity:int unit_price:decimal discount:decimal",
      Product: "id:int:PK sku:string:UK name:string price:decimal weight_kg:float",
      Category: "id:int:PK name:string slug:string:UK",
      Cart: "id:int:PK created_at:datetime updated_at:datetime",
      Payment: "id:int:PK amount:decimal method:string paid_at:datetime",
      Shipment: "id:int:PK carrier:string tracking_code:string:UK shipped_at:datetime",
      Review: "id:int:PK rating:int body:text posted_at:datetime",
      Address: "id:int:PK street:string city:string postal_code:string country:string"
    },
    relations:
      "Customer 1n Order places, Order 1n OrderLine contains, Product 0n OrderLine appears_in, Category 0n Product groups, Customer 01 Cart owns, Order 0n Payment is_paid_by, Order 0n Shipment ships_as, Customer 0n Review writes, Product 0n Review receives, Customer 1n Address lives_at",
    lifecycles: [
      "Order|Pending|Pending>Paid:pay Paid>Packed:pack Packed>Shipped:ship Shipped>Delivered:deliver Pending>Cancelled:cancel Paid>Refunded:refund Delivered>Returned:return|Delivered Cancelled Refunded Returned",
      "Cart|Empty|Empty>Active:add_item Active>Empty:remove_last_item Active>CheckingOut:checkout CheckingOut>Active:back CheckingOut>Converted:place_order Active>Abandoned:expire|Converted Abandoned"
    ],
    roles: "Shopper, Support Agent, Warehouse Clerk, Store Manager",
    systems: "Payment Gateway, Shipping Carrier API, Email Service, Tax Service, Fraud Check",
    activities:
      "Browse catalog, Add item to cart, Enter shipping address, Calculate tax, Authorize payment, Reserve stock, Pick and pack items, Print shipping label, Send confirmation email, Issue refund, Restock returned item, Notify customer",
    checks: "Item in stock?, Payment approved?, Address valid?, Fraud suspected?, Order over free-shipping limit?, Return within 30 days?"
  },
  healthcare: {
    title: "a hospital patient-care system",
    entities: {
      Patient: "id:int:PK mrn:string:UK full_name:string birth_date:date blood_type:string",
      Doctor: "id:int:PK license_no:string:UK full_name:string specialty:string",
      Appointment: "id:int:PK scheduled_at:datetime reason:string status:string",
      Prescription: "id:int:PK issued_at:date dosage:string refills:int",
      Medication: "id:int:PK code:string:UK name:string form:string",
      Ward: "id:int:PK name:string floor:int capacity:int",
      Admission: "id:int:PK admitted_at:datetime discharged_at:datetime diagnosis:string",
      LabResult: "id:int:PK test_code:string value:decimal unit:string collected_at:datetime",
      Insurance: "id:int:PK provider:string policy_number:string:UK valid_until:date"
    },
    relations:
      "Patient 0n Appointment books, Doctor 0n Appointment attends, Doctor 0n Prescription writes, Patient 0n Prescription receives, Medication 0n Prescription is_prescribed_in, Patient 0n Admission has, Ward 0n Admission hosts, Patient 0n LabResult has, Patient 01 Insurance is_covered_by",
    lifecycles: [
      "Appointment|Requested|Requested>Scheduled:confirm Scheduled>CheckedIn:arrive CheckedIn>InConsultation:call_in InConsultation>Completed:finish Scheduled>Cancelled:cancel Scheduled>NoShow:miss|Completed Cancelled NoShow",
      "Admission|Registered|Registered>Triaged:triage Triaged>Admitted:assign_bed Admitted>UnderTreatment:start_treatment UnderTreatment>Discharged:discharge UnderTreatment>Transferred:transfer|Discharged Transferred"
    ],
    roles: "Patient, Nurse, Physician, Receptionist, Pharmacist",
    systems: "EHR System, Insurance Clearinghouse, Lab Information System, SMS Gateway",
    activities:
      "Register patient, Verify insurance, Schedule appointment, Record vital signs, Examine patient, Order lab tests, Review lab results, Write prescription, Dispense medication, Admit to ward, Discharge patient, Send follow-up reminder",
    checks: "Insurance valid?, Emergency case?, Bed available?, Lab results normal?, Allergy conflict?, Follow-up needed?"
  },
  education: {
    title: "a university learning platform",
    entities: {
      Student: "id:int:PK student_no:string:UK full_name:string email:string enrolled_on:date",
      Course: "id:int:PK code:string:UK title:string credits:int",
      Instructor: "id:int:PK staff_no:string:UK full_name:string department:string",
      Enrollment: "id:int:PK enrolled_at:datetime grade:string status:string",
      Assignment: "id:int:PK title:string due_at:datetime max_points:int",
      Submission: "id:int:PK submitted_at:datetime score:decimal file_url:string",
      Semester: "id:int:PK name:string starts_on:date ends_on:date",
      Classroom: "id:int:PK building:string room_no:string seats:int"
    },
    relations:
      "Student 0n Enrollment has, Course 0n Enrollment includes, Instructor 0n Course teaches, Course 0n Assignment sets, Assignment 0n Submission receives, Student 0n Submission makes, Semester 1n Course schedules, Classroom 0n Course hosts",
    lifecycles: [
      "Enrollment|Applied|Applied>Enrolled:accept Applied>Rejected:reject Enrolled>Waitlisted:overflow Waitlisted>Enrolled:seat_frees Enrolled>Completed:pass Enrolled>Failed:fail Enrolled>Withdrawn:withdraw|Completed Failed Withdrawn Rejected",
      "Submission|Draft|Draft>Submitted:submit Submitted>Grading:start_review Grading>Graded:publish_grade Grading>Returned:request_changes Returned>Submitted:resubmit|Graded"
    ],
    roles: "Student, Instructor, Teaching Assistant, Registrar",
    systems: "Identity Provider, Plagiarism Checker, Video Conferencing, Email Service",
    activities:
      "Submit application, Review transcript, Enroll in course, Publish syllabus, Upload assignment, Check for plagiarism, Grade submission, Publish grades, Issue certificate, Notify student",
    checks: "Prerequisites met?, Seats available?, Submitted before deadline?, Plagiarism detected?, Passing grade?"
  },
  finance: {
    title: "a retail bank",
    entities: {
      Customer: "id:int:PK customer_no:string:UK full_name:string tax_id:string:UK risk_rating:string",
      Account: "id:int:PK iban:string:UK type:string balance:decimal opened_on:date",
      Transaction: "id:int:PK amount:decimal currency:string booked_at:datetime description:string",
      Card: "id:int:PK masked_pan:string expires_on:date status:string",
      Loan: "id:int:PK principal:decimal interest_rate:decimal term_months:int",
      Branch: "id:int:PK code:string:UK city:string",
      Statement: "id:int:PK period:string generated_at:datetime",
      Beneficiary: "id:int:PK name:string iban:string"
    },
    relations:
      "Customer 1n Account holds, Account 0n Transaction records, Account 0n Card issues, Customer 0n Loan takes, Branch 0n Account manages, Account 0n Statement produces, Customer 0n Beneficiary saves",
    lifecycles: [
      "Loan|Applied|Applied>UnderReview:submit UnderReview>Approved:approve UnderReview>Rejected:reject Approved>Disbursed:disburse Disbursed>Repaying:first_installment Repaying>Closed:pay_off Repaying>Defaulted:miss_payments|Closed Rejected Defaulted",
      "Card|Ordered|Ordered>Issued:print Issued>Active:activate Active>Blocked:report_lost Blocked>Active:unblock Active>Expired:reach_expiry Blocked>Cancelled:cancel|Expired Cancelled"
    ],
    roles: "Account Holder, Teller, Loan Officer, Compliance Analyst",
    systems: "Core Banking, Card Network, Credit Bureau, AML Screening, SWIFT Gateway",
    activities:
      "Verify identity, Screen against sanctions list, Open account, Check credit score, Calculate interest, Approve loan, Disburse funds, Post transaction, Generate statement, Freeze account",
    checks: "Identity verified?, Credit score above threshold?, Sufficient balance?, Sanctions hit?, Amount above daily limit?"
  },
  social: {
    title: "a social network",
    entities: {
      User: "id:int:PK handle:string:UK display_name:string bio:text joined_at:datetime",
      Post: "id:int:PK body:text visibility:string posted_at:datetime",
      Comment: "id:int:PK body:text posted_at:datetime",
      Reaction: "id:int:PK kind:string reacted_at:datetime",
      Follow: "id:int:PK since:datetime",
      Group: "id:int:PK name:string privacy:string",
      Message: "id:int:PK body:text sent_at:datetime read:boolean",
      Media: "id:int:PK url:string mime_type:string size_bytes:int"
    },
    relations:
      "User 0n Post writes, Post 0n Comment has, User 0n Comment writes, Post 0n Reaction receives, User 0n Reaction gives, User 0n Follow follows, Group 0n Post hosts, User 0n Message sends, Post 0n Media attaches",
    lifecycles: [
      "Post|Draft|Draft>Published:publish Published>Edited:edit Edited>Published:save Published>Flagged:report Flagged>Published:clear Flagged>Removed:remove Published>Archived:archive|Removed Archived",
      "User|Invited|Invited>Active:sign_up Active>Suspended:violate_rules Suspended>Active:appeal_granted Active>Deactivated:deactivate Suspended>Banned:repeat_offence|Deactivated Banned"
    ],
    roles: "Member, Moderator, Advertiser",
    systems: "Push Notification Service, Image CDN, Content Moderation API, Analytics Pipeline",
    activities:
      "Compose post, Upload image, Scan content, Publish post, Notify followers, Review report, Remove content, Warn author, Rank feed, Send message",
    checks: "Contains banned content?, Account verified?, Post public?, Reported more than 3 times?, Author blocked viewer?"
  },
  iot: {
    title: "an IoT fleet-monitoring platform",
    entities: {
      Device: "id:int:PK serial:string:UK model:string firmware:string last_seen:datetime",
      Sensor: "id:int:PK kind:string unit:string",
      Reading: "id:int:PK value:float recorded_at:datetime",
      Gateway: "id:int:PK mac_address:string:UK location:string",
      Alert: "id:int:PK severity:string message:string raised_at:datetime",
      Site: "id:int:PK name:string latitude:float longitude:float",
      FirmwareRelease: "id:int:PK version:string:UK released_at:date checksum:string",
      Rule: "id:int:PK expression:string threshold:float enabled:boolean"
    },
    relations:
      "Device 1n Sensor has, Sensor 0n Reading produces, Gateway 0n Device connects, Site 0n Gateway hosts, Device 0n Alert raises, Rule 0n Alert triggers, FirmwareRelease 0n Device runs_on",
    lifecycles: [
      "Device|Provisioned|Provisioned>Online:connect Online>Offline:lose_heartbeat Offline>Online:reconnect Online>Updating:push_firmware Updating>Online:update_ok Updating>Faulty:update_failed Faulty>Decommissioned:retire|Decommissioned",
      "Alert|Raised|Raised>Acknowledged:acknowledge Acknowledged>Resolved:fix Raised>Escalated:timeout Escalated>Acknowledged:acknowledge Raised>Suppressed:mute|Resolved Suppressed"
    ],
    roles: "Field Technician, Operator, Site Manager",
    systems: "MQTT Broker, Time-Series Database, SMS Gateway, Device Registry",
    activities:
      "Collect telemetry, Validate reading, Store reading, Evaluate rules, Raise alert, Notify technician, Schedule maintenance, Push firmware update, Reboot device, Close incident",
    checks: "Reading within range?, Device online?, Firmware up to date?, Alert acknowledged?, Battery low?"
  },
  hr: {
    title: "an enterprise HR system",
    entities: {
      Employee: "id:int:PK employee_no:string:UK full_name:string hired_on:date job_title:string",
      Department: "id:int:PK name:string cost_center:string:UK",
      Position: "id:int:PK title:string grade:string salary_band:string",
      LeaveRequest: "id:int:PK starts_on:date ends_on:date kind:string status:string",
      Payslip: "id:int:PK period:string gross:decimal net:decimal",
      Review: "id:int:PK period:string rating:int summary:text",
      Candidate: "id:int:PK full_name:string email:string:UK source:string",
      Interview: "id:int:PK scheduled_at:datetime outcome:string"
    },
    relations:
      "Department 1n Employee employs, Position 0n Employee is_held_by, Employee 0n LeaveRequest files, Employee 0n Payslip receives, Employee 0n Review gets, Candidate 0n Interview attends, Position 0n Candidate attracts",
    lifecycles: [
      "LeaveRequest|Draft|Draft>Submitted:submit Submitted>Approved:approve Submitted>Rejected:reject Approved>Taken:start_leave Approved>Cancelled:cancel Submitted>Draft:recall|Taken Rejected Cancelled",
      "Candidate|Applied|Applied>Screening:shortlist Screening>Interviewing:invite Interviewing>Offered:make_offer Offered>Hired:accept Offered>Declined:decline Screening>Rejected:reject Interviewing>Rejected:reject|Hired Declined Rejected"
    ],
    roles: "Employee, Manager, HR Partner, Recruiter",
    systems: "Payroll Provider, Identity Provider, Background Check Service, Calendar",
    activities:
      "Post job opening, Screen resume, Schedule interview, Run background check, Send offer letter, Create employee record, Provision laptop, Approve leave, Run payroll, Conduct review",
    checks: "Candidate qualified?, Background check clear?, Offer accepted?, Leave balance sufficient?, Manager approved?"
  },
  logistics: {
    title: "a freight logistics company",
    entities: {
      Shipment: "id:int:PK reference:string:UK weight_kg:float declared_value:decimal status:string",
      Warehouse: "id:int:PK code:string:UK city:string capacity_m3:int",
      Truck: "id:int:PK plate:string:UK capacity_kg:int",
      Driver: "id:int:PK license_no:string:UK full_name:string",
      Route: "id:int:PK origin:string destination:string distance_km:float",
      Parcel: "id:int:PK barcode:string:UK length_cm:int width_cm:int",
      Delivery: "id:int:PK delivered_at:datetime signed_by:string",
      Client: "id:int:PK name:string vat_number:string:UK"
    },
    relations:
      "Client 0n Shipment books, Shipment 1n Parcel contains, Warehouse 0n Parcel stores, Route 0n Shipment follows, Truck 0n Route drives, Driver 0n Truck operates, Shipment 01 Delivery ends_in",
    lifecycles: [
      "Shipment|Booked|Booked>PickedUp:collect PickedUp>InTransit:depart InTransit>AtHub:arrive_hub AtHub>InTransit:depart_hub InTransit>OutForDelivery:load_van OutForDelivery>Delivered:hand_over OutForDelivery>Failed:no_one_home Failed>OutForDelivery:retry|Delivered",
      "Truck|Available|Available>Loading:assign_route Loading>OnRoute:depart OnRoute>Unloading:arrive Unloading>Available:empty Available>InMaintenance:schedule_service InMaintenance>Available:service_done|Available"
    ],
    roles: "Dispatcher, Driver, Warehouse Operator, Client",
    systems: "GPS Tracking, Customs Portal, Route Optimizer, SMS Gateway",
    activities:
      "Book shipment, Label parcels, Plan route, Load truck, Scan at hub, Clear customs, Dispatch driver, Deliver parcel, Capture signature, Invoice client",
    checks: "Customs cleared?, Truck capacity exceeded?, Recipient available?, Address reachable?, Damage found?"
  },
  hospitality: {
    title: "a hotel booking system",
    entities: {
      Guest: "id:int:PK full_name:string email:string:UK loyalty_tier:string",
      Reservation: "id:int:PK check_in:date check_out:date adults:int status:string",
      Room: "id:int:PK number:string:UK floor:int rate:decimal",
      RoomType: "id:int:PK name:string max_occupancy:int",
      Invoice: "id:int:PK total:decimal issued_at:datetime paid:boolean",
      Hotel: "id:int:PK name:string city:string stars:int",
      Housekeeping: "id:int:PK cleaned_at:datetime notes:text",
      Amenity: "id:int:PK name:string fee:decimal"
    },
    relations:
      "Guest 0n Reservation makes, Room 0n Reservation is_booked_in, RoomType 1n Room classifies, Reservation 01 Invoice bills, Hotel 1n Room has, Room 0n Housekeeping gets, Hotel 0n Amenity offers",
    lifecycles: [
      "Reservation|Tentative|Tentative>Confirmed:pay_deposit Confirmed>CheckedIn:arrive CheckedIn>CheckedOut:depart Confirmed>Cancelled:cancel Confirmed>NoShow:miss_arrival Tentative>Expired:hold_lapses|CheckedOut Cancelled NoShow Expired",
      "Room|Vacant|Vacant>Occupied:check_in Occupied>Dirty:check_out Dirty>Cleaning:assign_housekeeper Cleaning>Inspected:finish_cleaning Inspected>Vacant:release Vacant>OutOfOrder:report_fault OutOfOrder>Vacant:repair|Vacant"
    ],
    roles: "Guest, Front Desk Agent, Housekeeper, Revenue Manager",
    systems: "Channel Manager, Payment Terminal, Door Lock System, Email Service",
    activities:
      "Search availability, Hold room, Take deposit, Send confirmation, Check guest in, Issue key card, Clean room, Inspect room, Settle invoice, Request review",
    checks: "Room available?, Deposit received?, Early check-in possible?, Room inspected?, Minibar used?"
  },
  travel: {
    title: "an airline booking platform",
    entities: {
      Passenger: "id:int:PK full_name:string passport_no:string:UK nationality:string",
      Booking: "id:int:PK pnr:string:UK created_at:datetime total_fare:decimal",
      Flight: "id:int:PK flight_no:string departs_at:datetime arrives_at:datetime",
      Airport: "id:int:PK iata_code:string:UK name:string city:string",
      Seat: "id:int:PK seat_no:string cabin:string",
      Ticket: "id:int:PK ticket_no:string:UK fare_class:string",
      Baggage: "id:int:PK tag_no:string:UK weight_kg:float",
      Aircraft: "id:int:PK registration:string:UK model:string seats:int"
    },
    relations:
      "Passenger 0n Booking makes, Booking 1n Ticket issues, Flight 0n Ticket is_sold_on, Airport 0n Flight departs, Flight 1n Seat offers, Passenger 0n Baggage checks, Aircraft 0n Flight operates",
    lifecycles: [
      "Booking|Held|Held>Ticketed:pay Held>Expired:time_limit Ticketed>CheckedIn:check_in CheckedIn>Boarded:scan_boarding_pass Ticketed>Refunded:refund Ticketed>Changed:rebook Changed>Ticketed:reissue|Boarded Refunded Expired",
      "Flight|Scheduled|Scheduled>Boarding:open_gate Boarding>Departed:close_doors Departed>Landed:touch_down Scheduled>Delayed:delay Delayed>Boarding:open_gate Scheduled>Cancelled:cancel Delayed>Cancelled:cancel|Landed Cancelled"
    ],
    roles: "Traveller, Gate Agent, Travel Agent, Crew Scheduler",
    systems: "GDS, Payment Gateway, Passport Verification, Loyalty Program",
    activities:
      "Search flights, Select seat, Enter passenger details, Verify passport, Issue ticket, Check in online, Drop baggage, Print boarding pass, Board passenger, Rebook passenger",
    checks: "Seats left?, Passport valid?, Baggage overweight?, Flight delayed?, Visa required?"
  },
  "real-estate": {
    title: "a property listing and rental platform",
    entities: {
      Property: "id:int:PK address:string bedrooms:int area_m2:float listed_price:decimal",
      Listing: "id:int:PK title:string published_at:datetime status:string",
      Agent: "id:int:PK full_name:string license_no:string:UK",
      Owner: "id:int:PK full_name:string email:string:UK",
      Tenant: "id:int:PK full_name:string email:string:UK credit_score:int",
      Lease: "id:int:PK starts_on:date ends_on:date monthly_rent:decimal",
      Viewing: "id:int:PK scheduled_at:datetime feedback:text",
      Offer: "id:int:PK amount:decimal made_at:datetime"
    },
    relations:
      "Owner 1n Property owns, Property 0n Listing is_advertised_in, Agent 0n Listing manages, Property 0n Lease is_let_under, Tenant 0n Lease signs, Listing 0n Viewing schedules, Listing 0n Offer receives",
    lifecycles: [
      "Listing|Draft|Draft>Published:publish Published>UnderOffer:accept_offer UnderOffer>Published:offer_falls_through UnderOffer>Sold:complete_sale Published>Withdrawn:withdraw Published>Expired:expire|Sold Withdrawn Expired",
      "Lease|Proposed|Proposed>Signed:sign Signed>Active:move_in Active>Renewed:renew Renewed>Active:start_term Active>Terminated:give_notice Active>Ended:term_ends|Terminated Ended"
    ],
    roles: "Buyer, Seller, Letting Agent, Tenant",
    systems: "Credit Check Service, E-Signature Service, Map Service, Payment Processor",
    activities:
      "Photograph property, Publish listing, Book viewing, Collect feedback, Submit offer, Run credit check, Draft lease, Sign lease, Collect deposit, Hand over keys",
    checks: "Offer above asking price?, Credit check passed?, Property still available?, Deposit paid?, References valid?"
  },
  insurance: {
    title: "an insurance company",
    entities: {
      PolicyHolder: "id:int:PK full_name:string email:string:UK birth_date:date",
      Policy: "id:int:PK policy_no:string:UK product:string premium:decimal starts_on:date",
      Claim: "id:int:PK claim_no:string:UK filed_at:datetime amount:decimal status:string",
      Adjuster: "id:int:PK full_name:string region:string",
      Coverage: "id:int:PK kind:string limit_amount:decimal deductible:decimal",
      Payout: "id:int:PK amount:decimal paid_at:datetime",
      Vehicle: "id:int:PK vin:string:UK make:string model:string year:int",
      Document: "id:int:PK kind:string url:string uploaded_at:datetime"
    },
    relations:
      "PolicyHolder 1n Policy holds, Policy 1n Coverage includes, Policy 0n Claim receives, Adjuster 0n Claim assesses, Claim 0n Payout results_in, Policy 0n Vehicle insures, Claim 0n Document attaches",
    lifecycles: [
      "Claim|Filed|Filed>Triaged:triage Triaged>UnderAssessment:assign_adjuster UnderAssessment>Approved:approve UnderAssessment>Denied:deny Approved>Paid:pay_out Denied>Appealed:appeal Appealed>UnderAssessment:reopen|Paid Denied",
      "Policy|Quoted|Quoted>Bound:accept_quote Bound>Active:first_premium Active>Lapsed:miss_premium Lapsed>Active:reinstate Active>Renewed:renew Renewed>Active:start_term Active>Cancelled:cancel|Cancelled Lapsed"
    ],
    roles: "Policy Holder, Claims Adjuster, Underwriter, Broker",
    systems: "Fraud Detection, Payment Processor, Document Store, Vehicle Registry",
    activities:
      "Request quote, Assess risk, Issue policy, File claim, Upload photos, Assign adjuster, Inspect damage, Calculate payout, Pay claim, Notify policy holder",
    checks: "Policy active?, Claim within coverage?, Fraud suspected?, Amount above authority limit?, Documents complete?"
  },
  manufacturing: {
    title: "a factory production system",
    entities: {
      Product: "id:int:PK part_no:string:UK name:string revision:string",
      WorkOrder: "id:int:PK order_no:string:UK quantity:int due_on:date status:string",
      Machine: "id:int:PK asset_tag:string:UK model:string line:string",
      Operator: "id:int:PK badge_no:string:UK full_name:string shift:string",
      Material: "id:int:PK code:string:UK name:string stock_qty:decimal",
      BillOfMaterials: "id:int:PK version:string approved_on:date",
      QualityCheck: "id:int:PK checked_at:datetime result:string defects:int",
      Batch: "id:int:PK lot_no:string:UK produced_at:datetime"
    },
    relations:
      "Product 1n WorkOrder is_built_by, Machine 0n WorkOrder runs, Operator 0n Machine operates, Product 1n BillOfMaterials defines, Material 0n BillOfMaterials is_used_in, WorkOrder 0n Batch yields, Batch 0n QualityCheck undergoes",
    lifecycles: [
      "WorkOrder|Planned|Planned>Released:release Released>InProduction:start_run InProduction>OnHold:machine_down OnHold>InProduction:resume InProduction>QualityHold:defect_found QualityHold>InProduction:rework InProduction>Completed:finish Planned>Cancelled:cancel|Completed Cancelled",
      "Machine|Idle|Idle>Running:start_job Running>Idle:finish_job Running>Down:fault Down>UnderRepair:dispatch_technician UnderRepair>Idle:repaired Idle>Maintenance:planned_service Maintenance>Idle:service_done|Idle"
    ],
    roles: "Machine Operator, Production Planner, Quality Inspector, Maintenance Technician",
    systems: "ERP, MES, SCADA, Supplier Portal",
    activities:
      "Plan production, Reserve materials, Set up machine, Run production batch, Inspect sample, Rework defects, Package goods, Update inventory, Ship to warehouse, Log downtime",
    checks: "Materials available?, Sample within tolerance?, Machine calibrated?, Defect rate above 2%?, Order complete?"
  },
  media: {
    title: "a video streaming service",
    entities: {
      Subscriber: "id:int:PK email:string:UK plan:string country:string",
      Profile: "id:int:PK name:string maturity_level:string",
      Title: "id:int:PK name:string release_year:int genre:string rating:string",
      Episode: "id:int:PK season:int number:int duration_min:int",
      Watchlist: "id:int:PK created_at:datetime",
      PlaybackSession: "id:int:PK started_at:datetime position_sec:int device:string",
      Subscription: "id:int:PK plan:string price:decimal renews_on:date",
      License: "id:int:PK region:string valid_from:date valid_to:date"
    },
    relations:
      "Subscriber 1n Profile has, Title 0n Episode has, Profile 01 Watchlist keeps, Profile 0n PlaybackSession starts, Title 0n PlaybackSession is_played_in, Subscriber 1n Subscription pays, Title 0n License is_covered_by",
    lifecycles: [
      "Subscription|Trial|Trial>Active:first_charge Trial>Cancelled:cancel Active>PastDue:charge_fails PastDue>Active:payment_recovered PastDue>Suspended:grace_ends Suspended>Active:pay Active>Cancelled:cancel|Cancelled",
      "PlaybackSession|Starting|Starting>Buffering:request_stream Buffering>Playing:buffer_full Playing>Paused:pause Paused>Playing:resume Playing>Buffering:stall Playing>Ended:finish Paused>Ended:timeout|Ended"
    ],
    roles: "Viewer, Content Editor, Support Agent",
    systems: "CDN, DRM License Server, Billing Provider, Recommendation Engine",
    activities:
      "Sign up, Choose plan, Create profile, Browse titles, Start playback, Fetch DRM license, Record watch progress, Recommend titles, Charge subscription, Send renewal reminder",
    checks: "Title licensed in region?, Payment succeeded?, Profile allowed to watch?, Bandwidth sufficient?, Trial expired?"
  },
  gaming: {
    title: "an online multiplayer game",
    entities: {
      Player: "id:int:PK gamertag:string:UK level:int xp:int joined_at:datetime",
      Match: "id:int:PK mode:string map:string started_at:datetime",
      Team: "id:int:PK name:string rating:int",
      Item: "id:int:PK name:string rarity:string price_coins:int",
      Inventory: "id:int:PK slots:int",
      Achievement: "id:int:PK code:string:UK title:string points:int",
      Purchase: "id:int:PK amount:decimal bought_at:datetime",
      Server: "id:int:PK region:string ip_address:string capacity:int"
    },
    relations:
      "Team 1n Player groups, Match 0n Team plays_in, Player 01 Inventory owns, Inventory 0n Item holds, Player 0n Achievement unlocks, Player 0n Purchase makes, Server 0n Match hosts",
    lifecycles: [
      "Match|Lobby|Lobby>Matchmaking:queue Matchmaking>Loading:match_found Loading>InProgress:all_loaded InProgress>Overtime:tie InProgress>Finished:time_up Overtime>Finished:golden_goal Matchmaking>Lobby:cancel_queue|Finished",
      "Player|Offline|Offline>Online:log_in Online>InMatch:join_match InMatch>Online:leave_match Online>Away:idle Away>Online:move Online>Offline:log_out|Offline"
    ],
    roles: "Player, Game Master, Community Manager",
    systems: "Matchmaking Service, Leaderboard Service, Payment Provider, Anti-Cheat Service",
    activities:
      "Log in, Join queue, Find match, Load map, Start round, Record score, Award experience, Grant achievement, Update leaderboard, Open loot box",
    checks: "Enough players in queue?, Cheat detected?, Score tied?, Level up reached?, Enough coins?"
  },
  government: {
    title: "a municipal citizen-services portal",
    entities: {
      Citizen: "id:int:PK national_id:string:UK full_name:string birth_date:date",
      Application: "id:int:PK kind:string submitted_at:datetime status:string",
      Permit: "id:int:PK permit_no:string:UK valid_from:date valid_to:date",
      Officer: "id:int:PK badge_no:string:UK full_name:string office:string",
      Fee: "id:int:PK amount:decimal due_on:date paid:boolean",
      Appointment: "id:int:PK slot:datetime office:string",
      Document: "id:int:PK kind:string url:string verified:boolean",
      Parcel: "id:int:PK cadastral_no:string:UK area_m2:float zoning:string"
    },
    relations:
      "Citizen 0n Application files, Application 01 Permit grants, Officer 0n Application reviews, Application 1n Fee charges, Citizen 0n Appointment books, Application 0n Document requires, Parcel 0n Permit concerns",
    lifecycles: [
      "Application|Draft|Draft>Submitted:submit Submitted>UnderReview:assign_officer UnderReview>MoreInfoNeeded:request_info MoreInfoNeeded>UnderReview:provide_info UnderReview>Approved:approve UnderReview>Rejected:reject Approved>Issued:pay_fee|Issued Rejected",
      "Permit|Issued|Issued>Active:start_date Active>Suspended:violation Suspended>Active:remedy Active>Expired:end_date Active>Revoked:revoke|Expired Revoked"
    ],
    roles: "Citizen, Case Officer, Inspector, Clerk",
    systems: "National ID Service, Payment Portal, Document Archive, GIS Service",
    activities:
      "Fill in form, Upload documents, Verify identity, Check zoning rules, Schedule inspection, Inspect site, Calculate fee, Collect payment, Issue permit, Notify citizen",
    checks: "Identity verified?, Documents complete?, Zoning allows use?, Inspection passed?, Fee paid?"
  },
  agriculture: {
    title: "a farm management system",
    entities: {
      Farm: "id:int:PK name:string region:string area_ha:float",
      Field: "id:int:PK code:string:UK area_ha:float soil_type:string",
      Crop: "id:int:PK name:string variety:string days_to_harvest:int",
      Planting: "id:int:PK planted_on:date expected_yield_t:float",
      Harvest: "id:int:PK harvested_on:date yield_t:float moisture_pct:float",
      Equipment: "id:int:PK name:string serial:string:UK hours:int",
      WeatherStation: "id:int:PK name:string latitude:float longitude:float",
      Treatment: "id:int:PK product:string applied_on:date dose_l_per_ha:float"
    },
    relations:
      "Farm 1n Field contains, Field 0n Planting hosts, Crop 0n Planting is_sown_in, Planting 01 Harvest yields, Farm 0n Equipment owns, Farm 0n WeatherStation runs, Planting 0n Treatment receives",
    lifecycles: [
      "Planting|Planned|Planned>Sown:sow Sown>Germinated:sprout Germinated>Growing:establish Growing>Ripe:mature Ripe>Harvested:harvest Growing>Failed:crop_loss|Harvested Failed",
      "Equipment|Available|Available>InUse:check_out InUse>Available:return InUse>Broken:break_down Broken>InRepair:send_to_workshop InRepair>Available:fixed Available>Retired:retire|Retired"
    ],
    roles: "Farmer, Agronomist, Field Worker",
    systems: "Weather API, Soil Lab, Market Price Feed, Irrigation Controller",
    activities:
      "Test soil, Plan rotation, Prepare field, Sow seeds, Irrigate field, Apply fertilizer, Scout for pests, Spray treatment, Harvest crop, Sell produce",
    checks: "Soil moisture low?, Pests detected?, Rain forecast?, Crop ripe?, Price above target?"
  },
  energy: {
    title: "an electricity utility",
    entities: {
      Customer: "id:int:PK account_no:string:UK full_name:string tariff:string",
      Meter: "id:int:PK serial:string:UK kind:string installed_on:date",
      MeterReading: "id:int:PK read_at:datetime kwh:decimal estimated:boolean",
      Bill: "id:int:PK period:string amount:decimal due_on:date",
      Substation: "id:int:PK code:string:UK voltage_kv:int",
      Outage: "id:int:PK started_at:datetime ended_at:datetime cause:string",
      ServicePoint: "id:int:PK address:string phase:string",
      Tariff: "id:int:PK name:string price_per_kwh:decimal standing_charge:decimal"
    },
    relations:
      "Customer 1n ServicePoint has, ServicePoint 01 Meter is_metered_by, Meter 0n MeterReading records, Customer 0n Bill receives, Substation 0n ServicePoint feeds, Substation 0n Outage suffers, Tariff 0n Customer applies_to",
    lifecycles: [
      "Outage|Reported|Reported>Confirmed:verify Confirmed>CrewDispatched:dispatch CrewDispatched>Repairing:arrive Repairing>Restored:restore_power Reported>FalseAlarm:no_fault Restored>Closed:close|Closed FalseAlarm",
      "Bill|Draft|Draft>Issued:send Issued>Paid:pay Issued>Overdue:pass_due_date Overdue>Paid:pay Overdue>InCollection:escalate Issued>Disputed:dispute Disputed>Issued:resolve|Paid InCollection"
    ],
    roles: "Customer, Field Crew, Billing Clerk, Grid Operator",
    systems: "SCADA, Meter Data Management, Payment Provider, Weather Service",
    activities:
      "Read meter, Validate reading, Estimate consumption, Calculate bill, Send bill, Collect payment, Detect outage, Dispatch crew, Restore power, Notify customers",
    checks: "Reading plausible?, Payment received?, Outage confirmed?, Crew available?, Storm warning active?"
  },
  telecom: {
    title: "a mobile network operator",
    entities: {
      Subscriber: "id:int:PK msisdn:string:UK full_name:string kyc_status:string",
      SimCard: "id:int:PK iccid:string:UK activated_on:date",
      Plan: "id:int:PK name:string monthly_fee:decimal data_gb:int",
      Contract: "id:int:PK starts_on:date ends_on:date status:string",
      UsageRecord: "id:int:PK kind:string quantity:decimal recorded_at:datetime",
      Invoice: "id:int:PK period:string amount:decimal",
      CellTower: "id:int:PK site_code:string:UK latitude:float longitude:float",
      SupportTicket: "id:int:PK subject:string opened_at:datetime priority:string"
    },
    relations:
      "Subscriber 1n SimCard owns, Subscriber 0n Contract signs, Plan 0n Contract is_chosen_in, SimCard 0n UsageRecord generates, Subscriber 0n Invoice receives, CellTower 0n UsageRecord serves, Subscriber 0n SupportTicket opens",
    lifecycles: [
      "SimCard|Inventory|Inventory>Assigned:assign Assigned>Active:activate Active>Suspended:suspend Suspended>Active:resume Active>PortedOut:port_out Active>Terminated:terminate Suspended>Terminated:terminate|PortedOut Terminated",
      "SupportTicket|Open|Open>InProgress:pick_up InProgress>WaitingOnCustomer:ask_customer WaitingOnCustomer>InProgress:customer_replies InProgress>Resolved:resolve Resolved>Closed:confirm Resolved>Open:reopen|Closed"
    ],
    roles: "Subscriber, Retail Agent, Network Engineer, Billing Analyst",
    systems: "Home Location Register, Number Portability Database, Billing Engine, SMS Center",
    activities:
      "Verify customer identity, Choose plan, Activate SIM, Provision services, Rate usage, Generate invoice, Port number, Open ticket, Troubleshoot connection, Close ticket",
    checks: "KYC complete?, Number portable?, Data allowance exceeded?, Issue resolved?, Contract ending?"
  },
  legal: {
    title: "a law firm case-management system",
    entities: {
      Client: "id:int:PK name:string email:string:UK",
      Matter: "id:int:PK matter_no:string:UK title:string opened_on:date practice_area:string",
      Lawyer: "id:int:PK bar_no:string:UK full_name:string hourly_rate:decimal",
      TimeEntry: "id:int:PK worked_on:date hours:decimal description:text",
      Document: "id:int:PK title:string version:int privileged:boolean",
      Hearing: "id:int:PK scheduled_at:datetime court:string outcome:string",
      Invoice: "id:int:PK invoice_no:string:UK amount:decimal issued_on:date",
      Deadline: "id:int:PK due_on:date kind:string met:boolean"
    },
    relations:
      "Client 1n Matter engages, Lawyer 0n Matter leads, Lawyer 0n TimeEntry logs, Matter 0n TimeEntry accrues, Matter 0n Document holds, Matter 0n Hearing schedules, Matter 0n Invoice bills, Matter 0n Deadline tracks",
    lifecycles: [
      "Matter|Intake|Intake>ConflictCheck:register ConflictCheck>Open:clear ConflictCheck>Declined:conflict_found Open>Litigation:file_suit Open>Settled:settle Litigation>Settled:settle Litigation>Judgment:verdict Settled>Closed:close Judgment>Closed:close|Closed Declined",
      "Document|Drafting|Drafting>InReview:send_for_review InReview>Drafting:request_changes InReview>Approved:approve Approved>Filed:file Approved>Executed:sign|Filed Executed"
    ],
    roles: "Client, Partner, Associate, Paralegal",
    systems: "Court E-Filing, Document Management, Billing System, Conflict Database",
    activities:
      "Run conflict check, Open matter, Draft engagement letter, Research case law, Draft pleading, File with court, Prepare for hearing, Log billable time, Send invoice, Archive file",
    checks: "Conflict of interest?, Engagement signed?, Deadline within 7 days?, Settlement offered?, Invoice paid?"
  },
  automotive: {
    title: "a vehicle fleet and service center",
    entities: {
      Vehicle: "id:int:PK vin:string:UK make:string model:string mileage_km:int",
      Owner: "id:int:PK full_name:string phone:string",
      ServiceOrder: "id:int:PK opened_at:datetime complaint:text status:string",
      Mechanic: "id:int:PK full_name:string certification:string",
      Part: "id:int:PK part_no:string:UK name:string price:decimal stock:int",
      Inspection: "id:int:PK inspected_on:date passed:boolean notes:text",
      Booking: "id:int:PK slot:datetime kind:string",
      Warranty: "id:int:PK provider:string expires_on:date"
    },
    relations:
      "Owner 1n Vehicle owns, Vehicle 0n ServiceOrder gets, Mechanic 0n ServiceOrder works_on, ServiceOrder 0n Part uses, Vehicle 0n Inspection undergoes, Owner 0n Booking makes, Vehicle 01 Warranty is_covered_by",
    lifecycles: [
      "ServiceOrder|Booked|Booked>CheckedIn:drop_off CheckedIn>Diagnosing:assign_mechanic Diagnosing>AwaitingApproval:quote AwaitingApproval>InRepair:approve AwaitingApproval>Declined:decline InRepair>WaitingForParts:part_missing WaitingForParts>InRepair:part_arrives InRepair>Ready:finish Ready>Collected:pick_up|Collected Declined",
      "Vehicle|Available|Available>Rented:rent_out Rented>Available:return Available>InService:schedule_service InService>Available:service_done Rented>Damaged:report_damage Damaged>InService:repair Available>Sold:sell|Sold"
    ],
    roles: "Vehicle Owner, Service Advisor, Mechanic, Parts Clerk",
    systems: "Parts Supplier API, Manufacturer Recall Database, Payment Terminal, SMS Gateway",
    activities:
      "Book service slot, Check vehicle in, Run diagnostics, Prepare quote, Order parts, Replace parts, Road test vehicle, Wash vehicle, Take payment, Hand back keys",
    checks: "Covered by warranty?, Parts in stock?, Owner approves quote?, Road test passed?, Recall open?"
  },
  "food-delivery": {
    title: "a food delivery marketplace",
    entities: {
      Customer: "id:int:PK phone:string:UK full_name:string",
      Restaurant: "id:int:PK name:string cuisine:string rating:decimal",
      MenuItem: "id:int:PK name:string price:decimal vegetarian:boolean",
      Order: "id:int:PK placed_at:datetime total:decimal status:string",
      OrderItem: "id:int:PK quantity:int notes:string",
      Courier: "id:int:PK full_name:string vehicle:string",
      DeliveryZone: "id:int:PK name:string fee:decimal",
      Rating: "id:int:PK stars:int comment:text"
    },
    relations:
      "Customer 0n Order places, Restaurant 1n MenuItem offers, Restaurant 0n Order receives, Order 1n OrderItem contains, MenuItem 0n OrderItem is_ordered_as, Courier 0n Order delivers, DeliveryZone 0n Restaurant covers, Order 01 Rating gets",
    lifecycles: [
      "Order|Placed|Placed>Accepted:restaurant_accepts Placed>Rejected:restaurant_rejects Accepted>Preparing:start_cooking Preparing>ReadyForPickup:food_ready ReadyForPickup>PickedUp:courier_collects PickedUp>Delivered:hand_over Placed>Cancelled:customer_cancels|Delivered Rejected Cancelled",
      "Courier|OffShift|OffShift>Available:start_shift Available>Assigned:accept_job Assigned>Delivering:collect_order Delivering>Available:complete_drop Available>OffShift:end_shift|OffShift"
    ],
    roles: "Customer, Restaurant Staff, Courier, Dispatcher",
    systems: "Payment Gateway, Maps API, Push Notification Service, POS Integration",
    activities:
      "Browse restaurants, Build basket, Pay for order, Send order to kitchen, Prepare food, Assign courier, Collect order, Deliver order, Rate order, Refund customer",
    checks: "Restaurant open?, Within delivery zone?, Payment authorized?, Courier available?, Order late?"
  },
  library: {
    title: "a public library system",
    entities: {
      Member: "id:int:PK card_no:string:UK full_name:string joined_on:date",
      Book: "id:int:PK isbn:string:UK title:string published_year:int",
      Author: "id:int:PK full_name:string nationality:string",
      Copy: "id:int:PK barcode:string:UK shelf:string condition:string",
      Loan: "id:int:PK borrowed_on:date due_on:date returned_on:date",
      Reservation: "id:int:PK reserved_at:datetime position:int",
      Fine: "id:int:PK amount:decimal paid:boolean",
      Branch: "id:int:PK name:string address:string"
    },
    relations:
      "Author 0n Book writes, Book 1n Copy has, Copy 0n Loan is_lent_in, Member 0n Loan borrows, Member 0n Reservation places, Book 0n Reservation is_reserved_in, Loan 01 Fine incurs, Branch 1n Copy holds",
    lifecycles: [
      "Copy|Available|Available>OnLoan:check_out OnLoan>Available:check_in OnLoan>Overdue:pass_due_date Overdue>Available:check_in Available>OnHold:reserve OnHold>OnLoan:collect Overdue>Lost:declare_lost Available>Withdrawn:weed|Lost Withdrawn",
      "Reservation|Queued|Queued>ReadyForPickup:copy_returned ReadyForPickup>Fulfilled:collect ReadyForPickup>Expired:not_collected Queued>Cancelled:cancel|Fulfilled Expired Cancelled"
    ],
    roles: "Member, Librarian, Cataloguer",
    systems: "Catalogue Search, Email Service, Payment Kiosk, Interlibrary Loan Network",
    activities:
      "Search catalogue, Place hold, Check out copy, Renew loan, Send due reminder, Check in copy, Charge fine, Transfer copy, Catalogue new book, Weed damaged copy",
    checks: "Copy available?, Member has unpaid fines?, Loan overdue?, Renewal limit reached?, Hold queue empty?"
  },
  fitness: {
    title: "a gym and fitness-tracking app",
    entities: {
      Member: "id:int:PK email:string:UK full_name:string birth_date:date",
      Membership: "id:int:PK plan:string starts_on:date ends_on:date",
      Trainer: "id:int:PK full_name:string specialty:string",
      FitnessClass: "id:int:PK name:string starts_at:datetime capacity:int",
      Booking: "id:int:PK booked_at:datetime attended:boolean",
      Workout: "id:int:PK performed_on:date duration_min:int calories:int",
      Exercise: "id:int:PK name:string muscle_group:string",
      Gym: "id:int:PK name:string city:string"
    },
    relations:
      "Member 1n Membership holds, Trainer 0n FitnessClass leads, FitnessClass 0n Booking receives, Member 0n Booking makes, Member 0n Workout logs, Workout 0n Exercise includes, Gym 0n FitnessClass hosts",
    lifecycles: [
      "Membership|Pending|Pending>Active:pay_joining_fee Active>Frozen:freeze Frozen>Active:unfreeze Active>Expired:reach_end_date Active>Cancelled:cancel Expired>Active:renew|Expired Cancelled",
      "Booking|Requested|Requested>Confirmed:seat_free Requested>Waitlisted:class_full Waitlisted>Confirmed:spot_opens Confirmed>Attended:check_in Confirmed>Cancelled:cancel Confirmed>Missed:no_show|Attended Cancelled Missed"
    ],
    roles: "Member, Personal Trainer, Front Desk Staff",
    systems: "Wearable Sync API, Payment Provider, Door Access Control, Push Notification Service",
    activities:
      "Sign up online, Choose membership, Book class, Scan membership card, Log workout, Sync wearable data, Plan training program, Charge monthly fee, Send class reminder, Freeze membership",
    checks: "Membership active?, Class full?, Payment failed?, Goal reached?, Injury reported?"
  },
  events: {
    title: "an event ticketing platform",
    entities: {
      Event: "id:int:PK name:string starts_at:datetime venue_name:string",
      Venue: "id:int:PK name:string city:string capacity:int",
      Ticket: "id:int:PK code:string:UK price:decimal seat:string",
      Order: "id:int:PK placed_at:datetime total:decimal",
      Attendee: "id:int:PK full_name:string email:string:UK",
      Organizer: "id:int:PK name:string payout_account:string",
      TicketType: "id:int:PK name:string price:decimal quota:int",
      CheckIn: "id:int:PK scanned_at:datetime gate:string"
    },
    relations:
      "Organizer 0n Event runs, Venue 0n Event hosts, Event 1n TicketType offers, TicketType 0n Ticket is_sold_as, Order 1n Ticket includes, Attendee 0n Order places, Ticket 01 CheckIn is_scanned_at",
    lifecycles: [
      "Event|Draft|Draft>OnSale:publish OnSale>SoldOut:last_ticket_sold SoldOut>OnSale:release_tickets OnSale>Live:doors_open SoldOut>Live:doors_open Live>Ended:finish OnSale>Cancelled:cancel|Ended Cancelled",
      "Ticket|Reserved|Reserved>Purchased:pay Reserved>Released:hold_expires Purchased>Transferred:transfer Transferred>Purchased:accept_transfer Purchased>Scanned:enter Purchased>Refunded:refund|Scanned Refunded Released"
    ],
    roles: "Attendee, Organizer, Gate Staff",
    systems: "Payment Gateway, Email Service, Seat Map Service, Fraud Check",
    activities:
      "Create event, Configure ticket types, Publish event, Reserve seats, Pay for tickets, Email e-tickets, Scan ticket at gate, Transfer ticket, Refund ticket, Pay out organizer",
    checks: "Seats available?, Payment approved?, Ticket valid?, Event cancelled?, Refund window open?"
  },
  nonprofit: {
    title: "a charity donor-management system",
    entities: {
      Donor: "id:int:PK full_name:string email:string:UK gift_aid:boolean",
      Donation: "id:int:PK amount:decimal received_at:datetime channel:string",
      Campaign: "id:int:PK name:string goal:decimal starts_on:date ends_on:date",
      Volunteer: "id:int:PK full_name:string skills:string",
      Shift: "id:int:PK starts_at:datetime role:string",
      Grant: "id:int:PK funder:string amount:decimal awarded_on:date",
      Project: "id:int:PK name:string budget:decimal country:string",
      Pledge: "id:int:PK monthly_amount:decimal starts_on:date"
    },
    relations:
      "Donor 0n Donation gives, Campaign 0n Donation raises, Donor 0n Pledge makes, Volunteer 0n Shift works, Project 0n Shift needs, Project 0n Grant is_funded_by, Campaign 0n Project supports",
    lifecycles: [
      "Pledge|Pending|Pending>Active:first_payment Active>Paused:pause Paused>Active:resume Active>Lapsed:missed_payments Lapsed>Active:reactivate Active>Cancelled:cancel|Cancelled Lapsed",
      "Grant|Drafting|Drafting>Submitted:submit Submitted>Shortlisted:shortlist Submitted>Declined:decline Shortlisted>Awarded:award Shortlisted>Declined:decline Awarded>Reporting:spend Reporting>Closed:final_report|Closed Declined"
    ],
    roles: "Donor, Fundraiser, Volunteer Coordinator, Finance Officer",
    systems: "Payment Processor, Gift Aid Service, Email Marketing Tool, CRM",
    activities:
      "Launch campaign, Collect donation, Claim gift aid, Send thank-you letter, Recruit volunteer, Schedule shift, Apply for grant, Report to funder, Allocate funds, Publish impact report",
    checks: "Donation above 1000?, Gift aid eligible?, Goal reached?, Volunteer vetted?, Report due?"
  },
  construction: {
    title: "a construction project-management system",
    entities: {
      Project: "id:int:PK name:string budget:decimal starts_on:date",
      Site: "id:int:PK address:string area_m2:float",
      Contractor: "id:int:PK company:string license_no:string:UK",
      Task: "id:int:PK name:string planned_start:date planned_end:date progress_pct:int",
      Material: "id:int:PK name:string unit:string unit_cost:decimal",
      Delivery: "id:int:PK delivered_on:date quantity:decimal",
      Inspection: "id:int:PK inspected_on:date result:string",
      ChangeOrder: "id:int:PK reason:text cost_delta:decimal approved:boolean"
    },
    relations:
      "Project 1n Site covers, Project 1n Task plans, Contractor 0n Task performs, Material 0n Delivery is_delivered_in, Site 0n Delivery receives, Site 0n Inspection undergoes, Project 0n ChangeOrder accumulates",
    lifecycles: [
      "Task|NotStarted|NotStarted>InProgress:start InProgress>Blocked:issue_found Blocked>InProgress:issue_resolved InProgress>AwaitingInspection:finish_work AwaitingInspection>Done:pass AwaitingInspection>InProgress:fail|Done",
      "ChangeOrder|Raised|Raised>Priced:estimate Priced>Approved:client_approves Priced>Rejected:client_rejects Approved>Implemented:complete_work|Implemented Rejected"
    ],
    roles: "Project Manager, Site Engineer, Subcontractor, Client",
    systems: "BIM Server, Supplier Portal, Accounting System, Permit Office",
    activities:
      "Survey site, Obtain building permit, Order materials, Pour foundation, Erect frame, Install utilities, Request inspection, Fix snag list, Approve invoice, Hand over building",
    checks: "Permit granted?, Materials delivered?, Inspection passed?, Over budget?, Weather suitable?"
  },
  pharmacy: {
    title: "a pharmacy chain",
    entities: {
      Patient: "id:int:PK full_name:string birth_date:date phone:string",
      Prescription: "id:int:PK rx_number:string:UK issued_on:date prescriber:string",
      Drug: "id:int:PK ndc_code:string:UK name:string strength:string",
      StockItem: "id:int:PK quantity:int expires_on:date lot_no:string",
      Store: "id:int:PK store_no:string:UK city:string",
      Refill: "id:int:PK filled_on:date quantity:int",
      Pharmacist: "id:int:PK license_no:string:UK full_name:string",
      InsuranceClaim: "id:int:PK submitted_at:datetime amount:decimal status:string"
    },
    relations:
      "Patient 0n Prescription holds, Drug 0n Prescription is_prescribed_in, Store 1n StockItem keeps, Drug 0n StockItem is_stocked_as, Prescription 0n Refill gets, Pharmacist 0n Refill verifies, Refill 01 InsuranceClaim is_billed_by",
    lifecycles: [
      "Prescription|Received|Received>Verifying:enter Verifying>OnHold:need_prescriber_call OnHold>Verifying:prescriber_confirms Verifying>Filling:approve Filling>ReadyForPickup:label ReadyForPickup>PickedUp:collect ReadyForPickup>ReturnedToStock:not_collected|PickedUp ReturnedToStock",
      "InsuranceClaim|Submitted|Submitted>Adjudicating:accept Adjudicating>Paid:approve Adjudicating>Rejected:reject Rejected>Submitted:resubmit|Paid"
    ],
    roles: "Patient, Pharmacist, Pharmacy Technician, Prescriber",
    systems: "E-Prescribing Network, Insurance Switch, Drug Interaction Database, Wholesaler API",
    activities:
      "Receive e-prescription, Check drug interactions, Verify insurance, Count tablets, Label bottle, Counsel patient, Reorder stock, Submit claim, Send pickup text, Dispose expired stock",
    checks: "Interaction found?, Drug in stock?, Claim approved?, Controlled substance?, Prescription expired?"
  }
}

/**
 * A connected part of a domain's model: starting from a random relation, relations are followed
 * until `size` entities are in (fewer when the model runs out). With `extraRate`, each other
 * relation among the chosen entities is added with that probability (cycles, parallel paths).
 */
export const connectedSlice = (
  rng: { readonly pick: <T>(items: ReadonlyArray<T>) => T; readonly chance: (p: number) => boolean },
  d: Domain,
  size: number,
  extraRate = 0
): { readonly entities: DomainEntity[]; readonly relations: DomainRelation[] } => {
  const chosen = new Set<string>([rng.pick(d.relations).from])
  const relations: DomainRelation[] = []
  while (chosen.size < size) {
    const frontier = d.relations.filter((r) => chosen.has(r.from) !== chosen.has(r.to))
    if (frontier.length === 0) break
    const next = rng.pick(frontier)
    chosen.add(next.from)
    chosen.add(next.to)
    relations.push(next)
  }
  if (extraRate > 0) for (const r of d.relations) if (!relations.includes(r) && chosen.has(r.from) && chosen.has(r.to) && rng.chance(extraRate)) relations.push(r)
  return { entities: d.entities.filter((e) => chosen.has(e.name)), relations }
}

/** Every domain, in a fixed order. */
export const DOMAINS: ReadonlyArray<Domain> = Object.entries(SOURCES).map(([id, source]) => build(id, source))

/** The domain ids, in the same order. */
export const DOMAIN_IDS: ReadonlyArray<string> = DOMAINS.map((domain) => domain.id)

const BY_ID = new Map(DOMAINS.map((domain) => [domain.id, domain]))

/** A domain by id (throws on an unknown id: a programming error). */
export const domain = (id: string): Domain => {
  const found = BY_ID.get(id)
  if (!found) throw new RangeError(`unknown domain "${id}"`)
  return found
}
