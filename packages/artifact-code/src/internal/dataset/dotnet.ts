/**
 * .NET examples (C#): API controllers, minimal APIs, EF Core entities, DbContexts and entity
 * configurations, records and mappings, background services, rich domain entities with their
 * lifecycle, services over EF Core, typed HTTP clients for outside systems, and multi-file
 * features. Drawn from one domain at a time; knobs vary the shape, not only the names.
 */
import { connectedSlice, type Domain, type DomainEntity, type Lifecycle, type Rng } from "@lfai/artifact-kit"
import { camel, csType, kebab, label, lifecycleOf, neighbours, pascal, pickEntity, plural, pluralPhrase, view, type EntityView, type Field } from "./model.ts"
import { either, including, lines, listed, reindent, type Made, type SourceFile } from "./write.ts"

interface Style {
  readonly unit: string
  readonly dateTime: "DateTime" | "DateTimeOffset"
  /** `namespace X;` rather than `namespace X { … }`. */
  readonly fileScoped: boolean
  /** Primary constructors rather than fields assigned in a constructor. */
  readonly primary: boolean
  readonly sealed: boolean
  readonly docs: boolean
  readonly root: string
}

const ROOT_SUFFIX = ["Api", "Web", "Service", "Backend", "Platform"]

/** Usings, a namespace (file-scoped or block) and the body, indented for the style. */
const unit = (style: Style, usings: ReadonlyArray<string | false>, namespace: string, body: string): string => {
  const head = [...new Set(usings.filter((u): u is string => typeof u === "string"))].sort((a, b) => (a.startsWith("System") === b.startsWith("System") ? a.localeCompare(b) : a.startsWith("System") ? -1 : 1))
  const usingLines = head.map((u) => `using ${u};`)
  const text = style.fileScoped
    ? lines(...usingLines, usingLines.length > 0 && "", `namespace ${namespace};`, "", body)
    : lines(...usingLines, usingLines.length > 0 && "", `namespace ${namespace}`, "{", body.replace(/^(?=.)/gm, "  "), "}")
  return reindent(text, style.unit)
}

const sealedWord = (style: Style) => (style.sealed ? "sealed " : "")

const doc = (style: Style, indent: string, text: string): string[] => (style.docs ? [`${indent}/// <summary>${text}</summary>`] : [])

const propType = (f: Field, style: Style, nullableText = true): string => {
  const type = csType(f.type, style.dateTime)
  return f.type === "text" && nullableText ? `${type}?` : type
}

/** An auto-property for an entity class, initialised the way EF Core entities are. */
const entityProperty = (rng: Rng, f: Field, style: Style, annotate: boolean): string[] => {
  const type = propType(f, style)
  const attributes: string[] = []
  if (annotate && f.type === "string") attributes.push(`[MaxLength(${/name|title|email/.test(f.source) ? 200 : rng.pick([20, 40, 64, 100])})]`)
  if (annotate && f.type === "decimal") attributes.push("[Precision(18, 2)]")
  const init = f.type === "string" ? (rng.chance(0.5) ? " = string.Empty;" : "") : ""
  const required = f.type === "string" && init === "" ? "required " : ""
  return [...attributes.map((a) => `  ${a}`), `  public ${required}${type} ${f.cs} { get; set; }${init}`]
}

const recordParameters = (e: EntityView, style: Style, withId: boolean): string =>
  [...(withId ? [`int ${e.id.cs}`] : []), ...e.fields.map((f) => `${propType(f, style)} ${f.cs}`)].join(", ")

// ---------------------------------------------------------------- controllers

interface ServiceContract {
  readonly name: string
  readonly list: string
  readonly find: string
  readonly create: string
  readonly update?: string
  readonly remove?: string
  readonly actions: ReadonlyArray<{ readonly event: string; readonly from: string; readonly to: string }>
}

const contractFor = (rng: Rng, e: EntityView, lifecycle: Lifecycle | undefined): ServiceContract => ({
  name: `I${e.name}Service`,
  list: rng.pick(["ListAsync", "GetAllAsync"]),
  find: rng.pick(["FindAsync", "GetByIdAsync"]),
  create: "CreateAsync",
  ...(rng.chance(0.6) ? { update: "UpdateAsync" } : {}),
  ...(rng.chance(0.6) ? { remove: "DeleteAsync" } : {}),
  actions: lifecycle ? rng.sample(lifecycle.transitions, rng.int(0, 2)) : []
})

const interfaceLines = (e: EntityView, contract: ServiceContract, dto: string, request: string): string[] => [
  `public interface ${contract.name}`,
  "{",
  `  Task<IReadOnlyList<${dto}>> ${contract.list}(CancellationToken cancellationToken = default);`,
  `  Task<${dto}?> ${contract.find}(int ${camel(e.id.cs)}, CancellationToken cancellationToken = default);`,
  `  Task<${dto}> ${contract.create}(${request} request, CancellationToken cancellationToken = default);`,
  ...(contract.update ? [`  Task<bool> ${contract.update}(int ${camel(e.id.cs)}, ${request} request, CancellationToken cancellationToken = default);`] : []),
  ...(contract.remove ? [`  Task<bool> ${contract.remove}(int ${camel(e.id.cs)}, CancellationToken cancellationToken = default);`] : []),
  ...contract.actions.map((t) => `  Task<${dto}> ${pascal(t.event)}Async(int ${camel(e.id.cs)}, CancellationToken cancellationToken = default);`),
  "}"
]

