/**
 * `nx g @lfai/nx-plugin:artifact <name> [--model M] [--title T] [--description D] [--dry-run]`:
 * packages/artifact-<name> in the shape of lfai's plugins — the plugin value, its prompt, extract,
 * a validator with one real rule on a real parser, a seeded dataset over the shared domains that
 * passes the dataset rules, the shared contract tests and its own, a README with its scoring
 * table and a runnable example — added to lfai's plugin list and linked. A refusal writes nothing.
 */
import { fileURLToPath } from "node:url"
import { generateFiles, type GeneratorCallback, type Tree } from "@nx/devkit"
import { linkPackage } from "./internal/link.ts"
import { planArtifact, type ArtifactGeneratorSchema } from "./internal/plan.ts"
import { registerArtifact } from "./internal/register.ts"

/** The package's templates: files read at run time, beside src/ (and dist/). */
const TEMPLATES = fileURLToPath(new URL("../generators/artifact/files", import.meta.url))

export default async function artifactGenerator(tree: Tree, schema: ArtifactGeneratorSchema): Promise<GeneratorCallback> {
  const plan = planArtifact(tree, schema)
  generateFiles(tree, TEMPLATES, plan.dir, plan.substitutions)
  const license = tree.read("LICENSE")
  if (license !== null) tree.write(`${plan.dir}/LICENSE`, license)
  registerArtifact(tree, plan)
  return () => linkPackage(tree.root, plan)
}
