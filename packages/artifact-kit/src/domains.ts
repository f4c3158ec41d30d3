/**
 * The domains every dataset generator draws from: one module per domain in `./domains/`, each a
 * small model of one business written as data (see `./domains/model.ts` for what a domain holds
 * and the notation). Adding a domain is adding a module and listing it here.
 */
import type { Domain, DomainEntity, DomainRelation } from "./domains/model.ts"
import eCommerce from "./domains/e-commerce.ts"
import healthcare from "./domains/healthcare.ts"
import education from "./domains/education.ts"
import finance from "./domains/finance.ts"
import social from "./domains/social.ts"
import iot from "./domains/iot.ts"
import hr from "./domains/hr.ts"
import logistics from "./domains/logistics.ts"
import hospitality from "./domains/hospitality.ts"
import travel from "./domains/travel.ts"
import realEstate from "./domains/real-estate.ts"
import insurance from "./domains/insurance.ts"
import manufacturing from "./domains/manufacturing.ts"
import media from "./domains/media.ts"
import gaming from "./domains/gaming.ts"
import government from "./domains/government.ts"
import agriculture from "./domains/agriculture.ts"
import energy from "./domains/energy.ts"
import telecom from "./domains/telecom.ts"
import legal from "./domains/legal.ts"
import automotive from "./domains/automotive.ts"
import foodDelivery from "./domains/food-delivery.ts"
import library from "./domains/library.ts"
import fitness from "./domains/fitness.ts"
import events from "./domains/events.ts"
import nonprofit from "./domains/nonprofit.ts"
import construction from "./domains/construction.ts"
import pharmacy from "./domains/pharmacy.ts"

export * from "./domains/model.ts"

/** Every domain, in a fixed order. */
export const DOMAINS: ReadonlyArray<Domain> = [
  eCommerce,
  healthcare,
  education,
  finance,
  social,
  iot,
  hr,
  logistics,
  hospitality,
  travel,
  realEstate,
  insurance,
  manufacturing,
  media,
  gaming,
  government,
  agriculture,
  energy,
  telecom,
  legal,
  automotive,
  foodDelivery,
  library,
  fitness,
  events,
  nonprofit,
  construction,
  pharmacy
]

/** The domain ids, in the same order. */
export const DOMAIN_IDS: ReadonlyArray<string> = DOMAINS.map((d) => d.id)

const BY_ID = new Map(DOMAINS.map((d) => [d.id, d]))

/** A domain by id (throws on an unknown id: a programming error). */
export const domain = (id: string): Domain => {
  const found = BY_ID.get(id)
  if (!found) throw new RangeError(`unknown domain "${id}"`)
  return found
}

/**
 * A connected part of a domain's model: starting from a random relation, relations are followed
 * until `size` entities are in (fewer when the model runs out); then every other relation among
 * the chosen entities is added too, so the part says all the model says about them (cycles,
 * parallel paths and all).
 */
export const connectedSlice = (
  rng: { readonly pick: <T>(items: ReadonlyArray<T>) => T },
  d: Domain,
  size: number
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
  for (const r of d.relations) if (!relations.includes(r) && chosen.has(r.from) && chosen.has(r.to)) relations.push(r)
  return { entities: d.entities.filter((e) => chosen.has(e.name)), relations }
}