const controller = (rng: Rng, d: Domain, style: Style, e: EntityView, contract: ServiceContract, contractsInFile: boolean): { text: string; name: string; routes: string[]; produces: boolean } => {
  const lifecycle = lifecycleOf(d, e.name)
  const name = `${e.plural}Controller`
  const route = rng.chance(0.5) ? "api/[controller]" : `api/${kebab(e.plural)}`
  const dto = `${e.name}Dto`
  const request = rng.pick([`Create${e.name}Request`, `${e.name}Request`, `Save${e.name}Request`])
  const service = camel(e.plural)
  const id = camel(e.id.cs)
  const ct = rng.pick(["cancellationToken", "ct"])
  const produces = rng.chance(0.35)
  const idRoute = rng.chance(0.6) ? `{${id}:int}` : `{${id}}`
  const actionName = rng.pick(["GetById", "Get"])
  const field = style.primary ? service : `_${service}`
  const methods: string[] = []
  methods.push(
    "  [HttpGet]",
    ...(produces ? ["  [ProducesResponseType(StatusCodes.Status200OK)]"] : []),
    `  public async Task<ActionResult<IReadOnlyList<${dto}>>> ${rng.pick(["GetAll", "List"])}(CancellationToken ${ct})`,
    `    => Ok(await ${field}.${contract.list}(${ct}));`,
    "",
    `  [HttpGet("${idRoute}")]`,
    ...(produces ? ["  [ProducesResponseType(StatusCodes.Status200OK)]", "  [ProducesResponseType(StatusCodes.Status404NotFound)]"] : []),
    `  public async Task<ActionResult<${dto}>> ${actionName}(int ${id}, CancellationToken ${ct})`,
    "  {",
    `    var ${camel(e.name)} = await ${field}.${contract.find}(${id}, ${ct});`,
    `    return ${camel(e.name)} is null ? NotFound() : Ok(${camel(e.name)});`,
    "  }",
    "",
    "  [HttpPost]",
    ...(produces ? ["  [ProducesResponseType(StatusCodes.Status201Created)]", "  [ProducesResponseType(StatusCodes.Status400BadRequest)]"] : []),
    `  public async Task<ActionResult<${dto}>> Create(${request} request, CancellationToken ${ct})`,
    "  {",
    `    var created = await ${field}.${contract.create}(request, ${ct});`,
    `    return CreatedAtAction(nameof(${actionName}), new { ${id} = created.${e.id.cs} }, created);`,
    "  }"
  )
  if (contract.update) {
    methods.push(
      "",
      `  [HttpPut("${idRoute}")]`,
      `  public async Task<IActionResult> Update(int ${id}, ${request} request, CancellationToken ${ct})`,
      `    => await ${field}.${contract.update}(${id}, request, ${ct}) ? NoContent() : NotFound();`
    )
  }
  if (contract.remove) {
    methods.push("", `  [HttpDelete("${idRoute}")]`, `  public async Task<IActionResult> Delete(int ${id}, CancellationToken ${ct})`, `    => await ${field}.${contract.remove}(${id}, ${ct}) ? NoContent() : NotFound();`)
  }
  for (const t of contract.actions) {
    methods.push(
      "",
      `  [HttpPost("${idRoute}/${kebab(t.event)}")]`,
      `  public async Task<ActionResult<${dto}>> ${pascal(t.event)}(int ${id}, CancellationToken ${ct})`,
      "  {",
      "    try",
      "    {",
      `      return Ok(await ${field}.${pascal(t.event)}Async(${id}, ${ct}));`,
      "    }",
      "    catch (InvalidOperationException exception)",
      "    {",
      "      return Conflict(new ProblemDetails { Title = exception.Message });",
      "    }",
      "  }"
    )
  }
  const header = style.primary
    ? [`public ${sealedWord(style)}class ${name}(${contract.name} ${service}) : ControllerBase`, "{"]
    : [`public ${sealedWord(style)}class ${name} : ControllerBase`, "{", `  private readonly ${contract.name} ${field};`, "", `  public ${name}(${contract.name} ${service}) => ${field} = ${service};`, ""]
  const body = lines(
    ...doc(style, "", `HTTP endpoints for ${pluralPhrase(e.name)}.`),
    "[ApiController]",
    `[Route("${route}")]`,
    ...(produces ? ['[Produces("application/json")]'] : []),
    ...header,
    ...methods,
    "}",
    ...(contractsInFile
      ? ["", `public ${sealedWord(style)}record ${dto}(${recordParameters(e, style, true)}${lifecycle ? ", string Status" : ""});`, "", `public ${sealedWord(style)}record ${request}(${recordParameters(e, style, false)});`, "", ...interfaceLines(e, contract, dto, request)]
      : [])
  )
  const text = unit(style, ["Microsoft.AspNetCore.Mvc", !contractsInFile && `${style.root}.Contracts`], `${style.root}.Controllers`, body)
  const base = route.replace("[controller]", kebab(e.plural))
  return { text, name, routes: [base, `${base}/${idRoute}`], produces }
}

const controllerExample = (rng: Rng, d: Domain, style: Style): Made => {
  const e = view(rng, pickEntity(rng, d, rng.chance(0.4)), 2, 5)
  const contract = contractFor(rng, e, lifecycleOf(d, e.name))
  const inFile = rng.chance(0.5)
  const made = controller(rng, d, style, e, contract, inFile)
  const events = contract.actions.map((t) => kebab(t.event).replace(/-/g, " "))
  const verbs = ["GET (all and by id)", "POST", ...(contract.update ? ["PUT"] : []), ...(contract.remove ? ["DELETE"] : []), ...(events.length > 0 ? [`the POST actions (${listed(events)})`] : [])]
  const prompt = either(
    rng,
    `ASP.NET Core Web API controller \`${made.name}\` for ${pluralPhrase(e.name)} in ${d.title}. It has ${listed(verbs)}${inFile ? ` and uses \`${contract.name}\`. Put the ${e.name}Dto and request records and the service interface in the same file.` : " and uses a service interface from the Contracts namespace."}`,
    `Write a .NET 8 API controller for ${pluralPhrase(e.name)} (route ${made.routes[0]}) with ${listed(verbs)}. It should use ${inFile ? contract.name : "the injected service"} and return ActionResult<T>.`,
    `C# controller please. Call it ${made.name}, give it [ApiController] and the endpoints ${listed(verbs)}${contract.actions.length > 0 ? "; answer 409 when a transition is not allowed" : ""}.${inFile ? ` Fields of a ${label(e.name).toLowerCase()}: ${listed(e.fields.map((f) => f.words))}.` : ""}`
  ) + including([made.produces && "ProducesResponseType attributes"], "Document the responses with")
  return { shape: `controller:${verbs.length}:${inFile}:${style.primary}`, files: [{ path: `Controllers/${made.name}.cs`, text: made.text }], prompt }
}

// ---------------------------------------------------------------- minimal APIs

