// A minimal recording span that ends as an OTLP/JSON span object: the customer spans' cheap path.
import { randomFillSync } from 'node:crypto'
import {
  type Attributes,
  type AttributeValue,
  type Exception,
  type HrTime,
  type Link,
  type Span,
  type SpanContext,
  SpanKind,
  type SpanStatus,
  SpanStatusCode,
  type TimeInput,
  TraceFlags,
} from '@opentelemetry/api'

/** An attribute in OTLP/JSON. */
export interface OtlpKeyValue {
  key: string
  value: OtlpAnyValue
}
type OtlpAnyValue =
  | { stringValue: string }
  | { intValue: number }
  | { doubleValue: number }
  | { boolValue: boolean }
  | { arrayValue: { values: OtlpAnyValue[] } }

/** A finished span in OTLP/JSON (ids hex, times as decimal nanosecond strings). */
export interface OtlpJsonSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  startTimeUnixNano: string
  endTimeUnixNano: string
  attributes: OtlpKeyValue[]
  events: Array<{ name: string; timeUnixNano: string; attributes: OtlpKeyValue[] }>
  status: { code: number; message?: string }
}

// Random ids from a pooled buffer: one randomFillSync per 512 spans instead of one per id.
const pool = Buffer.alloc(4096)
let poolAt = pool.length

function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    randomFillSync(pool)
    poolAt = 0
  }
  const hex = pool.toString('hex', poolAt, poolAt + bytes)
  poolAt += bytes
  return hex
}

function toMillis(time: TimeInput | undefined): number {
  if (time === undefined) return Date.now()
  if (typeof time === 'number') return time
  if (time instanceof Date) return time.getTime()
  const [seconds, nanos] = time as HrTime
  return seconds * 1000 + nanos / 1e6
}

// Milliseconds (with a fraction) to a decimal string of nanoseconds, exact past 2^53.
function toNanoString(millis: number): string {
  const whole = Math.floor(millis)
  const fraction = Math.round((millis - whole) * 1e6)
  return fraction >= 1e6 ? `${whole + 1}000000` : `${whole}${String(fraction).padStart(6, '0')}`
}

function toAnyValue(value: AttributeValue | null | undefined): OtlpAnyValue {
  if (typeof value === 'string') return { stringValue: value }
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: value } : { doubleValue: value }
  if (typeof value === 'boolean') return { boolValue: value }
  if (Array.isArray(value)) return { arrayValue: { values: value.map((each) => toAnyValue(each)) } }
  return { stringValue: '' }
}

/**
 * Attributes as OTLP/JSON key-values; undefined values are left out.
 *
 * @example
 * toKeyValues({ 'gen_ai.system': 'openai' }) // [{ key: 'gen_ai.system', value: { stringValue: 'openai' } }]
 */
export function toKeyValues(attributes: Attributes | undefined): OtlpKeyValue[] {
  const list: OtlpKeyValue[] = []
  if (attributes === undefined) return list
  for (const key in attributes) {
    const value = attributes[key]
    if (value !== undefined) list.push({ key, value: toAnyValue(value) })
  }
  return list
}

/**
 * A span that records into plain fields and, on `end`, hands its OTLP/JSON form to `onEnd`.
 * Always sampled; links, exceptions and name updates are accepted and ignored.
 *
 * @example
 * const span = new OtlpJsonSpanRecorder('gen_ai.chat', { kind: SpanKind.CLIENT }, parent, (json) => queue.push(json))
 */
export class OtlpJsonSpanRecorder implements Span {
  readonly #context: SpanContext
  readonly #parentSpanId: string | undefined
  #name: string
  readonly #kind: SpanKind
  readonly #startMs: number
  readonly #attributes: Attributes
  readonly #events: OtlpJsonSpan['events'] = []
  #status: SpanStatus = { code: SpanStatusCode.UNSET }
  #ended = false
  readonly #onEnd: (span: OtlpJsonSpan) => void

  constructor(
    name: string,
    options: { kind?: SpanKind; startTime?: TimeInput; attributes?: Attributes },
    parent: SpanContext | undefined,
    onEnd: (span: OtlpJsonSpan) => void,
  ) {
    this.#name = name
    this.#kind = options.kind ?? SpanKind.INTERNAL
    this.#startMs = toMillis(options.startTime)
    this.#attributes = { ...options.attributes }
    this.#parentSpanId = parent?.spanId
    this.#context = {
      traceId: parent?.traceId ?? randomHex(16),
      spanId: randomHex(8),
      traceFlags: TraceFlags.SAMPLED,
    }
    this.#onEnd = onEnd
  }

  spanContext(): SpanContext {
    return this.#context
  }

  setAttribute(key: string, value: AttributeValue): this {
    if (!this.#ended) this.#attributes[key] = value
    return this
  }

  setAttributes(attributes: Attributes): this {
    if (!this.#ended) Object.assign(this.#attributes, attributes)
    return this
  }

  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    if (this.#ended) return this
    const isTime =
      typeof attributesOrTime === 'number' ||
      attributesOrTime instanceof Date ||
      Array.isArray(attributesOrTime)
    const attributes = isTime ? undefined : (attributesOrTime as Attributes | undefined)
    const at = toMillis(isTime ? (attributesOrTime as TimeInput) : time)
    this.#events.push({ name, timeUnixNano: toNanoString(at), attributes: toKeyValues(attributes) })
    return this
  }

  addLink(_link: Link): this {
    return this
  }

  addLinks(_links: Link[]): this {
    return this
  }

  setStatus(status: SpanStatus): this {
    if (!this.#ended) this.#status = status
    return this
  }

  updateName(name: string): this {
    if (!this.#ended) this.#name = name
    return this
  }

  end(endTime?: TimeInput): void {
    if (this.#ended) return
    this.#ended = true
    this.#onEnd({
      traceId: this.#context.traceId,
      spanId: this.#context.spanId,
      ...(this.#parentSpanId === undefined ? {} : { parentSpanId: this.#parentSpanId }),
      name: this.#name,
      // OTLP numbers span kinds from 1 (internal); the API from 0.
      kind: this.#kind + 1,
      startTimeUnixNano: toNanoString(this.#startMs),
      endTimeUnixNano: toNanoString(toMillis(endTime)),
      attributes: toKeyValues(this.#attributes),
      events: this.#events,
      status:
        this.#status.message === undefined
          ? { code: this.#status.code }
          : { code: this.#status.code, message: this.#status.message },
    })
  }

  isRecording(): boolean {
    return !this.#ended
  }

  recordException(_exception: Exception, _time?: TimeInput): void {}
}
