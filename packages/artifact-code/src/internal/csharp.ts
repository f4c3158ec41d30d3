/**
 * C# (.NET) files, judged with tree-sitter's C# grammar: ERROR and MISSING nodes are parse errors
 * with their lines; declarations and the quality findings above the floor are read from the tree.
 */
import type { Node, Tree } from "web-tree-sitter"
import type { Declaration, DeclarationKind, FileAnalysis, Finding } from "./analysis.ts"
import { csharpParser } from "./parsers.ts"
import type { ParseProblem } from "./typescript.ts"

const MAX_PARSE_ERRORS = 20

const lineOf = (node: Node): number => node.startPosition.row + 1

const firstLine = (text: string): string => {
  const line = text.split("\n")[0].trim()
  return line.length > 40 ? `${line.slice(0, 40)}…` : line
}

/** ERROR and MISSING nodes, in document order (an ERROR's insides are not searched further). */
const syntaxErrors = (root: Node): ParseProblem[] => {
  const problems: ParseProblem[] = []
  const stack: Node[] = [root]
  while (stack.length > 0 && problems.length < MAX_PARSE_ERRORS) {
    const node = stack.pop()!
    if (node.isMissing) {
      problems.push({ message: `missing \`${node.type}\``, line: lineOf(node) })
      continue
    }
    if (node.isError) {
      const text = firstLine(node.text)
      // a long ERROR region (an unclosed class, say) went wrong where its last piece starts
      const last = node.lastNamedChild ?? node.lastChild
      const end = last === null ? lineOf(node) : lineOf(last)
      const span = end > lineOf(node) ? ` (the region from line ${lineOf(node)} cannot be parsed)` : ""
      problems.push({ message: text === "" ? "unexpected end of input" : `unexpected \`${end > lineOf(node) ? firstLine(last!.text) : text}\`${span}`, line: end })
      continue
    }
    const children = node.children.filter((child): child is Node => child !== null && (child.hasError || child.isMissing))
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
  return problems.sort((a, b) => a.line - b.line)
}

// The node types the analysis reads; tree-sitter finds them all in one call, in document order.
const READ_TYPES = [
  "using_directive",
  "namespace_declaration",
  "file_scoped_namespace_declaration",
  "global_statement",
  "preproc_nullable",
  "identifier",
  "attribute",
  "object_creation_expression",
  "block",
  "invocation_expression",
  "class_declaration",
  "record_declaration",
  "struct_declaration",
  "interface_declaration",
  "enum_declaration"
]

const childrenOfType = (node: Node, type: string): Node[] => node.namedChildren.filter((child): child is Node => child !== null && child.type === type)

const modifiers = (node: Node): Set<string> => new Set(childrenOfType(node, "modifier").map((modifier) => modifier.text))

/** Attribute names on a declaration, without the `Attribute` suffix, with their arguments' first string. */
const attributes = (node: Node): Array<{ readonly name: string; readonly template?: string; readonly line: number }> =>
  childrenOfType(node, "attribute_list").flatMap((list) =>
    childrenOfType(list, "attribute").map((attribute) => {
      const name = (attribute.childForFieldName("name")?.text ?? "").split(".").pop()!.replace(/Attribute$/, "")
      const literal = attribute.descendantsOfType("string_literal_content")[0]
      return literal ? { name, template: literal.text, line: lineOf(attribute) } : { name, line: lineOf(attribute) }
    })
  )

const TYPE_KINDS: Readonly<Record<string, DeclarationKind>> = {
  class_declaration: "class",
  record_declaration: "record",
  struct_declaration: "struct",
  interface_declaration: "interface",
  enum_declaration: "enum"
}

const MEMBER_TYPES = new Set([
  "method_declaration",
  "property_declaration",
  "field_declaration",
  "constructor_declaration",
  "destructor_declaration",
  "event_field_declaration",
  "event_declaration",
  "indexer_declaration",
  "operator_declaration",
  "conversion_operator_declaration",
  "delegate_declaration",
  ...Object.keys(TYPE_KINDS)
])

const HTTP_METHODS = new Set(["HttpGet", "HttpPost", "HttpPut", "HttpDelete", "HttpPatch", "HttpHead", "HttpOptions", "AcceptVerbs"])
const MAP_METHODS = new Set(["MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "MapGroup"])
const ACTION_RESULT = /^(?:(?:Task|ValueTask)<(.*)>|(.*))$/s
const RESULT_TYPES = /^(?:IActionResult|ActionResult(?:<.*>)?|IResult|Results<.*>|[A-Z]\w*Result(?:<.*>)?|IAsyncEnumerable<.*>)$/s
const REFERENCE_COLLECTION = /^(?:I?List|ICollection|IEnumerable|IReadOnlyList|IReadOnlyCollection|Collection|HashSet|ISet|Dictionary|IDictionary|IReadOnlyDictionary)<.*>$|\[\]$/s

/** Names that need a `using` the SDKs do not add implicitly, per namespace; `attribute`: only as attributes. */
const NAMESPACED: ReadonlyArray<{ readonly namespace: string; readonly names: ReadonlySet<string>; readonly attribute: boolean }> = [
  {
    namespace: "Microsoft.AspNetCore.Mvc",
    names: new Set(["ControllerBase", "Controller", "IActionResult", "ActionResult", "ProblemDetails", "ValidationProblemDetails", "CreatedAtActionResult"]),
    attribute: false
  },
  {
    namespace: "Microsoft.AspNetCore.Mvc",
    names: new Set(["ApiController", "Route", ...HTTP_METHODS, "FromBody", "FromQuery", "FromRoute", "FromServices", "FromForm", "FromHeader", "ProducesResponseType", "Produces", "Consumes", "NonAction"]),
    attribute: true
  },
  {
    namespace: "Microsoft.EntityFrameworkCore",
    names: new Set(["DbContext", "DbSet", "DbContextOptions", "ModelBuilder", "DeleteBehavior", "IEntityTypeConfiguration", "ToListAsync", "FirstOrDefaultAsync", "SingleOrDefaultAsync", "AsNoTracking", "AnyAsync", "CountAsync", "ExecuteDeleteAsync", "ExecuteUpdateAsync"]),
    attribute: false
  },
  { namespace: "Microsoft.EntityFrameworkCore.Metadata.Builders", names: new Set(["EntityTypeBuilder"]), attribute: false },
  {
    namespace: "System.ComponentModel.DataAnnotations",
    names: new Set(["Required", "MaxLength", "MinLength", "StringLength", "Range", "EmailAddress", "Key", "Phone", "Url", "RegularExpression", "Compare"]),
    attribute: true
  },
  { namespace: "System.ComponentModel.DataAnnotations.Schema", names: new Set(["Table", "Column", "ForeignKey", "NotMapped", "DatabaseGenerated", "InverseProperty"]), attribute: true },
  { namespace: "Microsoft.AspNetCore.Authorization", names: new Set(["Authorize", "AllowAnonymous"]), attribute: true }
]

interface TypeInfo {
  readonly node: Node
  readonly kind: DeclarationKind
  readonly name: string
  readonly members: ReadonlyArray<Node>
  readonly bases: ReadonlyArray<string>
  readonly attributes: ReadonlyArray<{ readonly name: string; readonly template?: string; readonly line: number }>
  readonly parameters: number
}

const typeInfo = (node: Node): TypeInfo => {
  const body = node.childForFieldName("body")
  const members = body === null ? [] : body.namedChildren.filter((child): child is Node => child !== null && MEMBER_TYPES.has(child.type))
  const baseList = childrenOfType(node, "base_list")[0]
  const bases = baseList === undefined ? [] : baseList.namedChildren.filter((child): child is Node => child !== null).map((base) => base.text.replace(/<.*$/s, "").split(".").pop()!)
  const parameterList = childrenOfType(node, "parameter_list")[0]
  return {
    node,
    kind: TYPE_KINDS[node.type],
    name: node.childForFieldName("name")?.text ?? "",
    members,
    bases,
    attributes: attributes(node),
    parameters: parameterList === undefined ? 0 : childrenOfType(parameterList, "parameter").length
  }
}

const isReferenceType = (type: TypeInfo): boolean =>
  (type.kind === "class" || type.kind === "record" || type.kind === "interface") && !type.node.children.some((child) => child?.type === "struct")

const isController = (type: TypeInfo): boolean =>
  type.kind === "class" &&
  (type.attributes.some((attribute) => attribute.name === "ApiController") || type.bases.includes("ControllerBase") || (/Controller$/.test(type.name) && !type.bases.includes("Controller")))

const collapse = (text: string): string => text.replace(/\s+/g, "")

const read = (root: Node, text: string): FileAnalysis => {
  const declarations: Declaration[] = []
  const findings: Finding[] = []
  const types: TypeInfo[] = []
  const usings = new Set<string>()
  const identifiers = new Map<string, number>()
  const attributeNames = new Map<string, number>()
  let namespaces = 0
  let statements = 0
  let nullableDisabled = false

  for (const node of root.descendantsOfType(READ_TYPES)) {
    if (node === null) continue
    switch (node.type) {
      case "using_directive":
        usings.add(collapse(node.text.replace(/^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?/, "").replace(/;\s*$/, "")))
        break
      case "namespace_declaration":
      case "file_scoped_namespace_declaration":
        namespaces++
        break
      case "global_statement":
        statements++
        break
      case "preproc_nullable":
        if (/\bdisable\b/.test(node.text)) nullableDisabled = true
        break
      case "identifier":
        if (!identifiers.has(node.text)) identifiers.set(node.text, lineOf(node))
        break
      case "attribute": {
        const name = (node.childForFieldName("name")?.text ?? "").split(".").pop()!.replace(/Attribute$/, "")
        if (!attributeNames.has(name)) attributeNames.set(name, lineOf(node))
        break
      }
      case "object_creation_expression":
        if (node.childForFieldName("type")?.text.replace(/^System\./, "") === "NotImplementedException") {
          findings.push({ code: "stub-body", message: "a stub that throws `NotImplementedException`: write the body", line: lineOf(node) })
        }
        break
      case "block":
        if (node.namedChildren.length > 0 && node.namedChildren.every((child) => child?.type === "comment") && node.namedChildren.some((child) => /\btodo\b|\bimplement/i.test(child?.text ?? ""))) {
          findings.push({ code: "stub-body", message: "an empty body with a TODO comment: write the body", line: lineOf(node) })
        }
        break
      case "invocation_expression": {
        const callee = node.childForFieldName("function")
        const method = callee?.type === "member_access_expression" ? callee.childForFieldName("name")?.text : undefined
        if (method !== undefined && MAP_METHODS.has(method)) {
          const route = node.childForFieldName("arguments")?.namedChildren[0]?.descendantsOfType("string_literal_content")[0]
          if (route) declarations.push({ kind: "endpoint", name: route.text, line: lineOf(node), floor: false })
        }
        break
      }
      default:
        if (TYPE_KINDS[node.type] !== undefined) types.push(typeInfo(node))
    }
  }

  const declaredTypes = new Set(types.map((type) => type.name))
  // entities stored in a DbSet<T> are not DTOs, whatever their name (`LeaveRequest`)
  const storedTypes = new Set(root.descendantsOfType("generic_name").flatMap((generic) => (generic?.namedChildren[0]?.text === "DbSet" ? [generic.namedChildren[1]?.namedChildren[0]?.text ?? ""] : [])))
  for (const type of types) {
    const controller = isController(type)
    const floor = type.kind !== "enum" && (type.members.length > 0 || type.parameters > 0)
    declarations.push({ kind: controller ? "controller" : type.kind, name: type.name, line: lineOf(type.node), floor })
    const classRoute = type.attributes.find((attribute) => attribute.name === "Route")
    if (classRoute?.template !== undefined) declarations.push({ kind: "endpoint", name: classRoute.template, line: classRoute.line, parent: type.name, floor: false })
    const hasConstructor = type.members.some((member) => member.type === "constructor_declaration")
    const actions: Array<{ readonly node: Node; readonly name: string; readonly http: boolean; readonly template: boolean }> = []
    for (const member of type.members) {
      const name = member.childForFieldName("name")?.text
      if (member.type === "method_declaration" && name !== undefined) {
        declarations.push({ kind: "method", name, line: lineOf(member), parent: type.name, floor: false })
        const memberModifiers = modifiers(member)
        const memberAttributes = attributes(member)
        for (const attribute of memberAttributes) {
          if (HTTP_METHODS.has(attribute.name) && attribute.template !== undefined) {
            declarations.push({ kind: "endpoint", name: attribute.template, line: attribute.line, parent: type.name, floor: false })
          }
        }
        const returns = collapse(member.childForFieldName("returns")?.text ?? "")
        const isAction = controller && memberModifiers.has("public") && !memberModifiers.has("static") && !memberAttributes.some((attribute) => attribute.name === "NonAction")
        if (isAction) {
          const http = memberAttributes.filter((attribute) => HTTP_METHODS.has(attribute.name))
          actions.push({ node: member, name, http: http.length > 0, template: http.some((attribute) => attribute.template !== undefined) || memberAttributes.some((a) => a.name === "Route") })
          const inner = ACTION_RESULT.exec(returns)
          const result = inner?.[1] ?? inner?.[2] ?? returns
          if (!RESULT_TYPES.test(result)) {
            findings.push({ code: "action-return-type", message: `action \`${name}\` returns \`${returns}\`: return \`ActionResult<T>\` or \`IActionResult\` so it can answer 404, 400 …`, line: lineOf(member) })
          }
        } else if (
          (memberModifiers.has("async") || /^(?:Task|ValueTask)(?:<.*>)?$/s.test(returns)) &&
          !name.endsWith("Async") &&
          !memberModifiers.has("override") &&
          name !== "Main" &&
          !(type.kind === "class" && types.some((other) => other.kind === "interface" && type.bases.includes(other.name) && other.members.some((m) => m.childForFieldName("name")?.text === name)))
        ) {
          findings.push({ code: "async-without-suffix", message: `async method \`${name}\` should be named \`${name}Async\``, line: lineOf(member) })
        }
      } else if (member.type === "property_declaration" && name !== undefined) {
        declarations.push({ kind: "property", name, line: lineOf(member), parent: type.name, floor: false })
        const propertyType = member.childForFieldName("type")
        const accessors = member.childForFieldName("accessors")
        const auto = accessors !== null && childrenOfType(accessors, "accessor_declaration").every((accessor) => accessor.childForFieldName("body") === null)
        const typeText = collapse(propertyType?.text ?? "")
        const reference = typeText === "string" || REFERENCE_COLLECTION.test(typeText) || types.some((t) => t.name === typeText && isReferenceType(t))
        if (
          !nullableDisabled &&
          auto &&
          (type.kind === "class" || type.kind === "record") &&
          !hasConstructor &&
          type.parameters === 0 &&
          propertyType?.type !== "nullable_type" &&
          reference &&
          member.childForFieldName("value") === null &&
          !modifiers(member).has("required") &&
          !modifiers(member).has("abstract")
        ) {
          findings.push({
            code: "non-nullable-uninitialized",
            message: `\`${type.name}.${name}\` is a non-nullable \`${typeText}\` left uninitialised: mark it \`required\`, give it a value, or make it \`${typeText}?\``,
            line: lineOf(member)
          })
        }
      } else if (member.type === "field_declaration") {
        for (const declarator of member.descendantsOfType("variable_declarator")) {
          const field = declarator.childForFieldName("name")?.text
          if (field) declarations.push({ kind: "property", name: field, line: lineOf(member), parent: type.name, floor: false })
        }
      }
    }
    if (type.kind === "record") {
      const parameterList = childrenOfType(type.node, "parameter_list")[0]
      for (const parameter of parameterList === undefined ? [] : childrenOfType(parameterList, "parameter")) {
        const name = parameter.childForFieldName("name")?.text
        if (name) declarations.push({ kind: "property", name, line: lineOf(parameter), parent: type.name, floor: false })
      }
    }
    if (type.kind === "enum") {
      for (const member of type.node.descendantsOfType("enum_member_declaration")) {
        const name = member.childForFieldName("name")?.text
        if (name) declarations.push({ kind: "property", name, line: lineOf(member), parent: type.name, floor: false })
      }
    }

    if (controller) {
      const line = lineOf(type.node)
      if (!type.attributes.some((attribute) => attribute.name === "ApiController")) {
        findings.push({ code: "controller-without-apicontroller", message: `controller \`${type.name}\` has no \`[ApiController]\` attribute`, line })
      }
      if (type.bases.length === 0 || !type.bases.some((base) => base === "ControllerBase" || base === "Controller" || /Controller(?:Base)?$/.test(base))) {
        findings.push({ code: "controller-not-derived", message: `controller \`${type.name}\` does not derive from \`ControllerBase\``, line })
      }
      if (classRoute === undefined && !(actions.length > 0 && actions.every((action) => action.template))) {
        findings.push({ code: "controller-without-route", message: `controller \`${type.name}\` has no \`[Route(…)]\` attribute`, line })
      }
      for (const action of actions) {
        if (!action.http) {
          findings.push({ code: "action-without-http-method", message: `action \`${action.name}\` has no HTTP method attribute (\`[HttpGet]\`, \`[HttpPost]\` …)`, line: lineOf(action.node) })
        }
      }
    }
    const keyed = type.members.some((member) => member.type === "property_declaration" && /^(?:Id|\w+Id)$/.test(member.childForFieldName("name")?.text ?? ""))
    const dataName = /Dto$/.test(type.name) || (/(?:Request|Response|Command)$/.test(type.name) && !keyed && !storedTypes.has(type.name))
    if (type.kind === "class" && dataName && type.bases.length === 0 && type.members.length > 0 && type.members.every((member) => member.type === "property_declaration")) {
      findings.push({ code: "dto-not-record", message: `\`${type.name}\` only carries data: declare it as a \`record\``, line: lineOf(type.node) })
    }
  }

  if (namespaces === 0 && statements === 0 && types.length > 0) {
    findings.push({ code: "no-namespace", message: "no namespace: put the types in one (`namespace Company.Project;`)" })
  }
  const lines = text.split("\n").length
  if (usings.size > 0 || lines > 30) {
    const reported = new Set<string>()
    for (const group of NAMESPACED) {
      if (reported.has(group.namespace) || usings.has(group.namespace)) continue
      const source = group.attribute ? attributeNames : identifiers
      const hit = [...group.names].find((name) => source.has(name) && !declaredTypes.has(name))
      if (hit === undefined) continue
      reported.add(group.namespace)
      findings.push({ code: "missing-using", message: `\`${hit}\` needs \`using ${group.namespace};\``, line: source.get(hit) })
    }
  }
  return { language: "csharp", declarations, findings, identifiers: [...identifiers.keys()] }
}

export const analyseCSharp = (text: string): { readonly errors: ReadonlyArray<ParseProblem>; readonly analysis?: FileAnalysis } => {
  let tree: Tree | null = null
  try {
    csharpParser.reset()
    tree = csharpParser.parse(text)
    if (tree === null) return { errors: [{ message: "the C# parser gave up on this text", line: 1 }] }
    const errors = tree.rootNode.hasError ? syntaxErrors(tree.rootNode) : []
    if (errors.length > 0) return { errors }
    return { errors, analysis: read(tree.rootNode, text) }
  } finally {
    tree?.delete()
  }
}