const minimalProgram = (rng: Rng, d: Domain, style: Style): Made => {
  const e = view(rng, pickEntity(rng, d), 2, 4)
  const db = `${pascal(d.id)}Db`
  const set = e.plural
  const group = `/api/${kebab(e.plural)}`
  const v = camel(e.name)
  const provider = rng.pick(["UseSqlite", "UseSqlServer", "UseNpgsql", "UseInMemoryDatabase"])
  const connection = provider === "UseInMemoryDatabase" ? `"${pascal(d.id)}"` : `builder.Configuration.GetConnectionString("${pascal(d.id)}")`
  const withPut = rng.chance(0.5)
  const withDelete = rng.chance(0.6)
  const openApi = rng.chance(0.4)
  const typed = rng.chance(0.5)
  const R = typed ? "TypedResults" : "Results"
  const endpoints = [
    `${camel(e.plural)}.MapGet("/", async (${db} db) => await db.${set}.AsNoTracking().ToListAsync());`,
    "",
    `${camel(e.plural)}.MapGet("/{id:int}", async ${typed ? `Task<Results<Ok<${e.name}>, NotFound>> ` : ""}(int id, ${db} db) =>`,
    `  await db.${set}.FindAsync(id) is { } ${v} ? ${R}.Ok(${v}) : ${R}.NotFound());`,
    "",
    `${camel(e.plural)}.MapPost("/", async (${e.name} ${v}, ${db} db) =>`,
    "{",
    `  db.${set}.Add(${v});`,
    "  await db.SaveChangesAsync();",
    `  return ${R}.Created($"${group}/{${v}.${e.id.cs}}", ${v});`,
    "});",
    ...(withPut
      ? [
          "",
          `${camel(e.plural)}.MapPut("/{id:int}", async (int id, ${e.name} input, ${db} db) =>`,
          "{",
          `  var ${v} = await db.${set}.FindAsync(id);`,
          `  if (${v} is null) return Results.NotFound();`,
          ...e.fields.map((f) => `  ${v}.${f.cs} = input.${f.cs};`),
          "  await db.SaveChangesAsync();",
          "  return Results.NoContent();",
          "});"
        ]
      : []),
    ...(withDelete
      ? ["", `${camel(e.plural)}.MapDelete("/{id:int}", async (int id, ${db} db) =>`, `  await db.${set}.Where(x => x.${e.id.cs} == id).ExecuteDeleteAsync() > 0 ? Results.NoContent() : Results.NotFound());`]
      : [])
  ]
  const text = reindent(
    lines(
      typed && "using Microsoft.AspNetCore.Http.HttpResults;",
      "using Microsoft.EntityFrameworkCore;",
      "",
      "var builder = WebApplication.CreateBuilder(args);",
      `builder.Services.AddDbContext<${db}>(options => options.${provider}(${connection}));`,
      openApi && "builder.Services.AddOpenApi();",
      "",
      "var app = builder.Build();",
      openApi && "app.MapOpenApi();",
      "",
      `var ${camel(e.plural)} = app.MapGroup("${group}");`,
      "",
      ...endpoints,
      "",
      "app.Run();",
      "",
      `public class ${e.name}`,
      "{",
      `  public int ${e.id.cs} { get; set; }`,
      ...e.fields.flatMap((f) => entityProperty(rng, f, style, false)),
      "}",
      "",
      `public class ${db}(DbContextOptions<${db}> options) : DbContext(options)`,
      "{",
      `  public DbSet<${e.name}> ${set} => Set<${e.name}>();`,
      "}"
    ),
    style.unit
  )
  const verbs = ["GET list", "GET by id", "POST", ...(withPut ? ["PUT"] : []), ...(withDelete ? ["DELETE"] : [])]
  const prompt = either(
    rng,
    `Minimal API in a single Program.cs for ${pluralPhrase(e.name)} in ${d.title}. Use EF Core ${provider.replace("Use", "")}, a \`${db}\` context and the \`${e.name}\` class, and map ${listed(verbs)} under ${group}.`,
    `.NET minimal API in top-level statements, for ${e.name} (${listed(e.fields.map((f) => f.words))}). Map ${listed(verbs)} in MapGroup("${group}"), and keep the entity and ${db} at the bottom of the file.`,
    `Smallest possible ASP.NET Core service for ${pluralPhrase(e.name)}, in one Program.cs. Use ${typed ? "TypedResults" : "Results"}${openApi ? " and OpenAPI" : ""}, and an EF Core DbContext named ${db}.`
  )
  return { shape: `minimal-program:${verbs.length}:${typed}:${openApi}`, files: [{ path: "Program.cs", text }], prompt }
}

const endpointsClass = (rng: Rng, d: Domain, style: Style): Made => {
  const e = view(rng, pickEntity(rng, d, rng.chance(0.4)), 2, 4)
  const lifecycle = lifecycleOf(d, e.name)
  const { update: _update, ...contract } = { ...contractFor(rng, e, lifecycle), actions: [] }
  const name = `${e.name}Endpoints`
  const map = `Map${e.name}Endpoints`
  const dto = `${e.name}Dto`
  const request = `Create${e.name}Request`
  const group = `/api/${kebab(e.plural)}`
  const svc = contract.name
  const withTags = rng.chance(0.5)
  const handlers: string[] = [
    `  private static async Task<Ok<IReadOnlyList<${dto}>>> ListAsync(${svc} service, CancellationToken cancellationToken)`,
    `    => TypedResults.Ok(await service.${contract.list}(cancellationToken));`,
    "",
    `  private static async Task<Results<Ok<${dto}>, NotFound>> GetAsync(int id, ${svc} service, CancellationToken cancellationToken)`,
    `    => await service.${contract.find}(id, cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();`,
    "",
    `  private static async Task<Created<${dto}>> CreateAsync(${request} request, ${svc} service, CancellationToken cancellationToken)`,
    "  {",
    `    var created = await service.${contract.create}(request, cancellationToken);`,
    `    return TypedResults.Created($"${group}/{created.${e.id.cs}}", created);`,
    "  }",
    ...(contract.remove
      ? ["", `  private static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, ${svc} service, CancellationToken cancellationToken)`, `    => await service.${contract.remove}(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();`]
      : [])
  ]
  const body = lines(
    ...doc(style, "", `Maps the ${pluralPhrase(e.name)} endpoints under ${group}.`),
    `public static class ${name}`,
    "{",
    `  public static IEndpointRouteBuilder ${map}(this IEndpointRouteBuilder routes)`,
    "  {",
    `    var group = routes.MapGroup("${group}")${withTags ? `.WithTags("${e.plural}")` : ""};`,
    '    group.MapGet("/", ListAsync);',
    `    group.MapGet("/{id:int}", GetAsync)${rng.chance(0.5) ? `.WithName("Get${e.name}")` : ""};`,
    '    group.MapPost("/", CreateAsync);',
    contract.remove && '    group.MapDelete("/{id:int}", DeleteAsync);',
    "    return routes;",
    "  }",
    "",
    ...handlers,
    "}",
    "",
    `public ${sealedWord(style)}record ${dto}(${recordParameters(e, style, true)});`,
    "",
    `public ${sealedWord(style)}record ${request}(${recordParameters(e, style, false)});`,
    "",
    ...interfaceLines(e, contract, dto, request)
  )
  const text = unit(style, ["Microsoft.AspNetCore.Http.HttpResults"], `${style.root}.Endpoints`, body)
  const prompt = either(
    rng,
    `Minimal API endpoints for ${pluralPhrase(e.name)} as an extension method \`${map}\` on IEndpointRouteBuilder (static class ${name}), using TypedResults and ${svc}; add the ${dto} and ${request} records.`,
    `Organise the ${e.name} minimal API in ${name}.cs. Map the group ${group} to list, get${contract.remove ? ", create and delete" : " and create"} handlers, as static methods returning Results<…>.`
  )
  return { shape: `endpoints-class:${contract.remove !== undefined}:${withTags}`, files: [{ path: `Endpoints/${name}.cs`, text }], prompt }
}

// ---------------------------------------------------------------- EF Core

interface EntityModel {
  readonly view: EntityView
  /** Navigation properties: references (`Customer Customer`) and collections (`ICollection<Order> Orders`). */
  readonly references: ReadonlyArray<string>
  readonly collections: ReadonlyArray<string>
}

const entityModels = (rng: Rng, d: Domain, size: number): EntityModel[] => {
  const slice = connectedSlice(rng, d, size)
  const names = new Set(slice.entities.map((entity) => entity.name))
  return slice.entities.map((entity) => {
    const related = neighbours(d, entity.name).filter((n) => names.has(n.entity.name) && slice.relations.some((r) => (r.from === entity.name && r.to === n.entity.name) || (r.to === entity.name && r.from === n.entity.name)))
    return {
      view: view(rng, entity, 2, 5),
      references: related.filter((n) => !n.owner).map((n) => n.entity.name),
      collections: related.filter((n) => n.owner).map((n) => n.entity.name)
    }
  })
}

