// Starts the test OpenTelemetry Collector (tools/otel-collector) with one OTLP/HTTP receiver and file per pipeline.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where tools/otel-collector/build.sh caches the collector; GW_OTELCOL_BIN overrides it. */
export const otelCollectorBinary =
  process.env.GW_OTELCOL_BIN ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'gw-otelcol', 'gw-otelcol-0.161.0')

/** Why the collector tests cannot run here, or undefined when they can. */
export const otelCollectorMissing = existsSync(otelCollectorBinary)
  ? undefined
  : `no OpenTelemetry Collector at ${otelCollectorBinary}: run tools/otel-collector/build.sh (needs Go)`

/** One span as the collector's file exporter wrote it, attributes flattened. */
export interface CollectedSpan {
  name: string
  traceId: string
  spanId: string
  parentSpanId: string
  kind: number
  attributes: Record<string, unknown>
  events: Array<{ name: string; attributes: Record<string, unknown> }>
  links: Array<{ traceId: string; spanId: string }>
  status: { code?: number; message?: string }
  resource: Record<string, unknown>
}

/** A running collector: one OTLP/HTTP endpoint per pipeline name. */
export interface TestOtelCollector {
  /** `http://127.0.0.1:<port>` of a pipeline's receiver (append /v1/traces to post). */
  endpoint(pipeline: string): string
  /** Spans the pipeline's file exporter wrote so far. */
  readSpans(pipeline: string): Promise<CollectedSpan[]>
  /** Waits until `predicate` holds for the pipeline's spans (polls the file), returns them. */
  waitForSpans(
    pipeline: string,
    predicate: (spans: CollectedSpan[]) => boolean,
    timeoutMs?: number,
  ): Promise<CollectedSpan[]>
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

async function waitForPort(port: number, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`collector exited with ${child.exitCode}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy()
        resolve(true)
      })
      socket.on('error', () => resolve(false))
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`collector did not listen on ${port}`)
}

type OtlpValue = {
  stringValue?: string
  intValue?: string | number
  doubleValue?: number
  boolValue?: boolean
  arrayValue?: { values?: OtlpValue[] }
}
type OtlpKeyValue = { key: string; value: OtlpValue }

function toValue(value: OtlpValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue
  if (value.intValue !== undefined) return Number(value.intValue)
  if (value.doubleValue !== undefined) return value.doubleValue
  if (value.boolValue !== undefined) return value.boolValue
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(toValue)
  return undefined
}

function toRecord(attributes: OtlpKeyValue[] | undefined): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const { key, value } of attributes ?? []) record[key] = toValue(value)
  return record
}

interface OtlpFileLine {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpKeyValue[] }
    scopeSpans?: Array<{
      spans?: Array<{
        name: string
        traceId: string
        spanId: string
        parentSpanId?: string
        kind?: number
        attributes?: OtlpKeyValue[]
        events?: Array<{ name: string; attributes?: OtlpKeyValue[] }>
        links?: Array<{ traceId: string; spanId: string }>
        status?: { code?: number; message?: string }
      }>
    }>
  }>
}

function parseFile(text: string): CollectedSpan[] {
  const spans: CollectedSpan[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    const parsed = JSON.parse(line) as OtlpFileLine
    for (const resourceSpans of parsed.resourceSpans ?? []) {
      const resource = toRecord(resourceSpans.resource?.attributes)
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          spans.push({
            name: span.name,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId ?? '',
            kind: span.kind ?? 0,
            attributes: toRecord(span.attributes),
            events: (span.events ?? []).map((event) => ({
              name: event.name,
              attributes: toRecord(event.attributes),
            })),
            links: (span.links ?? []).map((link) => ({ traceId: link.traceId, spanId: link.spanId })),
            status: span.status ?? {},
            resource,
          })
        }
      }
    }
  }
  return spans
}

/**
 * Starts the collector with a pipeline (OTLP/HTTP receiver → file exporter) per name; a receiver
 * listens on `/v1/traces` unless `tracesPaths[name]` names another path.
 *
 * @example
 * const collector = await startOtelCollector(['operator', 'tenant_a'])
 * await collector.waitForSpans('operator', (spans) => spans.length > 0)
 */
export async function startOtelCollector(
  pipelines: readonly string[],
  options: { tracesPaths?: Record<string, string> } = {},
): Promise<TestOtelCollector> {
  const dir = await mkdtemp(join(tmpdir(), 'gw-otelcol-'))
  const ports = new Map<string, number>()
  for (const name of pipelines) ports.set(name, await freePort())
  const lines = ['receivers:']
  for (const [name, port] of ports) {
    lines.push(`  otlp/${name}:`, '    protocols:', '      http:', `        endpoint: 127.0.0.1:${port}`)
    const path = options.tracesPaths?.[name]
    if (path !== undefined) lines.push(`        traces_url_path: ${path}`)
  }
  lines.push('exporters:')
  for (const name of pipelines)
    lines.push(`  file/${name}:`, `    path: ${join(dir, `${name}.jsonl`)}`, '    flush_interval: 100ms')
  lines.push(
    'service:',
    '  telemetry:',
    '    logs:',
    '      level: warn',
    '    metrics:',
    '      level: none',
  )
  lines.push('  pipelines:')
  for (const name of pipelines)
    lines.push(`    traces/${name}:`, `      receivers: [otlp/${name}]`, `      exporters: [file/${name}]`)
  const configPath = join(dir, 'config.yaml')
  await writeFile(configPath, `${lines.join('\n')}\n`)
  const child = spawn(otelCollectorBinary, ['--config', configPath], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString()
  })
  const deadline = Date.now() + 20_000
  try {
    for (const port of ports.values()) await waitForPort(port, child, deadline)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\n${stderr}`)
  }
  const readSpans = async (pipeline: string): Promise<CollectedSpan[]> => {
    try {
      return parseFile(await readFile(join(dir, `${pipeline}.jsonl`), 'utf8'))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
  }
  return {
    endpoint: (pipeline) => `http://127.0.0.1:${ports.get(pipeline)}`,
    readSpans,
    async waitForSpans(pipeline, predicate, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs
      for (;;) {
        const spans = await readSpans(pipeline)
        if (predicate(spans)) return spans
        if (Date.now() > until)
          throw new Error(`timed out waiting for spans on ${pipeline}: got ${spans.length}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))])
      if (child.exitCode === null) child.kill('SIGKILL')
      await rm(dir, { recursive: true, force: true })
    },
  }
}
