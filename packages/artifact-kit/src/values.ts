/**
 * Believable values for the domains' attributes: people, places, the words a trade uses for its
 * categories, names of things, natural ranges of numbers. Shared by every dataset generator that
 * writes example data, so an order's status or a drug's strength reads the same everywhere.
 */
import type { DomainAttribute, DomainEntity } from "./domains.ts"
import { titleCase, words } from "./names.ts"
import type { Rng } from "./rng.ts"

const FIRST = ["Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Yara", "Zoe", "Marco", "Leila", "Tomás", "Aiko", "Jamal"]
const LAST = ["Silva", "Okafor", "Novak", "Patel", "Moreau", "Kim", "Schmidt", "Haddad", "Johansson", "Reyes", "Tanaka", "Brennan", "Costa", "Ivanova", "Mensah", "Larsen", "Nguyen", "Fischer", "Alvarez", "Osei", "Rossi", "Walsh", "Dubois", "Kowalski", "Sato", "Byrne", "Mäkelä", "Chen"]
const CITIES = ["Lisbon", "Leeds", "Austin", "Lyon", "Porto", "Denver", "Ghent", "Malmö", "Tampere", "Bristol", "Rotterdam", "Calgary", "Adelaide", "Osaka", "Accra", "Valencia", "Graz", "Cork", "Kraków", "Halifax", "Bergen", "Dundee", "Tucson", "Aarhus"]
const STREETS = ["Harbour Road", "Elm Street", "Station Lane", "King's Way", "Mill Street", "Park Avenue", "Quay Street", "Rue Verte", "Oak Crescent", "Bridge Row"]
/** "Ana Silva" */
export const personName = (rng: Rng): string => `${rng.pick(FIRST)} ${rng.pick(LAST)}`
export const city = (rng: Rng): string => rng.pick(CITIES)


const ascii = (text: string) => text.toLowerCase().normalize("NFD").replace(/[^a-z]/g, "")