const entityClass = (rng: Rng, model: EntityModel, style: Style, annotate: boolean, lifecycle: Lifecycle | undefined): string[] => {
  const e = model.view
  const collectionInit = rng.pick(["[]", "new List<T>()", "new HashSet<T>()"])
  return [
    ...doc(style, "", `A ${label(e.name).toLowerCase()}.`),
    `public class ${e.name}`,
    "{",
    `  public int ${e.id.cs} { get; set; }`,
    "",
    ...e.fields.flatMap((f) => entityProperty(rng, f, style, annotate)),
    ...(lifecycle ? [`  public ${e.name}Status Status { get; set; } = ${e.name}Status.${lifecycle.initial};`] : []),
    ...model.references.flatMap((ref) => ["", `  public int ${ref}Id { get; set; }`, `  public ${ref} ${ref} { get; set; } = null!;`]),
    ...model.collections.map((col) => `  public ICollection<${col}> ${plural(col)} { get; set; } = ${collectionInit.replace("T", col)};`),
    "}"
  ]
}

const statusEnum = (lifecycle: Lifecycle): string[] => [`public enum ${lifecycle.entity}Status`, "{", ...lifecycle.states.map((s, i) => `  ${s}${i < lifecycle.states.length - 1 ? "," : ""}`), "}"]

const entitiesExample = (rng: Rng, d: Domain, style: Style): Made => {
  const models = entityModels(rng, d, rng.int(2, 4))
  const annotate = rng.chance(0.4)
  const withStatus = models.map((m) => lifecycleOf(d, m.view.name)).filter((l): l is Lifecycle => l !== undefined)
  const body = lines(
    ...models.flatMap((m, i) => [...(i > 0 ? [""] : []), ...entityClass(rng, m, style, annotate, lifecycleOf(d, m.view.name))]),
    ...withStatus.flatMap((l) => ["", ...statusEnum(l)])
  )
  const usings = annotate ? ["System.ComponentModel.DataAnnotations", ...(models.some((m) => m.view.fields.some((f) => f.type === "decimal")) ? ["Microsoft.EntityFrameworkCore"] : [])] : []
  const text = unit(style, usings, `${style.root}.Domain.Entities`, body)
  const names = models.map((m) => m.view.name)
  const prompt = either(
    rng,
    `EF Core entity classes for ${d.title}: ${listed(names.map((n) => `\`${n}\``))}. Give them navigation properties${annotate ? `, data annotations (${models.some((m) => m.view.fields.some((f) => f.type === "decimal")) ? "MaxLength, Precision" : "MaxLength"})` : ""}${withStatus.length > 0 ? ` and a \`${withStatus[0].entity}Status\` enum` : ""}.`,
    `Write the C# entities ${listed(names)} for Entity Framework Core. Give them foreign keys and navigation properties. ${models.map((m) => `${m.view.name}: ${listed(m.view.fields.map((f) => f.words))}`).join("; ")}.${withStatus.length > 0 ? ` ${listed(withStatus.map((l) => l.entity))} ${withStatus.length > 1 ? "have" : "has"} a status enum.` : ""}${annotate ? " Use data annotations for lengths and precision." : ""}`,
    `I'm modelling ${pluralPhrase(names[0])} and ${names.length > 2 ? "related tables" : pluralPhrase(names[1])} in EF Core, as the classes ${names.join(", ")}. Give them foreign keys and collections, and turn nullable reference types on.${withStatus.length > 0 ? ` Add ${listed(withStatus.map((l) => `${l.entity}Status`))}.` : ""}${annotate ? " Annotate max lengths and decimal precision." : ""}`
  )
  return { shape: `entities:${models.length}:${annotate}:${withStatus.length}`, files: [{ path: `Domain/${names[0]}.cs`, text }], prompt }
}

const dbContextBody = (rng: Rng, d: Domain, style: Style, models: ReadonlyArray<EntityModel>, name: string, statuses = true): string[] => {
  const setStyle = rng.pick(["expression", "property"] as const)
  const configure = models.flatMap((m) => {
    const e = m.view
    const x = e.name.charAt(0).toLowerCase()
    const rules = [
      ...(rng.chance(0.4) ? [`    entity.ToTable("${kebab(e.plural).replace(/-/g, "_")}");`] : []),
      ...e.fields.filter((f) => f.unique).map((f) => `    entity.HasIndex(${x} => ${x}.${f.cs}).IsUnique();`),
      ...e.fields.filter((f) => f.type === "decimal").map((f) => `    entity.Property(${x} => ${x}.${f.cs}).HasPrecision(18, 2);`),
      ...e.fields.filter((f) => f.type === "string" && rng.chance(0.5)).map((f) => `    entity.Property(${x} => ${x}.${f.cs}).HasMaxLength(${rng.pick([40, 100, 200])});`),
      ...(statuses && lifecycleOf(d, e.name) ? [`    entity.Property(${x} => ${x}.Status).HasConversion<string>().HasMaxLength(32);`] : []),
      ...m.collections.map((col) => `    entity.HasMany(${x} => ${x}.${plural(col)}).WithOne(${col.charAt(0).toLowerCase()} => ${col.charAt(0).toLowerCase()}.${e.name}).HasForeignKey(${col.charAt(0).toLowerCase()} => ${col.charAt(0).toLowerCase()}.${e.name}Id)${rng.chance(0.4) ? ".OnDelete(DeleteBehavior.Cascade)" : ""};`)
    ]
    return rules.length === 0 ? [] : [`  modelBuilder.Entity<${e.name}>(entity =>`, "  {", ...rules, "  });"]
  })
  const ctor = style.primary ? `public ${sealedWord(style)}class ${name}(DbContextOptions<${name}> options) : DbContext(options)` : `public ${sealedWord(style)}class ${name} : DbContext`
  return [
    ...doc(style, "", `The EF Core unit of work for ${d.title}.`),
    ctor,
    "{",
    ...(style.primary ? [] : [`  public ${name}(DbContextOptions<${name}> options) : base(options)`, "  {", "  }", ""]),
    ...models.map((m) => (setStyle === "expression" ? `  public DbSet<${m.view.name}> ${m.view.plural} => Set<${m.view.name}>();` : `  public DbSet<${m.view.name}> ${m.view.plural} { get; set; } = null!;`)),
    ...(configure.length > 0
      ? ["", "  protected override void OnModelCreating(ModelBuilder modelBuilder)", "  {", ...configure.map((c) => `  ${c}`), "  }"]
      : ["", "  protected override void OnModelCreating(ModelBuilder modelBuilder)", `    => modelBuilder.ApplyConfigurationsFromAssembly(typeof(${name}).Assembly);`]),
    "}"
  ]
}

const dbContextExample = (rng: Rng, d: Domain, style: Style): Made => {
  const models = entityModels(rng, d, rng.int(2, 5))
  const name = `${pascal(d.id)}DbContext`
  const text = unit(style, ["Microsoft.EntityFrameworkCore", `${style.root}.Domain.Entities`], `${style.root}.Infrastructure`, lines(...dbContextBody(rng, d, style, models, name)))
  const names = models.map((m) => m.view.plural)
  const prompt = either(
    rng,
    `EF Core DbContext \`${name}\`, its DbSets: ${listed(names)}. Configure keys, unique indexes, decimal precision and relationships in OnModelCreating.`,
    `Write the ${name} for ${d.title}: ${names.join(", ")}. The entities are defined in ${style.root}.Domain.Entities already.`,
    `DbContext please: ${name}. Give it ${style.primary ? "a primary constructor" : "a constructor taking DbContextOptions"}, the sets ${listed(names)}, and fluent configuration instead of attributes.`
  )
  return { shape: `dbcontext:${models.length}:${style.primary}`, files: [{ path: `Infrastructure/${name}.cs`, text }], prompt }
}

