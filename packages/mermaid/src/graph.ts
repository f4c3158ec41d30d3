/** Graph walks the diagram validators share (reachability, connected parts). */

export interface Arc {
  readonly from: string
  readonly to: string
}

/**
 * Every node reachable from `starts` along `arcs`. `enter(node)` lists nodes reached together with
 * a node (e.g. a subgraph's members, a composite state's start).
 */
export const reachable = (starts: Iterable<string>, arcs: ReadonlyArray<Arc>, enter: (node: string) => Iterable<string> = () => []): Set<string> => {
  const next = new Map<string, string[]>()
  for (const arc of arcs) {
    const list = next.get(arc.from)
    if (list) list.push(arc.to)
    else next.set(arc.from, [arc.to])
  }
  const seen = new Set<string>()
  const todo = [...starts]
  while (todo.length > 0) {
    const node = todo.pop() as string
    if (seen.has(node)) continue
    seen.add(node)
    for (const to of next.get(node) ?? []) if (!seen.has(to)) todo.push(to)
    for (const inner of enter(node)) if (!seen.has(inner)) todo.push(inner)
  }
  return seen
}

/** The weakly connected parts of a graph, each a set of node ids. */
export const components = (nodes: Iterable<string>, arcs: ReadonlyArray<Arc>): Array<Set<string>> => {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    while (parent.get(root) !== root) root = parent.get(root) as string
    let cur = x
    while (cur !== root) {
      const up = parent.get(cur) as string
      parent.set(cur, root)
      cur = up
    }
    return root
  }
  for (const node of nodes) parent.set(node, node)
  for (const arc of arcs) {
    if (!parent.has(arc.from)) parent.set(arc.from, arc.from)
    if (!parent.has(arc.to)) parent.set(arc.to, arc.to)
    parent.set(find(arc.from), find(arc.to))
  }
  const groups = new Map<string, Set<string>>()
  for (const node of parent.keys()) {
    const root = find(node)
    const group = groups.get(root)
    if (group) group.add(node)
    else groups.set(root, new Set([node]))
  }
  return [...groups.values()]
}
