/** Believable content for the pages: brands, people, places, and values for a domain's attributes. */
import { pluralPhrase, rangeFor, sentenceCase, textFor, titleCase, words, type Domain, type DomainAttribute, type DomainEntity, type Lifecycle, type Rng } from "@lfai/artifact-kit"

/** `LeaveRequest` → `Leave requests`; `Address` → `Addresses`. */
export const pluralOf = (name: string): string => sentenceCase(pluralPhrase(name))

/** A column or field label for an attribute: `weight_kg` → `Weight (kg)`, `placed_at` → `Placed at`. */
export const labelOf = (attribute: string): string => {
  const units: Readonly<Record<string, string>> = { kg: "kg", km: "km", m3: "m³", cm: "cm", bytes: "bytes", kwh: "kWh" }
  const parts = words(attribute).map((w) => w.toLowerCase())
  const last = parts[parts.length - 1]
  if (parts.length > 1 && units[last]) return `${sentenceCase(parts.slice(0, -1).join(" "))} (${units[last]})`
  if (parts.length > 1 && last === "id") return `${sentenceCase(parts.slice(0, -1).join(" "))} ID`
  if (parts.length > 1 && last === "no") return `${sentenceCase(parts.slice(0, -1).join(" "))} number`
  if (parts[0] === "is" || parts[0] === "has") return sentenceCase(parts.slice(1).join(" ")) + "?"
  return sentenceCase(parts.join(" ")).replace(/\bUrl\b/i, "URL").replace(/\bIban\b/i, "IBAN").replace(/\bMrn\b/i, "MRN").replace(/\bVat\b/i, "VAT").replace(/\bSku\b/i, "SKU").replace(/\bIsbn\b/i, "ISBN").replace(/^Xp$/, "XP").replace(/\bIp\b/, "IP").replace(/\bKyc\b/, "KYC").replace(/\bNdc\b/, "NDC").replace(/\bVin\b/, "VIN").replace(/\bPnr\b/, "PNR")
}

/** Title-cased entity name for headings: `OrderLine` → `Order Line`. */
export const entityTitle = (name: string): string => titleCase(name)

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

export interface ValueStyle {
  readonly currency: string
  readonly isoDates: boolean
}

export const valueStyle = (rng: Rng): ValueStyle => ({ currency: rng.pick(["$", "€", "£", "CHF "]), isoDates: rng.chance(0.4) })

const pad2 = (n: number) => String(n).padStart(2, "0")

export const dateText = (rng: Rng, style: ValueStyle, withTime = false): string => {
  const year = rng.pick([2024, 2025, 2026])
  const month = rng.int(1, 12)
  const day = rng.int(1, 28)
  const time = withTime ? `${style.isoDates ? " " : ", "}${pad2(rng.int(7, 19))}:${pad2(rng.pick([0, 15, 30, 45]))}` : ""
  return style.isoDates ? `${year}-${pad2(month)}-${pad2(day)}${time}` : `${day} ${MONTHS[month - 1]} ${year}${time}`
}

export const money = (rng: Rng, style: ValueStyle, min = 5, max = 2000): string => {
  const amount = rng.int(min * 100, max * 100) / 100
  return `${style.currency}${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}

/** A plausible cell value for an attribute of an entity (status fields come from its lifecycle). */
export const valueOf = (rng: Rng, attribute: DomainAttribute, entity: DomainEntity, lifecycle: Lifecycle | undefined, style: ValueStyle): string => {
  const name = attribute.name.toLowerCase()
  if ((name === "status" || name === "state") && lifecycle) return sentenceCase(rng.pick(lifecycle.states))
  if (name === "status") return rng.pick(["Active", "Pending", "Closed", "On hold"])
  const text = textFor(rng, attribute, entity)
  if (text !== undefined) return text
  const range = rangeFor(name)
  switch (attribute.type) {
    case "int":
      return range ? String(rng.int(range[0], range[1])) : String(rng.int(1, 500))
    case "float":
      return range ? (rng.int(range[0] * 100, range[1] * 100) / 100).toFixed(2) : (rng.int(10, 99999) / 100).toFixed(rng.pick([1, 2]))
    case "decimal":
      if (range) return (rng.int(range[0] * 10, range[1] * 10) / 10).toFixed(1)
      if (/rate|percent|interest|discount/.test(name) && !/hourly|monthly/.test(name)) return `${rng.int(1, 40) / 2}%`
      return money(rng, style)
    case "boolean":
      return rng.pick(["Yes", "No"])
    case "date":
      return dateText(rng, style)
    case "datetime":
      return dateText(rng, style, true)
    default:
      return `${rng.int(0x1000, 0xffff).toString(16)}-${rng.int(0x1000, 0xffff).toString(16)}`
  }
}

/** The lifecycle of an entity, when its domain has one. */
export const lifecycleOf = (d: Domain, entity: string): Lifecycle | undefined => d.lifecycles.find((l) => l.entity === entity)

/** Attributes worth showing (the primary key only when it is not a bare `id`). */
export const shownAttributes = (entity: DomainEntity): DomainAttribute[] => entity.attributes.filter((a) => a.name !== "id")