const configurationExample = (rng: Rng, d: Domain, style: Style): Made => {
  const [model] = entityModels(rng, d, rng.int(1, 3))
  const e = model.view
  const name = `${e.name}Configuration`
  const x = e.name.charAt(0).toLowerCase()
  const lifecycle = lifecycleOf(d, e.name)
  const body = lines(
    `public ${sealedWord(style)}class ${name} : IEntityTypeConfiguration<${e.name}>`,
    "{",
    `  public void Configure(EntityTypeBuilder<${e.name}> builder)`,
    "  {",
    `    builder.ToTable("${kebab(e.plural).replace(/-/g, "_")}");`,
    `    builder.HasKey(${x} => ${x}.${e.id.cs});`,
    ...e.fields.map((f) =>
      f.unique
        ? `    builder.HasIndex(${x} => ${x}.${f.cs}).IsUnique();`
        : f.type === "decimal"
          ? `    builder.Property(${x} => ${x}.${f.cs}).HasPrecision(${rng.pick(["18, 2", "12, 2", "10, 4"])});`
          : f.type === "string"
            ? `    builder.Property(${x} => ${x}.${f.cs}).HasMaxLength(${rng.pick([32, 64, 120, 256])})${rng.chance(0.6) ? ".IsRequired()" : ""};`
            : f.type === "text"
              ? `    builder.Property(${x} => ${x}.${f.cs}).HasColumnType("text");`
              : `    builder.Property(${x} => ${x}.${f.cs})${f.type === "boolean" ? ".HasDefaultValue(false)" : ".IsRequired()"};`
    ),
    lifecycle && `    builder.Property(${x} => ${x}.Status).HasConversion<string>().HasMaxLength(32);`,
    ...model.references.map((ref) => `    builder.HasOne(${x} => ${x}.${ref}).WithMany().HasForeignKey(${x} => ${x}.${ref}Id);`),
    "  }",
    "}"
  )
  const text = unit(style, ["Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Metadata.Builders", `${style.root}.Domain.Entities`], `${style.root}.Infrastructure.Configurations`, body)
  const prompt = either(
    rng,
    `IEntityTypeConfiguration for the ${e.name} entity, named ${name}. Map the table name, the key, ${listed(e.fields.map((f) => f.words))}${model.references.length > 0 ? ` and the relation to ${listed(model.references)}` : ""}.`,
    `Fluent EF Core mapping class ${name} for ${pluralPhrase(e.name)} in ${d.title}.`
  )
  return { shape: `configuration:${model.references.length}:${e.fields.length}`, files: [{ path: `Infrastructure/Configurations/${name}.cs`, text }], prompt }
}

// ---------------------------------------------------------------- records

const recordsExample = (rng: Rng, d: Domain, style: Style): Made => {
  const e = view(rng, pickEntity(rng, d), 2, 5)
  const dto = `${e.name}Dto`
  const create = `Create${e.name}Request`
  const validate = rng.chance(0.5)
  const mappings = rng.chance(0.6)
  const summary = rng.chance(0.35)
  const shown = e.fields.find((f) => f.type === "string")
  const requestParams = e.fields
    .map((f) => {
      const attributes = !validate ? [] : f.type === "string" ? ["Required", `MaxLength(${rng.pick([40, 80, 120])})`] : f.type === "int" || f.type === "decimal" ? [`Range(0, ${rng.pick(["10_000", "1_000_000", "int.MaxValue"])})`] : []
      return `${attributes.length > 0 ? `[${attributes.join(", ")}] ` : ""}${propType(f, style)} ${f.cs}`
    })
    .join(",\n  ")
  const body = lines(
    ...doc(style, "", `What the API returns for a ${label(e.name).toLowerCase()}.`),
    `public ${sealedWord(style)}record ${dto}(${recordParameters(e, style, true)});`,
    "",
    `public ${sealedWord(style)}record ${create}(`,
    `  ${requestParams});`,
    ...(summary && shown ? ["", `public ${sealedWord(style)}record ${e.name}Summary(int ${e.id.cs}, string ${shown.cs});`] : []),
    ...(mappings
      ? [
          "",
          `public static class ${e.name}Mappings`,
          "{",
          `  public static ${dto} ToDto(this ${e.name} ${camel(e.name)}) =>`,
          `    new(${camel(e.name)}.${e.id.cs}, ${e.fields.map((f) => `${camel(e.name)}.${f.cs}`).join(", ")});`,
          "",
          `  public static ${e.name} ToEntity(this ${create} request) => new()`,
          "  {",
          ...e.fields.map((f) => `    ${f.cs} = request.${f.cs},`),
          "  };",
          ...(summary && shown ? ["", `  public static ${e.name}Summary ToSummary(this ${e.name} ${camel(e.name)}) => new(${camel(e.name)}.${e.id.cs}, ${camel(e.name)}.${shown.cs});`] : []),
          "}"
        ]
      : [])
  )
  const text = unit(style, [validate && "System.ComponentModel.DataAnnotations", mappings && `${style.root}.Domain.Entities`], `${style.root}.Contracts`, body)
  const prompt = either(
    rng,
    `C# records for the ${e.name} API: \`${dto}\` and \`${create}\`.${validate ? " Put validation attributes on them." : ""}${mappings ? ` Add the extension methods ToDto and ToEntity in ${e.name}Mappings.` : ""}`,
    `DTOs as records for ${pluralPhrase(e.name)} (${listed(e.fields.map((f) => f.words))}).${mappings ? " Add mapping extensions from and to the entity." : ""}${validate ? " Validate the create request with data annotations." : ""}`,
    `Need request/response contracts for ${d.title}: ${dto} and ${create}.${validate ? " Use Required, MaxLength and Range where it makes sense." : ""}${mappings ? " Add ToDto and ToEntity mappings." : ""}`
  ) + including([summary && shown && `a ${e.name}Summary record (id and ${shown.words})`], "Also add")
  return { shape: `records:${validate}:${mappings}:${summary}`, files: [{ path: `Contracts/${e.name}Contracts.cs`, text }], prompt }
}

// ---------------------------------------------------------------- background services

/** Lifecycle events a timer, not a person, triggers. */
const TIMED = /expire|miss|lapse|overdue|escalat|timeout|no_?show|abandon|remind|archive|close|default|suspend|release|end/

const phraseOf = (name: string): string => name.replace(/_/g, " ")

/** The entity a sentence speaks of ("Charge fine" → Fine), else one of the domain's. */
const entityIn = (rng: Rng, d: Domain, text: string): DomainEntity =>
  [...d.entities].sort((a, b) => b.name.length - a.name.length).find((entity) => text.toLowerCase().includes(label(entity.name).toLowerCase())) ?? rng.pick(d.entities)

