// What the images hold, proven without Docker: the Dockerfile's own `pnpm deploy --prod` into a temporary
// folder, both apps started from there as uid 65532 on a tree they cannot write, a proxied request through them.
import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateControlPlaneSecrets, seedDemo } from '@gw/control-plane'
import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployCommand, readDockerfile } from '../src/dockerfile-rules.js'
import { gatewayProbePaths } from '../src/gateway-probes.js'
import {
  type DeployedApp,
  imageCommand,
  imageUser,
  runAsImageUser,
  unprivilegedRunMissing,
} from '../src/run-deployed-app.js'

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))
const stages = readDockerfile()
const stage = (name: string) => stages.find((each) => each.name === name)!
const missing = unprivilegedRunMissing()
/** Goal of issue 19 for the gateway's deployed folder. */
const sizeGoalBytes = 120 * 1024 * 1024

function deploy(app: string, folder: string): number {
  const [command, ...args] = deployCommand(stages, app)
  const result = spawnSync(command!, [...args, folder], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 240_000,
  })
  if (result.status !== 0) throw new Error(`${app} deploy failed:\n${result.stdout}${result.stderr}`)
  // Apparent size, each hard-linked file once: what an image layer would hold.
  return Number(spawnSync('du', ['-sb', folder], { encoding: 'utf8' }).stdout.split('\t')[0])
}

describe.skipIf(missing)(
  `image contents (pnpm deploy --prod) ${missing ? `(skipped: ${missing})` : ''}`,
  () => {
    let workspace: string
    const sizes: Record<string, number> = {}
    const folders = { gateway: '', controlPlane: '' }
    let mock: MockProvider
    let controlPlane: DeployedApp
    let controlPlaneUrl: string
    let gateway: DeployedApp
    let gatewayUrl: string
    const secrets = generateControlPlaneSecrets()

    beforeAll(async () => {
      for (const app of ['apps/gateway/dist/main.js', 'apps/control-plane/dist/main.js'])
        if (!existsSync(join(repositoryRoot, app))) throw new Error(`${app} is missing: run pnpm build first`)
      workspace = mkdtempSync(join(tmpdir(), 'gw-image-'))
      chmodSync(workspace, 0o755)
      folders.gateway = join(workspace, 'gateway')
      folders.controlPlane = join(workspace, 'control-plane')
      sizes.gateway = deploy('@gw/gateway', folders.gateway)
      sizes.controlPlane = deploy('@gw/control-plane', folders.controlPlane)
      // The only writable places, as in the pods: /tmp (emptyDir) and the control plane's /data volume.
      const writable = (name: string) => {
        const folder = join(workspace, name)
        mkdirSync(folder)
        chownSync(folder, imageUser, imageUser)
        return folder
      }
      const tmp = writable('tmp')
      const data = writable('data')

      mock = await startMockProvider({})
      controlPlane = runAsImageUser(imageCommand(stage('control-plane')), folders.controlPlane, {
        ...secrets,
        ENVIRONMENT: 'production',
        CONTROL_PLANE_ADDR: '127.0.0.1:0',
        CONTROL_PLANE_DATA_DIR: data,
        TMPDIR: tmp,
      })
      controlPlaneUrl = String((await controlPlane.waitForLog('control plane listening', 60_000)).url)
      gateway = runAsImageUser(imageCommand(stage('gateway')), folders.gateway, {
        ENVIRONMENT: 'production',
        SERVER_ADDR: '127.0.0.1:0',
        SERVER_DRAIN_DELAY_SECONDS: '0',
        LW_GATEWAY_BASE_URL: controlPlaneUrl,
        LW_GATEWAY_INTERNAL_SECRET: secrets.LW_GATEWAY_INTERNAL_SECRET,
        LW_GATEWAY_JWT_SECRET: secrets.LW_GATEWAY_JWT_SECRET,
        TMPDIR: tmp,
      })
      gatewayUrl = String((await gateway.waitForLog('gateway_started', 60_000)).url)
    }, 480_000)

    afterAll(async () => {
      for (const app of [gateway, controlPlane]) {
        if (app && app.child.exitCode === null) {
          app.child.kill('SIGKILL')
          await app.exited
        }
      }
      await mock?.close()
      if (workspace) rmSync(workspace, { recursive: true, force: true })
    })

    it(`keeps the gateway's deployed folder under 120 MB (measured: see charts/README.md)`, () => {
      console.log(
        `deployed folder sizes: gateway ${(sizes.gateway! / 1e6).toFixed(1)} MB, control plane ${(sizes.controlPlane! / 1e6).toFixed(1)} MB`,
      )
      expect(sizes.gateway).toBeLessThan(sizeGoalBytes)
      expect(existsSync(join(folders.gateway, 'node_modules/@gw/control-plane'))).toBe(false)
      expect(existsSync(join(folders.gateway, 'node_modules/typescript'))).toBe(false)
      expect(existsSync(join(folders.gateway, 'src'))).toBe(false)
    })

    it('leaves the deployed folders unwritable for uid 65532', () => {
      for (const folder of Object.values(folders)) {
        const attempt = spawnSync(
          'setpriv',
          [
            `--reuid=${imageUser}`,
            `--regid=${imageUser}`,
            '--clear-groups',
            '--',
            'touch',
            join(folder, 'dist', 'written'),
          ],
          { encoding: 'utf8' },
        )
        expect(attempt.status, folder).not.toBe(0)
        expect(attempt.stderr).toContain('Permission denied')
      }
    })

    it('answers the probes the chart calls once started', async () => {
      for (const path of Object.values(gatewayProbePaths)) {
        const response = await fetch(`${gatewayUrl}${path}`)
        expect(response.status, path).toBe(200)
      }
    })

    it('proxies a chat completion through the deployed control plane and gateway to the mock provider', async () => {
      const demo = await seedDemo({
        url: controlPlaneUrl,
        adminToken: secrets.CONTROL_PLANE_ADMIN_TOKEN,
        provider: {
          type: 'openai',
          name: 'openai-mock',
          credentials: { api_key: 'sk-mock' },
          base_url: `${mock.url}/v1`,
        },
      })
      const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${demo.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] }),
      })
      const body = (await response.json()) as { choices?: { message: { content: string } }[] }
      expect(response.status, JSON.stringify(body)).toBe(200)
      expect(response.headers.get('x-langwatch-provider')).toBe(demo.provider_id)
      expect(body.choices?.[0]?.message.content).toBeTruthy()
    })

    it('drains on SIGTERM and exits 0', async () => {
      gateway.child.kill('SIGTERM')
      expect(await gateway.exited).toBe(0)
      expect(gateway.logs.map((line) => line.msg)).toContain('drain_complete')
    })
  },
)
