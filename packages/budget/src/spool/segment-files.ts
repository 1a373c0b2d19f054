// Spool segment files: `<seq>.open.jsonl` while appended to, `<seq>.jsonl` once sealed (fsynced).
import { close, fsync, openSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const OPEN_SUFFIX = '.open.jsonl'
const SEALED_SUFFIX = '.jsonl'

/** A segment on disk. */
export interface SegmentFile {
  path: string
  sealed: boolean
  bytes: number
}

/** The path of segment `seq` in `directory`, open or sealed. */
export function segmentPath(directory: string, seq: number, sealed: boolean): string {
  return join(directory, `${String(seq).padStart(10, '0')}${sealed ? SEALED_SUFFIX : OPEN_SUFFIX}`)
}

/** Opens a new segment for appending. */
export function openSegment(directory: string, seq: number): { fd: number; path: string } {
  const path = segmentPath(directory, seq, false)
  return { fd: openSync(path, 'a'), path }
}

const fsyncAsync = promisify(fsync)
const closeAsync = promisify(close)

/**
 * Seals a segment: fsync, close, rename to its sealed name, on the thread pool (the event loop
 * never waits for the disk). After this the records survive a machine crash, not only a process kill.
 *
 * @example
 * const sealedPath = await sealSegment(fd, '/spool/gw-a-1/0000000001.open.jsonl')
 */
export async function sealSegment(fd: number, openPath: string): Promise<string> {
  try {
    await fsyncAsync(fd)
  } finally {
    await closeAsync(fd)
  }
  const sealed = openPath.slice(0, -OPEN_SUFFIX.length) + SEALED_SUFFIX
  await rename(openPath, sealed)
  return sealed
}

/** Segments of a directory, oldest first (open ones included: an adopted directory has no writer). */
export function listSegments(directory: string): SegmentFile[] {
  let names: string[]
  try {
    names = readdirSync(directory)
  } catch {
    return []
  }
  return names
    .filter((name) => /^\d{10}\.(open\.)?jsonl$/.test(name))
    .sort()
    .map((name) => {
      const path = join(directory, name)
      return { path, sealed: !name.endsWith(OPEN_SUFFIX), bytes: statSync(path).size }
    })
}

/**
 * The record lines of a segment, each a JSON object as written. A torn last line (the process
 * died mid-write) is skipped: its request's record was never acknowledged by anyone, and the
 * same line cannot be half-counted.
 *
 * @example
 * const lines = readSegmentLines('/spool/gw-a-1/0000000001.jsonl')
 */
export function readSegmentLines(path: string): string[] {
  const lines: string[] = []
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue
    try {
      JSON.parse(line)
      lines.push(line)
    } catch {
      // torn write
    }
  }
  return lines
}

/** Deletes an acknowledged segment, off the event loop. */
export function deleteSegment(path: string): Promise<void> {
  return unlink(path)
}
