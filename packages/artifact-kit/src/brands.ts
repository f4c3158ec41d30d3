/**
 * Product names for the domains: a brand word and a noun of the domain's trade ("Harbor Freight",
 * "Nova Care"), so every artifact speaks of the same kind of companies.
 */
import type { Rng } from "./rng.ts"

const BRAND_PREFIX = ["North", "Blue", "Bright", "Clear", "Harbor", "Summit", "Maple", "River", "Cedar", "Atlas", "Nova", "Pine", "Silver", "Oak", "Lumen", "Kite", "Beacon", "Tandem", "Orbit", "Willow", "Copper", "Meadow", "Granite", "Swift"]

/** What each domain's products are called after the brand word. */
const BRAND_NOUN: Readonly<Record<string, ReadonlyArray<string>>> = {
  "e-commerce": ["Market", "Shop", "Goods", "Store"],
  healthcare: ["Health", "Care", "Clinic"],
  education: ["Campus", "Learn", "Academy"],
  finance: ["Bank", "Savings", "Finance"],
  social: ["Circle", "Social", "Commons"],
  iot: ["Sense", "Telemetry", "Devices"],
  hr: ["People", "Workforce", "HR"],
  logistics: ["Freight", "Cargo", "Logistics"],
  hospitality: ["Stays", "Hotels", "Inn"],
  travel: ["Air", "Airways", "Flights"],
  "real-estate": ["Homes", "Lettings", "Properties"],
  insurance: ["Cover", "Insurance", "Assurance"],
  manufacturing: ["Works", "Manufacturing", "Industries"],
  media: ["Stream", "Play", "TV"],
  gaming: ["Arena", "Games", "Quest"],
  government: ["City Services", "Council", "Civic"],
  agriculture: ["Farms", "Fields", "Agri"],
  energy: ["Power", "Energy", "Utilities"],
  telecom: ["Mobile", "Telecom", "Connect"],
  legal: ["Law", "Legal", "Counsel"],
  automotive: ["Motors", "Auto", "Garage"],
  "food-delivery": ["Eats", "Delivery", "Kitchen"],
  library: ["Library", "Books", "Reads"],
  fitness: ["Fit", "Gym", "Training"],
  events: ["Tickets", "Events", "Live"],
  nonprofit: ["Giving", "Foundation", "Trust"],
  construction: ["Build", "Construction", "Sites"],
  pharmacy: ["Pharmacy", "Chemists", "Rx"]
}

/** A brand for a product of the domain. */
export const brandOf = (rng: Rng, domainId: string): string => `${rng.pick(BRAND_PREFIX)} ${rng.pick(BRAND_NOUN[domainId] ?? ["Works"])}`
