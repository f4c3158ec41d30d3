import { artifactContract, relevanceContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { classDiagram } from "../src/index.ts"

artifactContract(classDiagram, new URL("./", import.meta.url), plugin)

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

const shop = (notes = "") =>
  `classDiagram\n  %% Book, Member, Loan and LibraryBranch live in the library module\n  class Customer {\n    +String email\n  }\n  class Order {\n    +Decimal total\n    +place() void\n  }\n  class Product {\n    +String sku\n  }\n  Customer "1" --> "*" Order : places\n  Order --> Product : contains\n${notes}`

relevanceContract(classDiagram, {
  request: "A class diagram for a library: Book, Member, Loan and LibraryBranch.",
  variants: [
    "library: books, MEMBERS, loan, library_branch",
    "a class diagram with `Books`, `member`, `Loans` and library branches",
    "Draw the library classes (book, member, loan, library-branch) as a Mermaid class diagram."
  ],
  onTopic: library(true),
  offTopic: shop(),
  partial: { content: library(false), missing: ["LibraryBranch"] },
  inComments: shop('  note "Book, Member, Loan and LibraryBranch are in another diagram"\n  note for Order "not a Loan of a Book"\n'),
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
