// The console's static files: its stylesheet and client script, and uPlot from the installed npm package.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Env, Hono } from 'hono'

interface Asset {
  body: string
  type: string
}

const require = createRequire(import.meta.url)
// ../../console-assets is the same folder from src/console and from dist/console.
const ownFile = (name: string) => new URL(`../../console-assets/${name}`, import.meta.url)

/** Reads every asset once (at start), so a request never touches the disk. */
function loadAssets(): Map<string, Asset> {
  const javascript = 'text/javascript; charset=utf-8'
  const css = 'text/css; charset=utf-8'
  return new Map<string, Asset>([
    ['console.js', { body: readFileSync(ownFile('console.js'), 'utf8'), type: javascript }],
    ['console.css', { body: readFileSync(ownFile('console.css'), 'utf8'), type: css }],
    [
      'uplot.js',
      { body: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'), type: javascript },
    ],
    ['uplot.css', { body: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'), type: css }],
  ])
}

/**
 * Adds `GET /assets/:name` (relative to /console): no CDN, nothing fetched at run time.
 *
 * @example
 * addStaticAssets(openRoutes)
 */
export function addStaticAssets<E extends Env>(routes: Hono<E>): void {
  const assets = loadAssets()
  routes.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'))
    if (asset === undefined) return c.notFound()
    c.header('Content-Type', asset.type)
    c.header('Cache-Control', 'public, max-age=300')
    return c.body(asset.body)
  })
}