const backgroundExample = (rng: Rng, d: Domain, style: Style): Made => {
  const lifecycle = d.lifecycles.length > 0 ? rng.pick(d.lifecycles) : undefined
  const queue = lifecycle === undefined || rng.chance(0.35)
  const db = `${pascal(d.id)}DbContext`
  const minutes = rng.pick([1, 5, 10, 15, 30, 60])
  if (queue) {
    const activity = rng.pick(d.activities)
    const name = `${pascal(activity)}Worker`
    const logger = `ILogger<${name}>`
    const item = `${pascal(activity)}Job`
    const entity = entityIn(rng, d, activity)
    const body = lines(
      `public ${sealedWord(style)}record ${item}(int ${entity.name}Id, ${style.dateTime} RequestedAt);`,
      "",
      ...doc(style, "", `Runs "${activity}" for every queued job, one at a time.`),
      `public ${sealedWord(style)}class ${name}(Channel<${item}> queue, IServiceScopeFactory scopes, ${logger} logger) : BackgroundService`,
      "{",
      "  protected override async Task ExecuteAsync(CancellationToken stoppingToken)",
      "  {",
      "    await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))",
      "    {",
      "      try",
      "      {",
      "        await using var scope = scopes.CreateAsyncScope();",
      `        var handler = scope.ServiceProvider.GetRequiredService<I${pascal(activity)}Handler>();`,
      "        await handler.HandleAsync(job, stoppingToken);",
      `        logger.LogInformation("${activity} done for ${label(entity.name).toLowerCase()} {Id}", job.${entity.name}Id);`,
      "      }",
      "      catch (Exception exception) when (exception is not OperationCanceledException)",
      "      {",
      `        logger.LogError(exception, "${activity} failed for ${label(entity.name).toLowerCase()} {Id}", job.${entity.name}Id);`,
      "      }",
      "    }",
      "  }",
      "}",
      "",
      `public interface I${pascal(activity)}Handler`,
      "{",
      `  Task HandleAsync(${item} job, CancellationToken cancellationToken);`,
      "}"
    )
    const text = unit(style, ["System.Threading.Channels"], `${style.root}.Workers`, body)
    const prompt = either(
      rng,
      `A .NET BackgroundService \`${name}\` that reads ${item} messages from a Channel and runs each through an I${pascal(activity)}Handler resolved per job (${activity.toLowerCase()}), logging failures without stopping.`,
      `Queue consumer for ${d.title}, the hosted service ${name}. It drains a Channel<${item}> through a scoped handler and logs with ILogger. Add the ${item} record and the handler interface.`
    )
    return { shape: "worker:queue", files: [{ path: `Workers/${name}.cs`, text }], prompt }
  }
  const entity = lifecycle.entity
  const timed = lifecycle.transitions.filter((t) => TIMED.test(t.event))
  const from = rng.pick(timed.length > 0 ? timed : lifecycle.transitions)
  const name = `${pascal(from.event)}${plural(entity)}Worker`
  const logger = `ILogger<${name}>`
  const what = `${label(from.event)} ${pluralPhrase(entity)}`
  const dateField = d.entities.find((candidate) => candidate.name === entity)?.attributes.find((a) => a.type === "datetime" || a.type === "date")
  const set = plural(entity)
  const cutoff = dateField ? pascal(dateField.name) : undefined
  const body = lines(
    ...doc(style, "", `Every ${minutes} minute${minutes === 1 ? "" : "s"}: ${what.toLowerCase()} that are ${label(from.from).toLowerCase()}.`),
    `public ${sealedWord(style)}class ${name}(IServiceScopeFactory scopes, TimeProvider clock, ${logger} logger) : BackgroundService`,
    "{",
    `  private static readonly TimeSpan Interval = TimeSpan.FromMinutes(${minutes});`,
    "",
    "  protected override async Task ExecuteAsync(CancellationToken stoppingToken)",
    "  {",
    "    using var timer = new PeriodicTimer(Interval);",
    "    do",
    "    {",
    "      try",
    "      {",
    "        var count = await RunOnceAsync(stoppingToken);",
    `        logger.LogInformation("${label(from.event)}: {Count} ${pluralPhrase(entity)}", count);`,
    "      }",
    "      catch (Exception exception) when (exception is not OperationCanceledException)",
    "      {",
    `        logger.LogError(exception, "${what} failed");`,
    "      }",
    "    }",
    "    while (await timer.WaitForNextTickAsync(stoppingToken));",
    "  }",
    "",
    "  private async Task<int> RunOnceAsync(CancellationToken cancellationToken)",
    "  {",
    "    await using var scope = scopes.CreateAsyncScope();",
    `    var db = scope.ServiceProvider.GetRequiredService<${db}>();`,
    `    var now = clock.GetUtcNow()${style.dateTime === "DateTime" ? ".UtcDateTime" : ""};`,
    `    var due = await db.${set}`,
    `      .Where(x => x.Status == ${entity}Status.${from.from}${cutoff && dateField?.type === "datetime" ? ` && x.${cutoff} < now` : ""})`,
    "      .ToListAsync(cancellationToken);",
    "    foreach (var item in due)",
    "    {",
    `      item.Status = ${entity}Status.${from.to};`,
    "    }",
    "    await db.SaveChangesAsync(cancellationToken);",
    "    return due.Count;",
    "  }",
    "}"
  )
  const text = unit(style, ["Microsoft.EntityFrameworkCore", `${style.root}.Domain.Entities`, `${style.root}.Infrastructure`], `${style.root}.Workers`, body)
  const prompt = either(
    rng,
    `BackgroundService \`${name}\` for ${d.title}. Every ${minutes} minute${minutes === 1 ? "" : "s"} it should ${label(from.event).toLowerCase()} the ${pluralPhrase(entity)} that are ${from.from}${cutoff && dateField?.type === "datetime" ? ` and whose ${phraseOf(dateField.name)} has passed` : ""} (status ${from.to}), using a scoped DbContext, PeriodicTimer and TimeProvider.`,
    `Write a hosted worker ${name} that runs on a ${minutes}-minute PeriodicTimer. It loads the ${set} in status ${from.from}${cutoff && dateField?.type === "datetime" ? ` whose ${phraseOf(dateField.name)} is in the past` : ""}, sets them to ${from.to}, saves and logs the count.`
  )
  return { shape: `worker:periodic:${cutoff !== undefined}`, files: [{ path: `Workers/${name}.cs`, text }], prompt }
}

// ---------------------------------------------------------------- domain entities

