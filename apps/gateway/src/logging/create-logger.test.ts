import { spawn } from 'node:child_process'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createLogger } from './create-logger.js'

const loggerModule = fileURLToPath(new URL('./create-logger.ts', import.meta.url))

/** Runs `body` in a child process with `logger` in scope; returns its stdout lines with arrival times. */
async function runChild(body: string): Promise<{ lines: { at: number; text: string }[]; exitedAt: number }> {
  const script = `import { createLogger } from ${JSON.stringify(loggerModule)}
const logger = createLogger({ level: 'info' })
const busy = (ms) => { const end = Date.now() + ms; while (Date.now() < end); }
${body}`
  const child = spawn(
    process.execPath,
    ['--conditions=gw-source', '--import', 'tsx', '--input-type=module', '-e', script],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const startedAt = performance.now()
  const lines: { at: number; text: string }[] = []
  child.stdout.setEncoding('utf8')
  // A line can arrive in two chunks: the part after the last newline waits for the next one.
  let partial = ''
  child.stdout.on('data', (chunk: string) => {
    const texts = (partial + chunk).split('\n')
    partial = texts.pop() ?? ''
    for (const text of texts) if (text !== '') lines.push({ at: performance.now() - startedAt, text })
  })
  const exitedAt = await new Promise<number>((resolve) =>
    child.on('close', () => resolve(performance.now() - startedAt)),
  )
  return { lines, exitedAt }
}

const messages = (lines: { text: string }[]) => lines.map((line) => JSON.parse(line.text).msg)

describe('createLogger on stdout', () => {
  it('buffers info lines and still writes them on exit, even when the process exits at once', async () => {
    const { lines } = await runChild(`logger.info('first'); logger.info('second'); process.exit(0)`)
    expect(messages(lines)).toEqual(['first', 'second'])
  })

  it('writes text outside ASCII intact through the byte buffer', async () => {
    const text = 'grüße ✓ 😀 \u0000'
    const { lines } = await runChild(
      `logger.info({ text: ${JSON.stringify(text)} }, 'unicode'); process.exit(0)`,
    )
    expect(lines.map((line) => JSON.parse(line.text).text)).toEqual([text])
  })

  it('writes buffered info lines within the flush interval while the process runs', async () => {
    const { lines, exitedAt } = await runChild(
      `logger.info('waiting'); setTimeout(() => process.exit(0), 1500)`,
    )
    expect(messages(lines)).toEqual(['waiting'])
    // Written by the periodic flush (100 ms), well before the exit flush would have.
    expect(exitedAt - lines[0]!.at).toBeGreaterThan(700)
  })

  it('writes nothing while nothing waits: the periodic flush skips an empty buffer', async () => {
    // Counts sonic-boom's asynchronous writes (it calls \`fs.write\` at write time) over 1 s with
    // one line logged at the start: 10 periodic flushes pass meanwhile.
    const { lines } = await runChild(`const fs = (await import('node:fs')).default
const write = fs.write
const sizes = []
fs.write = function (fd, buffer, ...rest) { sizes.push(buffer.length); return write.call(this, fd, buffer, ...rest) }
logger.info('once')
setTimeout(() => { logger.info({ sizes: [...sizes] }, 'writes'); process.exit(0) }, 1000)`)
    expect(messages(lines)).toEqual(['once', 'writes'])
    const sizes = JSON.parse(lines[1]!.text).sizes as number[]
    expect(sizes).toEqual([Buffer.byteLength(`${lines[0]!.text}\n`)])
  })

  it('writes a warning at once, with the lines before it, while an info line alone waits', async () => {
    // The event loop is blocked after logging: only a write started by the log call itself can
    // reach the pipe before the exit.
    const warned = await runChild(
      `logger.info('before'); logger.warn('problem'); busy(1500); process.exit(0)`,
    )
    expect(messages(warned.lines)).toEqual(['before', 'problem'])
    expect(warned.exitedAt - warned.lines[0]!.at).toBeGreaterThan(700)
    const quiet = await runChild(`logger.info('only info'); busy(1500); process.exit(0)`)
    expect(messages(quiet.lines)).toEqual(['only info'])
    expect(quiet.exitedAt - quiet.lines[0]!.at).toBeLessThan(700)
  })

  it('hands 64 KiB of waiting lines over at once, in order, without waiting for the timer', async () => {
    // 1,000 lines of ≈ 160 bytes: past 64 KiB the waiting text is encoded and written while the
    // event loop is still blocked; the rest waits for the exit.
    const { lines, exitedAt } = await runChild(
      `for (let i = 0; i < 1000; i++) logger.info({ i, pad: 'x'.repeat(100) }, 'bulk'); busy(1500); process.exit(0)`,
    )
    expect(lines.map((line) => JSON.parse(line.text).i)).toEqual(Array.from({ length: 1000 }, (_, i) => i))
    expect(exitedAt - lines[0]!.at).toBeGreaterThan(700)
    expect(exitedAt - lines.at(-1)!.at).toBeLessThan(700)
  })

  it('calls back from logger.flush once the waiting lines are written', async () => {
    const { lines, exitedAt } = await runChild(
      `logger.info('flushed'); logger.flush(() => { busy(1500); process.exit(0) })`,
    )
    expect(messages(lines)).toEqual(['flushed'])
    expect(exitedAt - lines[0]!.at).toBeGreaterThan(700)
  })
})

describe('createLogger with a destination', () => {
  it('writes JSON lines with the level by name and redacts authorization headers', () => {
    const written: string[] = []
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        written.push(String(chunk))
        callback()
      },
    })
    const logger = createLogger({ level: 'info', base: { node_id: 'gw-a' }, destination })
    logger.info({ headers: { authorization: 'Bearer secret-key' } }, 'hello')
    logger.debug('hidden')
    expect(written).toHaveLength(1)
    const line = JSON.parse(written[0]!)
    expect(line).toMatchObject({
      level: 'info',
      node_id: 'gw-a',
      msg: 'hello',
      headers: { authorization: '***' },
    })
    expect(written[0]).not.toContain('secret-key')
  })
})
