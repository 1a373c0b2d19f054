// Test child: appends records to a spool whose control plane never answers, says "ready", waits to be killed.
import { createSpendSpool } from '../spool/spend-spool.js'

const [directory, countText] = process.argv.slice(2)
const spool = createSpendSpool({
  directory: directory!,
  podId: 'gw-killed',
  send: () => new Promise(() => {}),
  shipIntervalMs: 60_000,
})
for (let index = 0; index < Number(countText); index += 1) {
  spool.append('admitSpend', { gateway_request_id: `req-${index}`, estimated_cost_micro_usd: 10 })
}
// Past the flush interval (default 10 ms), everything appended is on disk.
setTimeout(() => {
  process.stdout.write('ready\n')
  setInterval(() => {}, 1_000)
}, 100)
