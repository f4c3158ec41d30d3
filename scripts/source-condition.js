// Inside the lfai repository, `@lfai/*` imports resolve to the TypeScript sources through the
// "@lfai/source" export condition, with no build step. A package's bin imports this module (only
// when its src/ folder is beside it, which an installed package never has) to add the condition to
// this thread's resolution; worker threads and child processes get `--conditions=@lfai/source`.
import { registerHooks } from "node:module"

const CONDITION = "@lfai/source"

registerHooks({
  resolve: (specifier, context, nextResolve) =>
    nextResolve(specifier, context.conditions.includes(CONDITION) ? context : { ...context, conditions: [...context.conditions, CONDITION] })
})