/** Values of categorical attributes, by attribute name. */
const CATEGORIES: Readonly<Record<string, ReadonlyArray<string>>> = {
  method: ["Card", "Bank transfer", "PayPal", "Apple Pay", "Invoice"],
  carrier: ["DHL", "UPS", "FedEx", "PostNL", "Royal Mail"],
  blood_type: ["A+", "A−", "B+", "O+", "O−", "AB+"],
  specialty: ["Cardiology", "Pediatrics", "Dermatology", "Orthopedics", "Neurology", "Strength", "Yoga", "Mobility"],
  reason: ["Annual check-up", "Follow-up visit", "Back pain", "Vaccination", "Lab results review"],
  dosage: ["500 mg twice daily", "10 mg once daily", "250 mg every 8 hours", "5 ml at night"],
  form: ["Tablet", "Capsule", "Syrup", "Injection", "Cream"],
  diagnosis: ["Pneumonia", "Fractured wrist", "Appendicitis", "Dehydration", "Migraine"],
  unit: ["°C", "kPa", "mg/dL", "mmol/L", "kg", "m", "%"],
  provider: ["Allianz", "AXA", "Bupa", "Aetna", "Zurich"],
  department: ["Engineering", "Finance", "Sales", "Operations", "Marketing", "Mathematics", "History"],
  grade: ["A", "B+", "B", "C", "G7", "G8", "Senior"],
  risk_rating: ["Low", "Medium", "High"],
  type: ["Checking", "Savings", "Business", "Joint"],
  currency: ["EUR", "USD", "GBP", "CHF"],
  description: ["Grocery store", "Salary", "Rent", "Electricity bill", "Transfer to savings"],
  period: ["2025-Q1", "2025-Q2", "March 2025", "April 2025", "H1 2025"],
  visibility: ["Public", "Friends", "Private"],
  privacy: ["Public", "Private", "Invite only"],
  kind: ["Temperature", "Humidity", "Pressure", "Annual leave", "Sick leave", "Like", "Love", "Celebrate"],
  mime_type: ["image/jpeg", "image/png", "video/mp4", "application/pdf"],
  model: ["TX-200", "Boeing 737-800", "Airbus A320neo", "Model 3", "Transit Custom", "Sensor Hub v2"],
  firmware: ["v2.4.1", "v2.5.0", "v3.0.2", "v1.9.8"],
  version: ["1.4.2", "2.0.0", "2.1.3", "3.0.0-rc1"],
  severity: ["Critical", "Major", "Minor", "Info"],
  message: ["Temperature above threshold", "Device offline", "Battery low", "Firmware update failed"],
  expression: ["temperature > 80", "humidity < 20", "battery < 15", "offline_minutes > 10"],
  job_title: ["Software Engineer", "Accountant", "Product Manager", "Sales Lead", "HR Partner"],
  salary_band: ["B3", "B4", "C1", "C2"],
  source: ["LinkedIn", "Referral", "Careers page", "Job fair"],
  outcome: ["Passed", "Rejected", "On hold", "Adjourned", "Ruling issued"],
  loyalty_tier: ["Silver", "Gold", "Platinum"],
  cabin: ["Economy", "Premium economy", "Business"],
  fare_class: ["Y", "M", "J", "Basic", "Flex"],
  product: ["Home Plus", "Auto Basic", "Travel Cover", "Deep tissue massage", "Physiotherapy"],
  region: ["North", "South", "EMEA", "APAC", "eu-west-1", "us-east-1"],
  make: ["Toyota", "Ford", "Volkswagen", "Renault", "Hyundai"],
  revision: ["A", "B", "C", "D"],
  line: ["Line 1", "Line 2", "Assembly", "Packaging"],
  shift: ["Early", "Late", "Night"],
  result: ["Pass", "Fail", "Rework"],
  plan: ["Basic", "Standard", "Premium", "Family", "Unlimited"],
  maturity_level: ["All ages", "7+", "13+", "16+"],
  genre: ["Drama", "Comedy", "Documentary", "Thriller", "Animation"],
  rating: ["PG", "12A", "TV-14", "R"],
  device: ["Smart TV", "iPhone", "Android tablet", "Web browser"],
  gamertag: ["NightOwl", "PixelFox", "Ironclad", "QuietStorm", "Lumen99"],
  mode: ["Ranked", "Casual", "Co-op", "Battle royale"],
  map: ["Harbor", "Citadel", "Dunes", "Frostpeak"],
  rarity: ["Common", "Rare", "Epic", "Legendary"],
  office: ["Town Hall", "North District Office", "Permits Desk"],
  zoning: ["Residential", "Commercial", "Agricultural", "Mixed use"],
  soil_type: ["Loam", "Clay", "Sandy", "Silt"],
  variety: ["Winter wheat", "Maris Piper", "Sweetcorn F1", "Rapeseed"],
  tariff: ["Standard variable", "Fixed 12 months", "Economy 7", "Green saver"],
  cause: ["Storm damage", "Equipment failure", "Planned works", "Overload"],
  phase: ["Single", "Three"],
  kyc_status: ["Verified", "Pending", "Rejected"],
  subject: ["No signal at home", "Bill higher than expected", "SIM not activating", "Roaming not working"],
  priority: ["High", "Medium", "Low", "Urgent"],
  practice_area: ["Employment", "Corporate", "Family", "Real estate", "Litigation"],
  court: ["High Court", "County Court", "Court of Appeal", "Tribunal"],
  certification: ["ASE Master", "EV Level 3", "Diesel specialist"],
  cuisine: ["Italian", "Thai", "Mexican", "Japanese", "Lebanese", "Indian"],
  notes: ["No onions", "Extra spicy", "Leave at the door", "Gluten free"],
  vehicle: ["Bicycle", "Scooter", "Car", "E-bike"],
  shelf: ["A3", "B12", "C7", "Fiction 4"],
  condition: ["Good", "Fair", "Worn", "New"],
  muscle_group: ["Legs", "Back", "Chest", "Core", "Shoulders"],
  venue_name: ["Riverside Arena", "The Old Mill", "Central Hall", "Harbour Stage"],
  seat: ["A12", "B7", "Row F 21", "Balcony 3"],
  gate: ["Gate A", "Gate B", "North entrance", "VIP entrance"],
  channel: ["Online", "Direct debit", "Event", "Cheque"],
  skills: ["First aid", "Driving", "Fundraising", "Translation"],
  role: ["Steward", "Coordinator", "Driver", "Kitchen helper"],
  funder: ["City Council", "National Lottery", "Green Futures Fund"],
  company: ["Stone & Sons", "BrightBuild Ltd", "Apex Electrical", "Northside Plumbing"],
  prescriber: ["Dr. Ana Costa", "Dr. Liam Walsh", "Dr. Aiko Sato"],
  strength: ["500 mg", "20 mg", "5 mg/ml", "100 mcg"],
  display_name: ["Ana from Porto", "Dev K.", "maya.builds", "Tomás"],
  handle: ["@ana_codes", "@devk", "@mayab", "@tomas.r"],
  tax_id: ["PT123456789", "DE811907980", "GB123456789"],
  slug: ["kitchen", "garden-tools", "outdoor", "new-arrivals"],
  location: ["Warehouse 3, Bay 2", "Roof, north side", "Plant room", "Lobby"],
  signed_by: ["J. Reyes", "M. Novak", "K. Osei", "Reception"],
  address: ["12 Harbour Road", "48 Mill Street", "3 Park Avenue", "221 Station Lane"],
  building: ["Main Building", "Science Block", "Library Wing"],
  payout_account: ["GB29 NWBK 6016 1331 9268 19", "PT50 0002 0123 1234 5678 9015 4"]
}

