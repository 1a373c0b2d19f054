// The public surface of @gw/providers: a deliberate, documented list, with the rest under ./internal.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as publicApi from './index.js'
import * as internal from './internal.js'

const source = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

/** The JSDoc right before `export … name` in `file`, following one level of re-export. */
function docOf(name: string, file: string): string | undefined {
  const text = source(file)
  const definition = new RegExp(
    `(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\s*export (?:async )?(?:function|const|class) ${name}\\b`,
  ).exec(text)
  if (definition !== null) return definition[1]
  const reexport = new RegExp(`export \\{[^}]*\\b${name}\\b[^}]*\\} from '([^']+)'`).exec(text)
  if (reexport === null) return undefined
  const target = new URL(reexport[1]!.replace(/\.js$/, '.ts'), new URL(file, import.meta.url)).pathname
  return docOf(name, target)
}

describe('@gw/providers public surface', () => {
  const names = Object.keys(publicApi)

  it('stays small: about two dozen values', () => {
    expect(names.length).toBeGreaterThan(15)
    expect(names.length).toBeLessThanOrEqual(32)
  })

  it('is a subset of ./internal', () => {
    for (const name of names) expect(internal).toHaveProperty(name)
    expect(Object.keys(internal).length).toBeGreaterThan(names.length)
  })

  it.each(Object.keys(publicApi))('documents %s with a JSDoc example', (name) => {
    const index = source('./index.ts')
    const from = new RegExp(`export \\{[^}]*\\b${name}\\b[^}]*\\} from '([^']+)'`).exec(index)?.[1]
    expect(from, `${name} is re-exported from a module`).toBeDefined()
    const doc = docOf(name, new URL(from!.replace(/\.js$/, '.ts'), import.meta.url).pathname)
    expect(doc, `${name} has JSDoc`).toBeDefined()
    expect(doc).toContain('@example')
  })
})
