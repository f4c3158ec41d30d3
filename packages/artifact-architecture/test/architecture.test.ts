import { relevanceContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { architecture } from "../src/index.ts"

const delivery = (parts: ReadonlyArray<string>) =>
  [
    "flowchart LR",
    "  app[Mobile App] -->|places orders| orders[Order Service]",
    "  orders -->|charges| pay[Payment Gateway]",
    "  orders -->|stores| db[(Orders DB)]",
    ...(parts.includes("tracking") ? ["  app -->|follows| track[Courier Tracking]", "  track -->|reads| db"] : []),
    ...(parts.includes("portal") ? ["  portal[Restaurant Portal] -->|accepts orders| orders"] : [])
  ].join("\n")

const library = (comment = "") =>
  `flowchart LR\n${comment}  ui[Catalogue UI] -->|searches| search[Search Service]\n  ui -->|borrows| loans[Loan Service]\n  loans -->|reads| members[(Member DB)]\n  loans -->|sends| notify[Notification Service]`

relevanceContract(architecture, {
  request: "An architecture for a food delivery app: mobile app, order service, payment gateway, courier tracking and a restaurant portal.",
  variants: [
    "food delivery: MobileApp, order_service, payment-gateway, CourierTracking, restaurant portals",
    "an architecture with `mobile apps`, `ORDER_SERVICE`, `PaymentGateway`, courier-tracking and Restaurant Portal",
    "Create an architecture diagram (mobile app, order services, payment gateways, courier tracking, restaurant portal) for food delivery."
  ],
  onTopic: delivery(["tracking", "portal"]),
  offTopic: library(),
  partial: { content: delivery([]), missing: ["courier tracking", "restaurant portal"] },
  inComments: library("  %% mobile app, order service, payment gateway, courier tracking, restaurant portal: see the other diagram\n").replace(
    "-->|sends|",
    "-->|mobile app, payment gateway, courier tracking|"
  ),
  nameless: "Give me a high-level component diagram for a food delivery app.",
  foreign: {
    request: "Arquitectura de una app de reparto: app móvil, servicio de pedidos, pasarela de pago.",
    copied: "flowchart LR\n  app[App móvil] -->|pide| pedidos[Servicio de pedidos]\n  pedidos -->|cobra| pago[Pasarela de pago]"
  }
})

describe("architecture plugin", () => {
  it("counts an edge into a subgraph as connecting its members", () => {
    const result = architecture.validate("flowchart LR\n  u[User] --> g\n  subgraph g [Group]\n    a[One]\n    b[Two]\n  end\n  a --> b")
    expect(result.issues.map((i) => i.code)).not.toContain("orphan-node")
    expect(result.passed).toBe(true)
  })

  it("mentions unlabeled connections without failing them", () => {
    const result = architecture.validate("flowchart LR\n  web[Web] --> api[API]\n  api --> db[(DB)]\n  api --> mq[/Queue/]\n  mq --> worker[Worker]")
    expect(result.passed).toBe(true)
    expect(result.score).toBe(100)
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([["unlabeled-edges", "info"]])
  })
})
