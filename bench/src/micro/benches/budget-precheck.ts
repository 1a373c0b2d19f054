// Budget precheck: reported as not implemented until @gw/budget exports a precheck.
import { registerMicro, skip } from '../registry.js'

registerMicro({
  name: 'budget precheck',
  description: 'Cached precheck over 3 scopes',
  preDispatch: true,
  reference: { name: 'Precheck (cached, 3 scopes)', nsPerOp: 4.6, allocsPerOp: 0 },
  async setup() {
    let names: string[] = []
    try {
      names = Object.keys((await import('@gw/budget')) as Record<string, unknown>)
    } catch {
      return skip('not implemented yet (@gw/budget does not load)')
    }
    const found = names.filter((name) => /precheck/i.test(name))
    if (found.length === 0) return skip('not implemented yet (@gw/budget has no precheck)')
    return skip(`@gw/budget now exports ${found.join(', ')}: this benchmark needs wiring`)
  },
})
