import { findingsOf, relevanceContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { classDiagram } from "../src/index.ts"
import { shop } from "./clean-diagram.ts"

const library = (withBranch: boolean) =>
  [
    "classDiagram",
    "  class Book {\n    +String isbn\n    +String title\n  }",
    "  class Member {\n    +String name\n    +borrow(Book book) Loan\n  }",
    "  class Loan {\n    +Date dueOn\n    +renew() void\n  }",
    ...(withBranch ? ["  class LibraryBranch {\n    +String address\n  }", "  LibraryBranch \"1\" --> \"*\" Book : holds"] : []),
    "  Member \"1\" --> \"*\" Loan : takes",
    "  Loan --> Book : lends"
  ].join("\n")

const shopWithNotes = (notes = "") =>
  `classDiagram\n  %% Book, Member, Loan and LibraryBranch live in the library module\n  class Customer {\n    +String email\n  }\n  class Order {\n    +Decimal total\n    +place() void\n  }\n  class Product {\n    +String sku\n  }\n  Customer "1" --> "*" Order : places\n  Order --> Product : contains\n${notes}`

relevanceContract(classDiagram, {
  request: "A class diagram for a library: Book, Member, Loan and LibraryBranch.",
  variants: [
    "library: books, MEMBERS, loan, library_branch",
    "a class diagram with `Books`, `member`, `Loans` and library branches",
    "Draw the library classes (book, member, loan, library-branch) as a Mermaid class diagram."
  ],
  onTopic: library(true),
  offTopic: shopWithNotes(),
  partial: { content: library(false), missing: ["LibraryBranch"] },
  inComments: shopWithNotes('  note "Book, Member, Loan and LibraryBranch are in another diagram"\n  note for Order "not a Loan of a Book"\n'),
  nameless: "Model the core classes of a library in UML as a Mermaid class diagram.",
  foreign: {
    request: "Diagrama de clases de una biblioteca: Libro, Socio, Prestamo.",
    copied: "classDiagram\n  class Libro {\n    +String titulo\n  }\n  class Socio {\n    +String nombre\n  }\n  class Prestamo {\n    +Date vence\n  }\n  Socio --> Prestamo : pide\n  Prestamo --> Libro : presta"
  }
})

describe("class plugin", () => {
  it("does not ask enumeration values for types", () => {
    const result = classDiagram.validate("classDiagram\n  class Order {\n    -Status status\n  }\n  class Status {\n    <<enumeration>>\n    OPEN\n    CLOSED\n  }\n  Order --> Status")
    expect(result.issues).toEqual([])
  })
})

describe("class scorer details", () => {
  const findings = (content: string, code: string) => findingsOf(classDiagram, content, code)

  it("each finding says what is wrong and where, in words a repair prompt can use", () => {
    expect(findings("classDiagram\n  class Order {\n    +int id\n  }", "too-few-classes")).toEqual([["A class diagram needs at least 2 classes; this one has 1.", 1]])
    expect(findings(shop().replace("  Customer --> Order : places", ""), "no-relations")).toEqual([["A class diagram needs at least one relation, e.g. `Order *-- OrderLine` or `Animal <|-- Dog`.", 1]])
    expect(findings("classDiagram\n  class Order\n  class Customer\n  Customer --> Order : places", "no-members")).toEqual([["No class declares members: add attributes and methods, e.g. `class Order {\\n  +int id\\n  +place() bool\\n}`.", 1]])
    expect(findings(shop("  class Invoice", "  Order --> Invoice : bills"), "class-without-members")).toEqual([["Class Invoice declares no attributes or methods.", 10]])
    expect(findings(shop("  class Invoice {", "    +int id", "  }"), "orphan-class")).toEqual([["Class Invoice has no relation.", 10]])
    expect(findings(shop("  class Foo {", "    +int id", "  }", "  Order --> Foo : has"), "placeholder-name")).toEqual([['Class name "Foo" says nothing about what it models.', 10]])
    // the same kind and label between other classes is another relation; two attributes are not one twice
    const invoice = shop("  class Invoice {", "    +int id", "    +int total", "    +pay() bool", "    +cancel() bool", "  }", "  Customer --> Invoice : places")
    expect(classDiagram.validate(invoice).issues).toEqual([])
  })

  it("no classes at all is too few classes, not classes without members", () => {
    expect(classDiagram.validate("classDiagram\n  note \"the classes come later\"").issues.map((issue) => issue.code)).toEqual(["too-few-classes", "no-relations"])
  })

  it("reads a relation between the same two written the other way round, or with its label in other case, as the same one", () => {
    expect(findings(shop("  Order --> Customer : places"), "duplicate-relation")).toEqual([["The association between Order and Customer is declared twice.", 10]])
    expect(findings(shop("  Customer --> Order : Places"), "duplicate-relation")).toEqual([["The association between Customer and Order is declared twice.", 10]])
    expect(findings(shop("  Customer --> Order : returns"), "duplicate-relation")).toEqual([])
  })

  it("an annotated class that is no enum still needs typed attributes", () => {
    expect(findings(shop("  Customer --> Payment : makes", "  class Payment {", "    <<interface>>", "    +amount", "  }"), "untyped-attribute")).toEqual([["Attribute Payment.amount has no type.", 11]])
  })

  it("overloads are not duplicates; a member declared twice is named without its kind", () => {
    expect(findings(shop().replace("    +place() bool", "    +place() bool\n    +place(express) bool"), "duplicate-member")).toEqual([])
    expect(findings(shop().replace("    +int id", "    +int id\n    +int id"), "duplicate-member")).toEqual([["Class Order declares id twice.", 2]])
  })

  it("says which naming styles class names mix", () => {
    expect(findings(shop("  Customer --> order_line : has", "  class order_line {", "    +int qty", "  }", "  Order --> ShippingLabel : gets", "  class ShippingLabel {", "    +String code", "  }"), "inconsistent-naming")).toEqual([
      ["Class names mix naming styles (pascal, snake).", undefined]
    ])
  })
})