const domainEntity = (rng: Rng, d: Domain, style: Style): Made => {
  const lifecycle = d.lifecycles.length > 0 ? rng.pick(d.lifecycles) : undefined
  if (lifecycle === undefined) return recordsExample(rng, d, style)
  const entity = d.entities.find((candidate) => candidate.name === lifecycle.entity)!
  const e = view(rng, entity, 1, 3)
  const events = [...new Set(lifecycle.transitions.map((t) => t.event))]
  const chosen = rng.sample(events, rng.int(Math.min(2, events.length), Math.min(5, events.length)))
  const status = `${e.name}Status`
  const history = rng.chance(0.4)
  const ctorParams = e.fields.map((f) => `${propType(f, style)} ${camel(f.cs)}`).join(", ")
  const methods = chosen.flatMap((event) => {
    const moves = lifecycle.transitions.filter((t) => t.event === event)
    const froms = [...new Set(moves.map((t) => t.from))]
    const to = moves[0].to
    return [
      "",
      `  public void ${pascal(event)}()`,
      "  {",
      `    Ensure(nameof(${pascal(event)}), ${froms.map((s) => `${status}.${s}`).join(", ")});`,
      `    ${history ? `MoveTo(${status}.${to})` : `Status = ${status}.${to}`};`,
      "  }"
    ]
  })
  const body = lines(
    ...statusEnum(lifecycle),
    "",
    ...doc(style, "", `A ${label(e.name).toLowerCase()} that only changes status through its own methods.`),
    `public ${sealedWord(style)}class ${e.name}`,
    "{",
    ...(history ? [`  private readonly List<(${status} Status, ${style.dateTime} At)> _history = [];`, ""] : []),
    `  private ${e.name}()`,
    "  {",
    "  }",
    "",
    `  public ${e.name}(${ctorParams})`,
    "  {",
    ...e.fields.map((f) => `    ${f.cs} = ${camel(f.cs)};`),
    `    Status = ${status}.${lifecycle.initial};`,
    "  }",
    "",
    `  public int ${e.id.cs} { get; private set; }`,
    ...e.fields.map((f) => `  public ${propType(f, style)} ${f.cs} { get; private set; }${f.type === "string" ? " = string.Empty;" : ""}`),
    `  public ${status} Status { get; private set; }`,
    ...(history ? [`  public IReadOnlyList<(${status} Status, ${style.dateTime} At)> History => _history;`] : []),
    `  public bool IsClosed => Status is ${lifecycle.finals.map((s) => `${status}.${s}`).join(" or ")};`,
    ...methods,
    "",
    `  private void Ensure(string action, params ${status}[] allowed)`,
    "  {",
    "    if (!allowed.Contains(Status))",
    "    {",
    `      throw new InvalidOperationException($"Cannot {action} a ${label(e.name).toLowerCase()} that is {Status}.");`,
    "    }",
    "  }",
    ...(history ? ["", `  private void MoveTo(${status} next)`, "  {", `    _history.Add((Status, ${style.dateTime}.UtcNow));`, "    Status = next;", "  }"] : []),
    "}"
  )
  const text = unit(style, [], `${style.root}.Domain`, body)
  const prompt = either(
    rng,
    `Rich domain model in C# for a ${label(e.name).toLowerCase()}. Write the class \`${e.name}\` and the \`${status}\` enum (${listed(lifecycle.states)}), with the methods ${listed(chosen.map((ev) => `\`${pascal(ev)}()\``))} that throw InvalidOperationException on an illegal transition. Use private setters.`,
    `DDD-style ${e.name} entity for ${d.title}. Its constructor sets ${listed(e.fields.map((f) => f.words))}, the status starts at ${lifecycle.initial}, and the transitions are ${chosen.map((ev) => pascal(ev)).join(", ")}.`,
    `Encapsulate the ${label(e.name).toLowerCase()} lifecycle in C# in ${e.name} and ${status}. Allow only ${chosen.length} operations (${chosen.map((ev) => pascal(ev)).join(", ")}) and guard each one.`
  ) + including([history && "keep a timestamped history of status changes", "an IsClosed property"], "Also")
  return { shape: `domain-entity:${chosen.length}:${history}`, files: [{ path: `Domain/${e.name}.cs`, text }], prompt }
}

// ---------------------------------------------------------------- services

const efService = (rng: Rng, d: Domain, style: Style): Made => {
  const e = view(rng, pickEntity(rng, d), 2, 4)
  const db = `${pascal(d.id)}DbContext`
  const name = `${e.name}Service`
  const paging = rng.chance(0.4)
  const search = e.fields.find((f) => f.type === "string")
  const withSearch = search !== undefined && rng.chance(0.4)
  const set = e.plural
  const field = style.primary ? "db" : "_db"
  const members = [
    paging
      ? `  Task<IReadOnlyList<${e.name}>> ListAsync(int page, int pageSize, CancellationToken cancellationToken = default);`
      : `  Task<IReadOnlyList<${e.name}>> ListAsync(CancellationToken cancellationToken = default);`,
    `  Task<${e.name}?> FindAsync(int id, CancellationToken cancellationToken = default);`,
    ...(withSearch ? [`  Task<IReadOnlyList<${e.name}>> SearchAsync(string ${camel(search!.cs)}, CancellationToken cancellationToken = default);`] : []),
    `  Task<${e.name}> AddAsync(${e.name} ${camel(e.name)}, CancellationToken cancellationToken = default);`,
    `  Task<bool> RemoveAsync(int id, CancellationToken cancellationToken = default);`
  ]
  const body = lines(
    `public interface I${name}`,
    "{",
    ...members,
    "}",
    "",
    style.primary ? `public ${sealedWord(style)}class ${name}(${db} db) : I${name}` : `public ${sealedWord(style)}class ${name} : I${name}`,
    "{",
    ...(style.primary ? [] : [`  private readonly ${db} _db;`, "", `  public ${name}(${db} db) => _db = db;`, ""]),
    ...(paging
      ? [
          `  public async Task<IReadOnlyList<${e.name}>> ListAsync(int page, int pageSize, CancellationToken cancellationToken = default) =>`,
          `    await ${field}.${set}.AsNoTracking()`,
          `      .OrderBy(x => x.${e.id.cs})`,
          "      .Skip((page - 1) * pageSize)",
          "      .Take(pageSize)",
          "      .ToListAsync(cancellationToken);"
        ]
      : [`  public async Task<IReadOnlyList<${e.name}>> ListAsync(CancellationToken cancellationToken = default) =>`, `    await ${field}.${set}.AsNoTracking().ToListAsync(cancellationToken);`]),
    "",
    `  public async Task<${e.name}?> FindAsync(int id, CancellationToken cancellationToken = default) =>`,
    `    await ${field}.${set}.FindAsync([id], cancellationToken);`,
    ...(withSearch
      ? [
          "",
          `  public async Task<IReadOnlyList<${e.name}>> SearchAsync(string ${camel(search!.cs)}, CancellationToken cancellationToken = default) =>`,
          `    await ${field}.${set}.AsNoTracking().Where(x => x.${search!.cs}.Contains(${camel(search!.cs)})).ToListAsync(cancellationToken);`
        ]
      : []),
    "",
    `  public async Task<${e.name}> AddAsync(${e.name} ${camel(e.name)}, CancellationToken cancellationToken = default)`,
    "  {",
    `    ${field}.${set}.Add(${camel(e.name)});`,
    `    await ${field}.SaveChangesAsync(cancellationToken);`,
    `    return ${camel(e.name)};`,
    "  }",
    "",
    `  public async Task<bool> RemoveAsync(int id, CancellationToken cancellationToken = default) =>`,
    `    await ${field}.${set}.Where(x => x.${e.id.cs} == id).ExecuteDeleteAsync(cancellationToken) > 0;`,
    "}"
  )
  const text = unit(style, ["Microsoft.EntityFrameworkCore", `${style.root}.Domain.Entities`, `${style.root}.Infrastructure`], `${style.root}.Services`, body)
  const prompt = either(
    rng,
    `Write the service layer for ${pluralPhrase(e.name)} as \`I${name}\` and \`${name}\`. ${name} implements it over the EF Core DbContext and offers ListAsync${paging ? " (paged)" : ""}, FindAsync${withSearch ? ", SearchAsync" : ""}, AddAsync and RemoveAsync.`,
    `C# ${name} and I${name}, using the application's DbContext. It lists${paging ? " a page at a time" : ""}, finds, adds and removes, takes a CancellationToken and reads with AsNoTracking.${withSearch ? ` It can also search by ${search!.words}.` : ""}`
  )
  return { shape: `ef-service:${paging}:${withSearch}:${style.primary}`, files: [{ path: `Services/${name}.cs`, text }], prompt }
}

