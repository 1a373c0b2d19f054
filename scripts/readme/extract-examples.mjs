// Finds the fenced code blocks of a Markdown file with the markers that say how a test treats
// them: `<!-- not-run: reason -->` (listed, with its reason, never executed) and
// `<!-- expect: text -->` (the printed output must contain the text; one marker per line).
// The markers sit on the lines right above the opening fence; HTML comments do not render.

/** Languages a test executes; other blocks (text, json…) are data and are only listed. */
export const runnableLanguages = ['ts', 'js', 'sh']

/**
 * @example
 * const blocks = extractExamples(readFileSync('README.md', 'utf8'))
 * // [{ line: 14, lang: 'sh', code: '…', notRun: 'installs pnpm globally', expect: [] }]
 */
export function extractExamples(markdown) {
  const lines = markdown.split('\n')
  const blocks = []
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^```(\w+)\s*$/.exec(lines[index])
    if (open === null) continue
    const start = index
    const code = []
    for (index += 1; index < lines.length && lines[index] !== '```'; index += 1) code.push(lines[index])
    const markers = []
    for (let above = start - 1; above >= 0 && /^<!--.*-->$/.test(lines[above].trim()); above -= 1) {
      markers.unshift(lines[above].trim())
    }
    const notRun = markers.map((marker) => /^<!-- not-run: (.+) -->$/.exec(marker)?.[1]).find(Boolean)
    blocks.push({
      line: start + 1,
      lang: open[1] ?? '',
      code: code.join('\n'),
      notRun: notRun ?? null,
      expect: markers.map((marker) => /^<!-- expect: (.+) -->$/.exec(marker)?.[1]).filter(Boolean),
    })
  }
  return blocks
}
