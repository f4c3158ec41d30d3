import { isIP } from "node:net"

/** Loopback: 127.0.0.0/8, ::1, localhost. Anything else (0.0.0.0, a LAN address, a name) is exposed. */
export const isLoopback = (host: string): boolean => {
  const bare = host.replace(/^\[|\]$/g, "")
  if (bare === "localhost" || bare === "::1") return true
  if (isIP(bare) === 4) return bare.startsWith("127.")
  if (bare.startsWith("::ffff:")) return bare.slice(7).startsWith("127.")
  return false
}
