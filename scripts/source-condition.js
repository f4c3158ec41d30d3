// Inside the lfai repository, `@lfai/*` imports resolve to the TypeScript sources through the
// "source" export condition, with no build step. A package's bin imports this module (only when
// its src/ folder is beside it, which an installed package never has) to add the condition to
// this thread's resolution; worker threads and child processes get `--conditions=source` instead.
import { registerHooks } from "node:module"

registerHooks({
  resolve: (specifier, context, nextResolve) =>
    nextResolve(specifier, context.conditions.includes("source") ? context : { ...context, conditions: [...context.conditions, "source"] })
})
