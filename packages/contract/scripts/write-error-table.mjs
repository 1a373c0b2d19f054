// Rewrites the error-code table in README.md from the built error table (`pnpm --filter @gw/contract docs:errors`).
import { readFileSync, writeFileSync } from 'node:fs'
import { renderErrorCodeTable } from '../dist/index.js'

const readme = new URL('../README.md', import.meta.url)
const start = '<!-- error-codes:start -->'
const end = '<!-- error-codes:end -->'
const text = readFileSync(readme, 'utf8')
const from = text.indexOf(start)
const to = text.indexOf(end)
if (from === -1 || to === -1) throw new Error(`README.md lacks the ${start} / ${end} markers`)
writeFileSync(readme, `${text.slice(0, from + start.length)}\n${renderErrorCodeTable()}\n${text.slice(to)}`)
console.log('README.md error-code table rewritten')
