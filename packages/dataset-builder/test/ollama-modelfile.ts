/**
 * A reader of Ollama's Modelfile grammar, for checking what `modelfile` writes. Written from
 * Ollama's docs/modelfile.md and the behaviour of its parser (parser/parser.go): `# comment`
 * lines; `INSTRUCTION arguments`, instructions case-insensitive; PARAMETER and MESSAGE take a
 * name first; a value runs to the end of the line unless it opens a `"` or `"""` quote, which may
 * span lines and is closed by the same quote at the end of a line; no escapes; FROM is required.
 */
const INSTRUCTIONS = new Set(["from", "license", "template", "system", "adapter", "draft", "renderer", "parser", "parameter", "message", "requires"])

export interface Command {
  readonly name: string
  readonly args: string
}

export const parseModelfile = (text: string): Command[] => {
  const commands: Command[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^[ \t]+/, "")
    if (line === "" || line.startsWith("#")) continue
    const match = /^([A-Za-z]+)[ \t]+(.*)$/.exec(line)
    if (!match) throw new Error(`line ${i + 1}: expected INSTRUCTION arguments, got ${JSON.stringify(lines[i])}`)
    const instruction = match[1].toLowerCase()
    if (!INSTRUCTIONS.has(instruction)) throw new Error(`line ${i + 1}: unknown instruction ${match[1]}`)
    let rest = match[2]
    let name = instruction === "from" ? "model" : instruction
    if (instruction === "parameter") {
      const parameter = /^([A-Za-z0-9_]+)[ \t]+(.*)$/.exec(rest)
      if (!parameter) throw new Error(`line ${i + 1}: PARAMETER needs a name and a value`)
      name = parameter[1]
      rest = parameter[2]
    }
    let value = rest.trim()
    for (const quote of ['"""', '"']) {
      if (!value.startsWith(quote)) continue
      // Accumulate lines until the buffer (trimmed) ends with the closing quote.
      let buffer = value
      while (!(buffer.length >= quote.length * 2 && buffer.endsWith(quote))) {
        i++
        if (i >= lines.length) throw new Error(`unterminated ${quote} value of ${instruction}`)
        buffer = `${buffer}\n${lines[i]}`.trimEnd()
      }
      value = buffer.slice(quote.length, buffer.length - quote.length)
      break
    }
    commands.push({ name, args: value })
  }
  if (!commands.some((command) => command.name === "model")) throw new Error("no FROM line")
  return commands
}
