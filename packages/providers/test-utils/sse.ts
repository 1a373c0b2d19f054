// Test helpers: read `.chunks.txt` fixtures and split SSE text back into events.
import { readFileSync } from 'node:fs'
import type { SseEvent } from '../src/translate/stream-types.js'

/** Splits SSE text into events (blank-line separated blocks of `event:` / `data:` lines; comments skipped). */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = []
  for (const block of text.split(/\n\n+/)) {
    let event: string | undefined
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7)
      else if (line.startsWith('data: ')) data.push(line.slice(6))
    }
    if (data.length > 0)
      events.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') })
  }
  return events
}

/** The events of a fixture in `src/translate/__fixtures__/`. */
export function loadFixture(name: string): SseEvent[] {
  return parseSse(readFileSync(new URL(`../src/translate/__fixtures__/${name}`, import.meta.url), 'utf8'))
}

/** Arbitrary wire JSON, probed by tests field by field. */
// biome-ignore lint/suspicious/noExplicitAny: tests read deep optional fields of many wire shapes
export type WireJson = any

/** The JSON payloads of SSE text, with their event names (`[DONE]` kept as a string). */
export function payloadsOf(text: string): Array<{ event?: string; data: WireJson }> {
  return parseSse(text).map((event) => ({
    ...(event.event === undefined ? {} : { event: event.event }),
    data: event.data === '[DONE]' ? '[DONE]' : JSON.parse(event.data),
  }))
}
