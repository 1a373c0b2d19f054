// Spool segment files: `<seq>.open.jsonl` while appended to, `<seq>.jsonl` once sealed (fsynced).
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs'
import { join } from 'node:path'
import type { SpendRecord } from '@gw/contract'

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

/**
 * Seals a segment: fsync, close, rename to its sealed name. After this the records survive a
 * machine crash, not only a process kill.
 */
export function sealSegment(fd: number, openPath: string): string {
  fsyncSync(fd)
  closeSync(fd)
  const sealed = openPath.slice(0, -OPEN_SUFFIX.length) + SEALED_SUFFIX
  renameSync(openPath, sealed)
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
 * The records of a segment. A torn last line (the process died mid-write) is skipped: its
 * request's record was never acknowledged by anyone, and the same line cannot be half-counted.
 */
export function readSegment(path: string): SpendRecord[] {
  const records: SpendRecord[] = []
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue
    try {
      records.push(JSON.parse(line) as SpendRecord)
    } catch {
      // torn write
    }
  }
  return records
}

/** Deletes an acknowledged segment. */
export function deleteSegment(path: string): void {
  unlinkSync(path)
}