/** Names of things, by entity. */
const NAMES: Readonly<Record<string, ReadonlyArray<string>>> = {
  Product: ["Linen shirt", "Espresso grinder", "Trail backpack", "Desk lamp", "Ceramic mug", "Rain jacket"],
  Category: ["Kitchen", "Outdoor", "Home office", "Clothing", "Garden"],
  Medication: ["Amoxicillin", "Ibuprofen", "Metformin", "Atorvastatin", "Salbutamol"],
  Drug: ["Paracetamol", "Omeprazole", "Sertraline", "Lisinopril"],
  Ward: ["Cardiology Ward", "Ward 4B", "Maternity", "Intensive Care"],
  Group: ["Weekend Runners", "Book Club", "Local Makers", "Photography"],
  Site: ["Lisbon Plant", "North Depot", "Harbour Site", "Riverside Campus"],
  Department: ["Engineering", "Finance", "People", "Customer Success"],
  RoomType: ["Double", "Twin", "Suite", "Family room"],
  Hotel: ["Harbour View Hotel", "The Old Mill Inn", "Parkside Suites"],
  Amenity: ["Breakfast", "Parking", "Spa access", "Late checkout"],
  Airport: ["Lisbon Humberto Delgado", "Leeds Bradford", "Denver International"],
  Material: ["Steel rebar", "Concrete C30", "Plasterboard", "Copper pipe"],
  Team: ["Red Foxes", "Night Owls", "Iron Wolves", "Blue Comets"],
  Item: ["Ember Blade", "Frost Shield", "Healing Potion", "Storm Bow"],
  Farm: ["Green Acres", "Hillside Farm", "Riverbend Farm"],
  Crop: ["Wheat", "Barley", "Potatoes", "Maize"],
  Equipment: ["Tractor 6R", "Seed drill", "Sprayer 24m", "Combine harvester"],
  WeatherStation: ["North Field Station", "Hilltop Station"],
  Tariff: ["Standard variable", "Fixed 12", "Green saver"],
  Plan: ["Unlimited 5G", "Data 20 GB", "Family Share", "SIM only 10 GB"],
  Part: ["Brake pads", "Oil filter", "Timing belt", "Spark plug"],
  Restaurant: ["Casa Lisboa", "Thai Orchid", "Burger Yard", "Sakura Sushi", "Spice Route"],
  MenuItem: ["Margherita pizza", "Pad thai", "Chicken burrito", "Falafel wrap", "Miso ramen"],
  DeliveryZone: ["City centre", "Riverside", "North suburbs", "Old town"],
  Branch: ["Central Library", "Eastside Branch", "Harbour Branch"],
  FitnessClass: ["Spin", "Yoga flow", "HIIT", "Pilates"],
  Exercise: ["Squat", "Deadlift", "Bench press", "Plank", "Lunge"],
  Gym: ["Downtown Gym", "Riverside Fitness", "Northside Club"],
  Event: ["Summer Jazz Night", "Tech Meetup", "Food Festival", "Indie Showcase"],
  Venue: ["Riverside Arena", "The Old Mill", "Central Hall"],
  TicketType: ["General admission", "VIP", "Early bird", "Student"],
  Campaign: ["Winter Appeal", "Clean Rivers", "School Meals 2025"],
  Project: ["Riverside Offices", "School extension", "Bridge repair", "Community Garden"],
  Position: ["Backend Engineer", "Payroll Specialist", "Recruiter", "Data Analyst"],
  Course: ["Intro to Statistics", "Organic Chemistry", "Modern History", "Data Structures"],
  Assignment: ["Lab report 2", "Essay: the Industrial Revolution", "Problem set 5"],
  Semester: ["Autumn 2025", "Spring 2026"],
  Title: ["The Quiet Harbour", "Northern Lights", "City of Glass", "Deep Waters"],
  Achievement: ["First Blood", "Marathon", "Collector", "Untouchable"],
  Listing: ["Bright 2-bed flat near the park", "Studio in the old town", "Family house with garden"],
  Document: ["Engagement letter", "Witness statement", "Settlement draft"],
  Book: ["The Silent Sea", "A Map of Days", "Paper Towns", "The Long Way Home"],
  Matter: ["Lease dispute", "Share purchase", "Unfair dismissal claim"],
  Profile: ["Kids", "Main", "Guest"],
  Beneficiary: ["Landlord", "Ana Silva", "Water company"]
}

