// `pnpm pack:all` writes tarballs that work outside the monorepo: the packed manifests carry no
// workspace-only parts, and @gw/providers and @gw/auth-cache install with plain npm into an empty
// project, where their README examples run and print what the READMEs say.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { extractExamples, runnableLanguages } from './readme/extract-examples.mjs'
import { runExample } from './readme/run-example.mjs'
import { repositoryRoot } from './stack/start-test-stack.js'

interface PackedManifest {
  name: string
  version: string
  license?: string
  engines?: { node?: string }
  repository?: { directory?: string }
  types?: string
  exports: Record<string, Record<string, string>>
  dependencies?: Record<string, string>
}

const workDir = mkdtempSync(join(tmpdir(), 'gw-pack-'))
const packDir = join(workDir, 'packs')
const manifests = new Map<string, { tarball: string; manifest: PackedManifest; files: string[] }>()

beforeAll(() => {
  execFileSync(process.execPath, [join(repositoryRoot, 'scripts/pack-all.mjs'), packDir], { stdio: 'pipe' })
  for (const tarball of readdirSync(packDir).filter((name) => name.endsWith('.tgz'))) {
    const path = join(packDir, tarball)
    const manifest = JSON.parse(
      execFileSync('tar', ['-xOzf', path, 'package/package.json'], { encoding: 'utf8' }),
    ) as PackedManifest
    const files = execFileSync('tar', ['-tzf', path], { encoding: 'utf8' }).split('\n').filter(Boolean)
    manifests.set(manifest.name, { tarball: path, manifest, files })
  }
}, 300_000)

describe('pnpm pack:all', () => {
  it('packs every library package with a manifest fit for the registry', () => {
    const libraries = readdirSync(join(repositoryRoot, 'packages')).filter((dir) =>
      existsSync(join(repositoryRoot, 'packages', dir, 'package.json')),
    )
    expect(manifests.size).toBe(libraries.length)
    for (const { manifest, files } of manifests.values()) {
      // publishConfig.exports replaces exports when packing: it must offer every subpath the workspace has.
      const source = JSON.parse(
        readFileSync(
          join(repositoryRoot, 'packages', manifest.name.replace('@gw/', ''), 'package.json'),
          'utf8',
        ),
      ) as PackedManifest
      expect(Object.keys(manifest.exports), manifest.name).toEqual(Object.keys(source.exports))
      const text = JSON.stringify(manifest)
      expect(text, manifest.name).not.toContain('gw-source')
      expect(text, manifest.name).not.toContain('workspace:')
      expect(manifest.license, manifest.name).toBe('Apache-2.0')
      expect(manifest.engines?.node, manifest.name).toBe('>=20.18')
      expect(manifest.repository?.directory, manifest.name).toMatch(/^packages\//)
      expect(files, manifest.name).toContain('package/CHANGELOG.md')
      expect(files, manifest.name).toContain('package/README.md')
      expect(
        files.filter((file) => file.startsWith('package/src/')),
        manifest.name,
      ).toEqual([])
      for (const [subpath, conditions] of Object.entries(manifest.exports)) {
        for (const target of Object.values(conditions)) {
          expect(files, `${manifest.name} ${subpath}`).toContain(`package/${target.replace(/^\.\//, '')}`)
        }
        expect(conditions.types, `${manifest.name} ${subpath}`).toMatch(/\.d\.ts$/)
      }
    }
  })

  it('installs @gw/providers and @gw/auth-cache with plain npm and runs their README examples there', async (context) => {
    const readmes = ['packages/providers/README.md', 'packages/auth-cache/README.md']
    const examples = readmes.flatMap((readme) =>
      extractExamples(readFileSync(join(repositoryRoot, readme), 'utf8'))
        .filter((block) => runnableLanguages.includes(block.lang) && block.notRun === null)
        .map((block) => ({ ...block, readme })),
    )
    // What to install: the two packages, the @gw/* packages the examples import, and their @gw/* dependencies.
    const wanted = new Set(['@gw/providers', '@gw/auth-cache'])
    for (const example of examples) {
      for (const match of example.code.matchAll(/from '(@gw\/[\w-]+)/g)) wanted.add(match[1] as string)
    }
    for (const name of wanted) {
      for (const dependency of Object.keys(manifests.get(name)?.manifest.dependencies ?? {})) {
        if (dependency.startsWith('@gw/')) wanted.add(dependency)
      }
    }
    const tarballs = [...wanted].map((name) => {
      const packed = manifests.get(name)
      if (packed === undefined) throw new Error(`${name} was not packed`)
      return packed.tarball
    })

    const project = join(workDir, 'app')
    mkdirSync(project)
    writeFileSync(join(project, 'package.json'), '{"name":"app","private":true,"type":"module"}\n')
    // Offline first (third-party packages from npm's cache), then allowed to fill the cache.
    const flags = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']
    let install = spawnSync('npm', [...flags, '--offline', ...tarballs], { cwd: project, encoding: 'utf8' })
    if (install.status !== 0) {
      install = spawnSync('npm', [...flags, '--prefer-offline', ...tarballs], {
        cwd: project,
        encoding: 'utf8',
      })
    }
    if (install.error !== undefined || install.status !== 0) {
      context.skip(
        `npm could not install the tarballs here (no npm, or third-party packages neither cached nor reachable): ${String(install.error ?? install.stderr).slice(-400)}`,
      )
    }
    for (const name of wanted)
      expect(existsSync(join(project, 'node_modules', name, 'package.json')), name).toBe(true)
    expect(existsSync(join(project, 'node_modules', '@gw/providers', 'src'))).toBe(false)

    expect(examples.length).toBeGreaterThanOrEqual(3)
    for (const example of examples) {
      const result = await runExample(example, { directory: project })
      const printed = `${example.readme}:${example.line}\n${result.stdout}\n--- stderr ---\n${result.stderr}`
      expect(result.status, printed).toBe(0)
      expect(example.expect, printed).not.toEqual([])
      for (const text of example.expect) expect(result.stdout, printed).toContain(text)
    }
  })
})
