/**
 * What `parse` returns: the diagram's type and either its structure, read from mermaid's own
 * diagram database, or the parser's error with line and column.
 */

/** The diagram families this package reads structure from. */
export type DiagramFamily = "er" | "flowchart" | "sequence" | "class" | "state"

// ── ER ────────────────────────────────────────────────────────────────────────────────────────
export interface ErAttribute {
  readonly type: string
  readonly name: string
  /** `PK`, `FK`, `UK`. */
  readonly keys: ReadonlyArray<string>
  readonly comment: string
}

export interface ErEntity {
  readonly name: string
  /** The display alias (`CUSTOMER["Customer"]`), empty when none. */
  readonly alias: string
  readonly attributes: ReadonlyArray<ErAttribute>
}

/** Mermaid's cardinality names: `ZERO_OR_ONE`, `ZERO_OR_MORE`, `ONE_OR_MORE`, `ONLY_ONE`, `MD_PARENT`. */
export type ErCardinality = string

export interface ErRelationship {
  readonly from: string
  readonly to: string
  readonly label: string
  /** The marker at `from`'s end (`||` in `A ||--o{ B`). */
  readonly fromCardinality: ErCardinality
  /** The marker at `to`'s end (`o{` in `A ||--o{ B`). */
  readonly toCardinality: ErCardinality
  /** `--` (identifying) or `..` (non-identifying). */
  readonly identifying: boolean
}

export interface ErDiagram {
  readonly family: "er"
  readonly direction: string
  readonly entities: ReadonlyArray<ErEntity>
  readonly relationships: ReadonlyArray<ErRelationship>
}

// ── flowchart ─────────────────────────────────────────────────────────────────────────────────
export interface FlowNode {
  readonly id: string
  /** The text shown; the id when the node has no label of its own. */
  readonly label: string
  /** Whether the node was given a label (`A[Text]`, `A@{ label: … }`), not just an id. */
  readonly labelled: boolean
  /** Mermaid's shape name: `square`, `round`, `stadium`, `circle`, `doublecircle`, `diamond`, … or the `@{ shape }` name; `default` for a bare id. */
  readonly shape: string
  /** The innermost subgraph holding the node, if any. */
  readonly subgraph?: string
}

export interface FlowEdge {
  readonly from: string
  readonly to: string
  readonly label: string
  /** `arrow_point`, `arrow_open`, `arrow_circle`, `arrow_cross`, `double_arrow_point`, … */
  readonly arrow: string
  /** `normal`, `thick`, `dotted`, `invisible`. */
  readonly stroke: string
}

export interface FlowSubgraph {
  readonly id: string
  readonly title: string
  /** Direct members: node ids and nested subgraph ids. */
  readonly members: ReadonlyArray<string>
  readonly parent?: string
}

export interface FlowchartDiagram {
  readonly family: "flowchart"
  readonly direction: string
  readonly nodes: ReadonlyArray<FlowNode>
  /** Edges may start or end at a subgraph id. */
  readonly edges: ReadonlyArray<FlowEdge>
  readonly subgraphs: ReadonlyArray<FlowSubgraph>
}

// ── sequence ──────────────────────────────────────────────────────────────────────────────────
export interface SequenceParticipant {
  readonly id: string
  readonly label: string
  /** `participant`, `actor`, or a participant stereotype such as `database`. */
  readonly kind: string
  readonly box?: string
}

export interface SequenceMessage {
  readonly from: string
  readonly to: string
  readonly text: string
  /** Mermaid's line-type name: `SOLID`, `DOTTED`, `SOLID_CROSS`, `SOLID_OPEN`, `SOLID_POINT`, `BIDIRECTIONAL_SOLID`, … */
  readonly arrow: string
  /** Index among all messages (0-based). */
  readonly index: number
  /** Ids of the enclosing blocks, outermost first. */
  readonly blocks: ReadonlyArray<number>
}

export interface SequenceNote {
  readonly actors: ReadonlyArray<string>
  readonly text: string
  /** `left of`, `right of`, `over`. */
  readonly placement: string
}

export interface SequenceBlock {
  readonly id: number
  /** `loop`, `alt`, `opt`, `par`, `critical`, `break`, `rect`. */
  readonly kind: string
  readonly label: string
  readonly parent?: number
  /** Branches (`else`, `and`, `option` add one each). */
  readonly branches: number
  /** Messages inside, nested blocks included. */
  readonly messages: number
  /** False when the diagram ended before the block's `end` (mermaid accepts none such; kept for completeness). */
  readonly closed: boolean
}

export interface SequenceDiagram {
  readonly family: "sequence"
  readonly participants: ReadonlyArray<SequenceParticipant>
  readonly messages: ReadonlyArray<SequenceMessage>
  readonly notes: ReadonlyArray<SequenceNote>
  readonly blocks: ReadonlyArray<SequenceBlock>
  /** Participants still activated at the end, by id, with how many activations are open. */
  readonly openActivations: ReadonlyArray<{ readonly id: string; readonly open: number }>
  readonly autonumber: boolean
}