const PLACE_WORDS = ["Harbour", "Maple", "North", "Riverside", "Central", "Oak", "Summit", "Old Town"]

/** Numeric attributes with a natural range, by name. */
const RANGES: ReadonlyArray<readonly [RegExp, number, number]> = [
  [/rating|stars/, 1, 5],
  [/score|progress_pct|moisture_pct/, 40, 100],
  [/year/, 1990, 2025],
  [/credits|refills|adults|bedrooms|season|slots/, 1, 6],
  [/floor/, 0, 12],
  [/credit_score/, 520, 820],
  [/term_months/, 12, 360],
  [/latitude/, 38, 60],
  [/longitude/, -9, 25],
  [/quantity|qty|defects|level/, 1, 20],
  [/duration_min/, 20, 90],
  [/calories/, 150, 900],
  [/max_points|points/, 10, 100],
  [/capacity|seats|quota|stock|occupancy/, 4, 400],
  [/mileage_km/, 5000, 180000],
  [/size_bytes/, 20000, 9000000],
  [/hours/, 1, 40],
  [/xp/, 100, 99000],
  [/voltage_kv/, 11, 400],
  [/data_gb/, 5, 100],
  [/kwh/, 120, 900]
]


/** The natural range of a numeric attribute, read from its name (`rating` 1–5, `year` 1990–2025 …). */
export const rangeFor = (name: string): readonly [number, number] | undefined => {
  const found = RANGES.find(([pattern]) => pattern.test(name.toLowerCase()))
  return found ? [found[1], found[2]] : undefined
}

const FREE_TEXT = ["Quarterly review", "Great service, would book again.", "Needs a second look before Friday.", "Welcome pack and onboarding", "Follow-up requested by phone.", "Ready for sign-off"]
const NOTES = ["Follow-up requested by phone.", "Looks good, ready to go.", "Needs a second review.", "Awaiting documents.", "Priority case.", "Updated after the last call."]

/**
 * A text value for an attribute, read from its name — a person, an email, a phone number, a place,
 * one of the trade's categories, a name of the entity's kind — or, for any other string, a code
 * (`REF-40211`) and for long text a note. Undefined for attributes that hold no text (numbers,
 * dates, flags) and whose name says nothing.
 */
export const textFor = (rng: Rng, attribute: DomainAttribute, entity: DomainEntity): string | undefined => {
  const name = attribute.name.toLowerCase()
  if (name.includes("email")) return `${ascii(rng.pick(FIRST))}.${ascii(rng.pick(LAST))}@example.${rng.pick(["com", "org", "net"])}`
  if (name.includes("full_name") || name === "signed_by") return personName(rng)
  if (name === "prescriber") return `Dr. ${personName(rng)}`
  if ((name === "name" || name === "title") && NAMES[entity.name]) return rng.pick(NAMES[entity.name])
  if (name === "name") return `${rng.pick(PLACE_WORDS)} ${titleCase(entity.name)}`
  if (name.includes("phone") || name === "msisdn") return `+${rng.int(1, 49)} ${rng.int(100, 999)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`
  if (name === "city" || name === "origin" || name === "destination") return city(rng)
  if (name === "street") return `${rng.int(1, 220)} ${rng.pick(STREETS)}`
  if (name === "country" || name === "nationality") return rng.pick(["Portugal", "Canada", "Ghana", "Japan", "Germany", "Ireland", "Chile", "Norway"])
  if (name.includes("url")) return `https://example.com/${(words(entity.name)[0] ?? "file").toLowerCase()}/${rng.int(100, 999)}`
  if (CATEGORIES[name]) return rng.pick(CATEGORIES[name])
  if (["title", "summary", "body", "bio", "feedback", "comment", "complaint"].includes(name)) return rng.pick(FREE_TEXT)
  if (attribute.type === "text") return rng.pick(NOTES)
  if (attribute.type === "string") return `${(words(name)[0] ?? "ref").slice(0, 3).toUpperCase()}-${rng.int(1000, 99999)}`
  return undefined
}
