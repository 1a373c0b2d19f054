// Reads the root Dockerfile: its stages and the `pnpm deploy` commands, and checks the image rules of issue 19.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The repository's Dockerfile. */
export const dockerfilePath = fileURLToPath(new URL('../../Dockerfile', import.meta.url))

/** One `FROM … AS name` stage and its instructions (continuation lines joined). */
export interface DockerStage {
  name: string
  from: string
  instructions: { keyword: string; args: string }[]
}

/**
 * Splits a Dockerfile into stages.
 *
 * @example
 * const stages = parseDockerfile(readFileSync(dockerfilePath, 'utf8'))
 */
export function parseDockerfile(text: string): DockerStage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  const stages: DockerStage[] = []
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? []
    if (keyword.toUpperCase() === 'FROM') {
      const [, from = '', name = ''] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args) ?? []
      stages.push({ name, from, instructions: [] })
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') })
    }
  }
  return stages
}

/**
 * The `pnpm --filter <app> deploy --prod <dir>` command the build stage runs for `app`, as argv
 * without the output folder, so a test can run exactly that into a temporary folder.
 *
 * @example
 * deployCommand(stages, '@gw/gateway') // ['pnpm', '--filter', '@gw/gateway', 'deploy', '--prod']
 */
export function deployCommand(stages: DockerStage[], app: string): string[] {
  const commands = stages
    .flatMap((stage) => stage.instructions)
    .filter((instruction) => instruction.keyword === 'RUN')
    .flatMap((instruction) => instruction.args.split('&&'))
  for (const command of commands) {
    const words = command.trim().split(' ')
    if (words[0] === 'pnpm' && words.includes('deploy') && words.includes(app)) return words.slice(0, -1)
  }
  throw new Error(`the Dockerfile has no pnpm deploy for ${app}`)
}

/** Reads and parses the repository's Dockerfile. */
export function readDockerfile(): DockerStage[] {
  return parseDockerfile(readFileSync(dockerfilePath, 'utf8'))
}
