import { findingsOf, relevanceContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { architecture } from "../src/index.ts"
import { shop } from "./clean-diagram.ts"

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

describe("architecture scorer details", () => {
  const findings = (content: string, code: string) => findingsOf(architecture, content, code)

  it("counts the components and connections a too small diagram has", () => {
    expect(findings("flowchart LR\n  web[Web] -->|HTTPS| api[API]", "too-few-nodes")).toEqual([["An architecture diagram needs at least 3 components; this one has 2.", 1]])
    expect(findings("flowchart LR\n  web[Web] -->|HTTPS| api[API]\n  db[(DB)]", "too-few-edges")).toEqual([["An architecture diagram needs at least 2 connections; this one has 1.", 1]])
    expect(findings(shop(), "too-few-nodes")).toEqual([])
    expect(findings(shop(), "too-few-edges")).toEqual([])
  })

  it("connects a node through any subgraph holding it, however deep, and names the orphans", () => {
    const nested = shop("  api -->|jobs| backend", "  subgraph backend [Backend]", "    subgraph workers [Workers]", "      mailer[Mailer]", "    end", "  end")
    expect(findings(nested, "orphan-node")).toEqual([])
    expect(findings(nested, "disconnected")).toEqual([])
    expect(findings(shop("  cache[(Cache)]"), "orphan-node")).toEqual([["Component Cache is connected to nothing.", 4]])
    // with no connection at all, too-few-edges says it: no component is called an orphan
    expect(findings("flowchart LR\n  web[Web]\n  api[API]\n  db[(DB)]", "orphan-node")).toEqual([])
  })

  it("counts the groups a diagram falls apart into, joined by edges or by a subgraph, orphans aside", () => {
    expect(findings(shop("  worker[Worker] -->|AMQP| queue[(Queue)]", "  mail[Mail] -->|SMTP| relay[Relay]"), "disconnected")).toEqual([
      ["The diagram falls apart into 3 groups with no connection between them.", 1]
    ])
    // a subgraph holding a connected member joins it to what connects to the subgraph
    const joined = shop("  subgraph jobs [Jobs]", "    worker[Worker]", "  end", "  worker -->|AMQP| queue[(Queue)]", "  api -->|enqueue| jobs")
    expect(findings(joined, "disconnected")).toEqual([])
    expect(findings(shop("  cache[(Cache)]"), "disconnected")).toEqual([])
    // a group inside a subgraph is a group; two top-level subgraphs are not joined by having no parent
    expect(findings(shop("  subgraph batch [Nightly batch]", "    job[Export job] -->|files| store[(Archive)]", "  end"), "disconnected")).toEqual([
      ["The diagram falls apart into 2 groups with no connection between them.", 1]
    ])
    const sides = shop("  subgraph left [Left]", "    a[Alpha] --> b[Beta]", "  end", "  subgraph right [Right]", "    c[Gamma] --> d[Delta]", "  end")
    expect(findings(sides, "disconnected")).toEqual([["The diagram falls apart into 3 groups with no connection between them.", 1]])
    // empty subgraphs linked to each other hold no component: empty-subgraph says it, they are no group
    expect(findings(shop("  subgraph ga [Group A]", "  end", "  subgraph gb [Group B]", "  end", "  ga --> gb"), "disconnected")).toEqual([])
  })

  it("finds a connection drawn twice at each repeat's line, whatever its label's case or spacing; the way back is another connection", () => {
    expect(findings(shop("  api -->|sql | db", "  api -->|Sql| db"), "duplicate-edge")).toEqual([
      ["The connection api → db is drawn twice.", 4],
      ["The connection api → db is drawn twice.", 5]
    ])
    expect(findings(shop("  db -->|SQL| api"), "duplicate-edge")).toEqual([])
    expect(findings(shop("  api -->|cache| db"), "duplicate-edge")).toEqual([])
  })

  it("gives each self-loop its own line: the k-th line naming the node twice", () => {
    expect(findings(shop("  api -->|retry| api", "  web --> api", "  api -->|poll| api"), "self-loop")).toEqual([
      ["api is connected to itself.", 4],
      ["api is connected to itself.", 6]
    ])
  })

  it("names an empty subgraph by its title", () => {
    expect(findings(shop("  subgraph later [Later work]", "  end"), "empty-subgraph")).toEqual([["Subgraph Later work is empty.", 4]])
  })

  it("names a placeholder node by its id", () => {
    expect(findings(shop().replace("db[(Orders DB)]", "B"), "unlabeled-node")).toEqual([["Node B has neither a label nor a descriptive id.", 3]])
    expect(findings(shop().replace("db[(Orders DB)]", "ordersDb"), "unlabeled-node")).toEqual([])
  })

  it("mentions unlabelled connections only from four, all of them unlabelled", () => {
    const bare = (n: number) => ["flowchart LR", ...["web", "api", "db", "queue", "worker"].slice(0, n).map((id, i, all) => (i + 1 < all.length ? `  ${id} --> ${all[i + 1]}` : "")).filter(Boolean)].join("\n")
    expect(findings(bare(5), "unlabeled-edges")).toEqual([["No connection says what flows over it (protocol, data, call); labels make an architecture readable.", undefined]])
    expect(findings(bare(4), "unlabeled-edges")).toEqual([])
    expect(findings(bare(5).replace("queue --> worker", "queue -->|jobs| worker"), "unlabeled-edges")).toEqual([])
  })
})
