/**
 * Linking the new workspace package as `npm install` does for a workspace member — its entries in
 * package-lock.json and the `node_modules/@lfai/artifact-<id>` link — without downloading anything:
 * every dependency of a generated package is in the tree already. Runs after the files are
 * written (never on --dry-run).
 */
import { execFileSync } from "node:child_process"
import { existsSync, lstatSync, mkdirSync, symlinkSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { logger } from "@nx/devkit"
import type { ArtifactPlan } from "./plan.ts"

export class LinkError extends Error {
  override readonly name = "LinkError"
}

export const linkPackage = (root: string, plan: ArtifactPlan): void => {
  try {
    execFileSync("npm", ["install", "--package-lock-only", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8"
    })
  } catch (error) {
    const output = error instanceof Error && "stderr" in error ? String((error as { stderr: unknown }).stderr).trim() : String(error)
    throw new LinkError(`${plan.dir} is written and registered, but recording it in package-lock.json failed (npm install --package-lock-only --offline): ${output}\nRun npm install to link it.`)
  }
  const link = join(root, "node_modules", ...plan.packageName.split("/"))
  if (!existsSync(link) && !isLink(link)) {
    mkdirSync(dirname(link), { recursive: true })
    symlinkSync(relative(dirname(link), join(root, plan.dir)), link, "junction")
  }
  logger.info(`linked ${plan.packageName} (node_modules → ${plan.dir}) and recorded it in package-lock.json`)
}

const isLink = (path: string) => {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}
