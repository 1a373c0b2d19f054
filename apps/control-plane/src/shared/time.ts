// Time helpers shared by stores and routes; the clock itself is always injected.

/** A clock in milliseconds since the epoch. */
export type Clock = () => number

/** ISO-8601 text of a timestamp column, or null. */
export function toIso(value: Date | string | null): string | null {
  if (value === null) return null
  return (value instanceof Date ? value : new Date(value)).toISOString()
}

/** Unix seconds of a timestamp column, or null. */
export function toUnixSeconds(value: Date | string | null): number | null {
  if (value === null) return null
  return Math.floor((value instanceof Date ? value : new Date(value)).getTime() / 1000)
}