// ── class ─────────────────────────────────────────────────────────────────────────────────────
export interface ClassMember {
  readonly name: string
  /** The declared type (attribute type or method return type), empty when none. */
  readonly type: string
  /** `+`, `-`, `#`, `~` or empty. */
  readonly visibility: string
  /** `$` static, `*` abstract, or empty. */
  readonly classifier: string
  /** Methods only: the parameter list as written. */
  readonly parameters?: string
}

export interface ClassNode {
  readonly id: string
  readonly label: string
  /** The generic parameter (`Box~T~` → `T`), empty when none. */
  readonly generic: string
  /** `interface`, `abstract`, `enumeration`, `service`, … */
  readonly annotations: ReadonlyArray<string>
  readonly attributes: ReadonlyArray<ClassMember>
  readonly methods: ReadonlyArray<ClassMember>
  readonly namespace?: string
}

/** `inheritance`, `realization`, `composition`, `aggregation`, `association`, `dependency`, `lollipop`, `link`, `dashed-link`. */
export type ClassRelationKind = string

export interface ClassRelation {
  readonly from: string
  readonly to: string
  readonly kind: ClassRelationKind
  readonly label: string
  /** The multiplicity written at `from` (`"1"`), empty when none. */
  readonly fromCardinality: string
  readonly toCardinality: string
  readonly dotted: boolean
}

export interface ClassDiagram {
  readonly family: "class"
  readonly direction: string
  readonly classes: ReadonlyArray<ClassNode>
  readonly relations: ReadonlyArray<ClassRelation>
  readonly notes: ReadonlyArray<{ readonly for?: string; readonly text: string }>
  readonly namespaces: ReadonlyArray<string>
}

// ── state ─────────────────────────────────────────────────────────────────────────────────────
export interface StateNode {
  readonly id: string
  readonly label: string
  /** `state`, `composite`, `choice`, `fork`, `join`. */
  readonly kind: string
  /** The composite state holding it, if any. */
  readonly parent?: string
  readonly descriptions: ReadonlyArray<string>
  readonly notes: ReadonlyArray<string>
}

/** A transition; `[*]` as `from` is the start of `scope`, as `to` its end (scope undefined: the diagram itself). */
export interface StateTransition {
  readonly from: string
  readonly to: string
  readonly label: string
  readonly scope?: string
}

export interface StateDiagram {
  readonly family: "state"
  readonly direction: string
  /** Every state but the `[*]` pseudo-states. */
  readonly states: ReadonlyArray<StateNode>
  readonly transitions: ReadonlyArray<StateTransition>
}

export type Diagram = ErDiagram | FlowchartDiagram | SequenceDiagram | ClassDiagram | StateDiagram

export type DiagramOf<F extends DiagramFamily> = Extract<Diagram, { family: F }>

// ── parse results ─────────────────────────────────────────────────────────────────────────────
export interface SourceError {
  readonly message: string
  /** 1-based line in the text given to `parse`. */
  readonly line?: number
  /** 1-based column. */
  readonly column?: number
  /** Tokens the parser would have accepted. */
  readonly expected?: ReadonlyArray<string>
  /** The token it found instead. */
  readonly found?: string
}

/**
 * Why a parse gave no structure: `empty` (nothing but blanks and comments), `too-large` (over the
 * size or line limit), `too-deep` (blocks nested past the depth limit), `unknown-type` (no diagram header mermaid knows), `unsupported-type` (a mermaid
 * diagram of a family this package does not read, e.g. `pie`), `syntax` (the parser rejected it),
 * `internal` (this package failed to read mermaid's answer: a bug here, never the text's fault).
 */
export type ParseFailureReason = "empty" | "too-large" | "too-deep" | "unknown-type" | "unsupported-type" | "syntax" | "internal"

export interface ParseSuccess {
  readonly ok: true
  /** Mermaid's diagram type id (`er`, `flowchart-v2`, `sequence`, `classDiagram`, `stateDiagram`). */
  readonly type: string
  readonly family: DiagramFamily
  readonly diagram: Diagram
  /** 1-based line of the diagram header (`erDiagram`, `flowchart LR`, …). */
  readonly headerLine: number
}

export interface ParseFailure {
  readonly ok: false
  readonly reason: ParseFailureReason
  readonly type?: string
  readonly family?: DiagramFamily
  readonly error: SourceError
  readonly headerLine?: number
}

export type ParseResult = ParseSuccess | ParseFailure

export interface ParseOptions {
  /** Characters accepted at most (default {@link DEFAULT_MAX_CHARS}). */
  readonly maxChars?: number
  /** Lines accepted at most (default {@link DEFAULT_MAX_LINES}). */
  readonly maxLines?: number
  /** Blocks (`subgraph`, `loop`, `alt`, `{ … }`, …) nested at most this deep (default {@link DEFAULT_MAX_DEPTH}). */
  readonly maxDepth?: number
}

/** Mermaid's own default `maxTextSize`. */
export const DEFAULT_MAX_CHARS = 50_000

/**
 * Lines and nesting are refused past these before mermaid sees the text: its parser slows down
 * superlinearly on deep nesting (3,000 nested subgraphs: 46 s of one core), and no diagram a
 * person reads comes near them.
 */
export const DEFAULT_MAX_LINES = 2_000
export const DEFAULT_MAX_DEPTH = 50