const httpClientExample = (rng: Rng, d: Domain, style: Style): Made => {
  const system = rng.pick(d.systems)
  const client = `${pascal(system)}Client`
  const activity = rng.pick(d.activities)
  const operation = `${pascal(activity)}Async`
  const e = view(rng, entityIn(rng, d, activity), 1, 3)
  const request = `${pascal(activity)}Request`
  const response = `${pascal(activity)}Response`
  const options = `${pascal(system)}Options`
  const path = kebab(pascal(activity))
  const retry = rng.chance(0.4)
  const body = lines(
    `public ${sealedWord(style)}class ${options}`,
    "{",
    `  public const string Section = "${pascal(system)}";`,
    "",
    "  public required Uri BaseAddress { get; init; }",
    "  public required string ApiKey { get; init; }",
    `  public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(${rng.pick([5, 10, 30])});`,
    "}",
    "",
    `public ${sealedWord(style)}record ${request}(int ${e.name}Id, ${e.fields.map((f) => `${propType(f, style)} ${f.cs}`).join(", ")});`,
    "",
    `public ${sealedWord(style)}record ${response}(string Reference, bool Accepted, string? Message);`,
    "",
    ...doc(style, "", `Calls the ${system}.`),
    `public ${sealedWord(style)}class ${client}(HttpClient http, ILogger<${client}> logger)`,
    "{",
    `  public async Task<${response}> ${operation}(${request} request, CancellationToken cancellationToken = default)`,
    "  {",
    ...(retry
      ? [
          `    for (var attempt = 1; ; attempt++)`,
          "    {",
          `      using var response = await http.PostAsJsonAsync("${path}", request, cancellationToken);`,
          `      if (response.IsSuccessStatusCode)`,
          "      {",
          `        return await response.Content.ReadFromJsonAsync<${response}>(cancellationToken)`,
          `          ?? throw new InvalidOperationException("${system} returned an empty body.");`,
          "      }",
          `      if (attempt == ${rng.int(2, 4)} || (int)response.StatusCode < 500)`,
          "      {",
          "        response.EnsureSuccessStatusCode();",
          "      }",
          `      logger.LogWarning("${system} answered {Status}, retrying (attempt {Attempt})", response.StatusCode, attempt);`,
          "      await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);",
          "    }"
        ]
      : [
          `    logger.LogDebug("${activity} for ${label(e.name).toLowerCase()} {Id}", request.${e.name}Id);`,
          `    using var response = await http.PostAsJsonAsync("${path}", request, cancellationToken);`,
          "    response.EnsureSuccessStatusCode();",
          `    return await response.Content.ReadFromJsonAsync<${response}>(cancellationToken)`,
          `      ?? throw new InvalidOperationException("${system} returned an empty body.");`
        ]),
    "  }",
    "}"
  )
  const text = unit(style, ["System.Net.Http.Json"], `${style.root}.Integrations`, body)
  const prompt = either(
    rng,
    `Typed HttpClient \`${client}\` for the ${system} in ${d.title}. Its method \`${operation}\` posts a ${request} and reads a ${response}. Add a ${options} class (BaseAddress, ApiKey, Timeout)${retry ? " and retry 5xx answers a few times" : ""}.`,
    `We integrate with ${system}. Write the C# client ${client}, which gets an HttpClient injected, to ${activity.toLowerCase()}. Add the request and response records and the options class.${retry ? " Retry 5xx answers after a short delay." : ""}`
  )
  return { shape: `http-client:${retry}:${e.fields.length}`, files: [{ path: `Integrations/${client}.cs`, text }], prompt }
}

// ---------------------------------------------------------------- multi-file

const featureExample = (rng: Rng, d: Domain, style: Style): Made => {
  const models = entityModels(rng, d, rng.int(1, 3))
  const main = models[0]
  const e = main.view
  const dbName = `${pascal(d.id)}DbContext`
  const files: SourceFile[] = models.map((m) => ({
    path: `Domain/Entities/${m.view.name}.cs`,
    text: unit(style, [], `${style.root}.Domain.Entities`, lines(...entityClass(rng, m, style, false, undefined)))
  }))
  files.push({
    path: `Infrastructure/${dbName}.cs`,
    text: unit(style, ["Microsoft.EntityFrameworkCore", `${style.root}.Domain.Entities`], `${style.root}.Infrastructure`, lines(...dbContextBody(rng, d, style, models, dbName, false)))
  })
  const withController = rng.chance(0.5)
  if (withController) {
    const contract = { ...contractFor(rng, e, undefined), actions: [] }
    const made = controller(rng, d, style, e, contract, true)
    files.push({ path: `Controllers/${made.name}.cs`, text: made.text })
  }
  const names = models.map((m) => m.view.name)
  const prompt = either(
    rng,
    `.NET feature for ${pluralPhrase(e.name)} in ${d.title}, one file per class. Write the EF Core entit${names.length > 1 ? "ies" : "y"} ${listed(names)} and the ${dbName}.${withController ? ` Add the API controller ${e.plural}Controller, its DTO records and its service interface.` : ""}`,
    `Give me the files for ${listed(names)} in EF Core: ${files.map((f) => f.path).join(", ")}.`
  )
  return { shape: `feature:${files.length}:${withController}`, files, prompt }
}

export const DOTNET_SHAPES: ReadonlyArray<readonly [(rng: Rng, d: Domain, style: Style) => Made, number]> = [
  [controllerExample, 14],
  [minimalProgram, 8],
  [endpointsClass, 7],
  [entitiesExample, 10],
  [dbContextExample, 9],
  [configurationExample, 6],
  [recordsExample, 9],
  [backgroundExample, 9],
  [domainEntity, 9],
  [efService, 7],
  [httpClientExample, 7],
  [featureExample, 9]
]

export const dotnetExample = (rng: Rng, d: Domain): Made => {
  const style: Style = {
    unit: rng.chance(0.9) ? "    " : "  ",
    dateTime: rng.chance(0.6) ? "DateTime" : "DateTimeOffset",
    fileScoped: rng.chance(0.8),
    primary: rng.chance(0.55),
    sealed: rng.chance(0.45),
    docs: rng.chance(0.3),
    root: `${pascal(d.id)}.${rng.pick(ROOT_SUFFIX)}`
  }
  return rng.weighted(DOTNET_SHAPES)(rng, d, style)
}

