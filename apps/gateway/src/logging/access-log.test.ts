import type { ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { RequestContext } from '../http/request-context.js'
import { type AccessLogEntry, millisecondsText, quoted, writeAccessLog } from './access-log.js'
import { createLogger, lineSinkOf } from './create-logger.js'

function loggers(level = 'info') {
  const raw: string[] = []
  const logger = createLogger({
    level,
    base: { node_id: 'gw-"a"' },
    destination: { write: (line: string) => raw.push(line) },
  })
  // A child has no line sink: the same call goes through pino's own serialiser.
  return { raw, direct: logger, viaPino: logger.child({}) }
}

function context(fields: Partial<RequestContext>): RequestContext {
  const shared = { logger: createLogger({ level: 'silent' }), onStreamingStart: () => {} }
  const ctx = new RequestContext('req-1', 0, {} as ServerResponse, shared)
  return Object.assign(ctx, fields)
}

const entry: AccessLogEntry = {
  method: 'POST',
  path: '/v1/chat/completions',
  route: '/v1/chat/completions',
  status: 200,
  durationMs: 1.23456,
  bytes: 712,
  aborted: false,
}

// Both lines with their time set to 0: everything else must be the same text.
function bothWays(
  ctx: RequestContext,
  logged: AccessLogEntry,
  level = 'info',
): [string | undefined, string | undefined] {
  const { raw, direct, viaPino } = loggers(level)
  writeAccessLog(direct, ctx, logged)
  const first = raw.shift()
  writeAccessLog(viaPino, ctx, logged)
  const second = raw.shift()
  const timeless = (line: string | undefined) => line?.replace(/"time":\d+/, '"time":0')
  return [timeless(first), timeless(second)]
}

describe('writeAccessLog', () => {
  it('serialises the line exactly as pino would, field order included', () => {
    const ctx = context({
      streaming: true,
      provider: 'openai',
      model: 'gpt-4o-mini',
      keyPrefix: 'lw_vk_live_ab',
      inputTokens: 12,
      outputTokens: 30,
      attempts: 2,
      ttfbMs: 0.81234567,
    })
    const [direct, viaPino] = bothWays(ctx, { ...entry, aborted: true })
    expect(direct).toBe(viaPino)
    expect(Object.keys(JSON.parse(direct!))).toEqual([
      'level',
      'time',
      'node_id',
      'request_id',
      'method',
      'route',
      'path',
      'status',
      'duration_ms',
      'bytes',
      'aborted',
      'streaming',
      'provider',
      'model',
      'key_prefix',
      'input_tokens',
      'output_tokens',
      'attempts',
      'ttfb_ms',
      'msg',
    ])
    expect(JSON.parse(direct!)).toMatchObject({
      node_id: 'gw-"a"',
      duration_ms: 1.235,
      ttfb_ms: 0.812,
      aborted: true,
      msg: 'access',
    })
  })

  it('leaves out what the route did not set, like pino drops undefined fields', () => {
    const [direct, viaPino] = bothWays(context({}), entry)
    expect(direct).toBe(viaPino)
    expect(direct).not.toContain('provider')
    expect(direct).not.toContain('aborted')
  })

  it('escapes caller-controlled text (quotes, backslashes, control characters, lone surrogates)', () => {
    const hostile = 'm"o\\d\u0001e\nl\ud800 ✓'
    const ctx = context({ model: hostile, provider: 'p</script>' })
    const [direct, viaPino] = bothWays(ctx, { ...entry, path: '/v1/"x"\\y', method: 'PO"ST' })
    expect(direct).toBe(viaPino)
    expect(direct!.split('\n')).toHaveLength(2)
    expect(JSON.parse(direct!).model).toBe(hostile)
  })

  it('writes remembered values exactly as the first time, hostile ones included, and a path unlike its route', () => {
    const hostile = 'm"o\\d\u0001e\nl\ud800 ✓'
    const ctx = context({ model: hostile, provider: 'openai', keyPrefix: 'lw_vk_ab' })
    const logged = { ...entry, path: '/v1/chat/completions/"x"', method: 'PO"ST' }
    const first = bothWays(ctx, logged)
    const again = bothWays(ctx, logged)
    expect(again).toEqual(first)
    expect(again[0]).toBe(again[1])
    expect(JSON.parse(again[0]!).path).toBe('/v1/chat/completions/"x"')
  })

  it('quotes like JSON.stringify, and stays correct past its bound', () => {
    for (let round = 0; round < 2; round++) {
      for (let index = 0; index < 1_100; index++) {
        const value = `model-${index}-"${String.fromCharCode(index % 64)}`
        expect(quoted(value)).toBe(JSON.stringify(value))
      }
    }
  })

  it('writes numbers pino writes as null (NaN, Infinity) as null', () => {
    const ctx = context({ ttfbMs: Number.NaN, inputTokens: Number.POSITIVE_INFINITY })
    const [direct, viaPino] = bothWays(ctx, { ...entry, durationMs: Number.NaN })
    expect(direct).toBe(viaPino)
    expect(JSON.parse(direct!)).toMatchObject({ ttfb_ms: null, input_tokens: null, duration_ms: null })
  })

  it('logs probes at debug: written at debug, skipped at info by both paths', () => {
    const probe = { ...entry, method: 'GET', path: '/healthz', route: '/healthz' }
    const [direct, viaPino] = bothWays(context({}), probe, 'debug')
    expect(direct).toBe(viaPino)
    expect(JSON.parse(direct!).level).toBe('debug')
    expect(bothWays(context({}), probe, 'info')).toEqual([undefined, undefined])
  })

  it('prints milliseconds rounded to the microsecond exactly as String would', () => {
    const samples = [
      0, -0, 0.0004, 0.0005, 1, 1.2, 1.23, 1.234, 1.2345, 0.001, 0.01, 0.1, 0.05, 10.005, 123456.789,
    ]
    for (let i = 0; i < 20_000; i++) samples.push(Math.random() * (i % 2 === 0 ? 100 : 1e7))
    for (const ms of samples) expect(millisecondsText(ms)).toBe(String(Math.round(ms * 1000) / 1000))
    expect([Number.NaN, Number.POSITIVE_INFINITY].map(millisecondsText)).toEqual(['null', 'null'])
  })

  it('follows bindings set on the logger later, like pino', () => {
    const { raw, direct } = loggers()
    direct.setBindings({ environment: 'prod' })
    writeAccessLog(direct, context({}), entry)
    writeAccessLog(direct.child({}), context({}), entry)
    const [first, second] = raw.map((line) => line.replace(/"time":\d+/, '"time":0'))
    expect(JSON.parse(first!).environment).toBe('prod')
    expect(first).toBe(second)
  })

  it('has a line sink only for loggers createLogger made', () => {
    const { direct, viaPino } = loggers()
    expect(lineSinkOf(direct)?.bindings).toBe(',"node_id":"gw-\\"a\\""')
    expect(lineSinkOf(viaPino)).toBeUndefined()
  })
})
