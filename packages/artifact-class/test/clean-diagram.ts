/** A clean class diagram (score 100) with `extra` lines added (Order's block is lines 2-5). */
export const shop = (...extra: ReadonlyArray<string>) =>
  ["classDiagram", "  class Order {", "    +int id", "    +place() bool", "  }", "  class Customer {", "    +string name", "  }", "  Customer --> Order : places", ...extra].join("\n")
