/**
 * Debian's Chromium driven by playwright-core, for the console's tests: never a browser download.
 * `.ci/run` installs the `chromium` package when /usr/bin/chromium is missing.
 */
import { existsSync, mkdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { chromium, type Browser, type Page } from "playwright-core"

export const CHROMIUM = process.env.LFAI_CHROMIUM ?? "/usr/bin/chromium"

/** Screenshots go to the repository's git-ignored `reports/console/`. */
export const SCREENSHOTS = fileURLToPath(new URL("../../../../reports/console/", import.meta.url))

export const launchBrowser = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the console's browser tests need Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), or set LFAI_CHROMIUM`)
  }
  mkdirSync(SCREENSHOTS, { recursive: true })
  // playwright gives each launch a fresh, empty profile. These flags keep Chromium from calling
  // anyone: no background networking, component updates, sync or QUIC probes.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  })
}

/** Every URL a page asks for, and everything it logs as an error. */
export interface PageLog {
  readonly requests: Array<string>
  readonly errors: Array<string>
}

/** A new page in its own context, recording its requests (frames and workers included) and errors. */
export const openPage = async (browser: Browser): Promise<{ page: Page; log: PageLog; close: () => Promise<void> }> => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
  context.setDefaultTimeout(60_000)
  const log: PageLog = { requests: [], errors: [] }
  context.on("request", (request) => void log.requests.push(request.url()))
  const page = await context.newPage()
  page.on("console", (message) => {
    if (message.type() === "error") log.errors.push(message.text())
  })
  page.on("pageerror", (error) => void log.errors.push(error.message))
  return { page, log, close: () => context.close() }
}

/** The requests that went anywhere but the given origins (data: and blob: URLs stay in the page). */
export const outside = (log: PageLog, origins: ReadonlyArray<string>): Array<string> =>
  log.requests.filter((url) => !/^(data|blob|about):/.test(url) && !origins.some((origin) => url.startsWith(`${origin}/`)))
