// Parses the X-LangWatch-Response-Cache request header.
import { GatewayError } from '@gw/contract'

/** What a client may ask of the response cache for one request. */
export const responseCacheDirectives = ['use', 'refresh', 'bypass'] as const

/** `use`: answer from the cache, else store; `refresh`: skip the lookup, store; `bypass`: neither. */
export type ResponseCacheDirective = (typeof responseCacheDirectives)[number]

/**
 * Reads the header (case and surrounding spaces ignored); undefined when absent; 400
 * `bad_request` naming the accepted values otherwise.
 *
 * @example
 * parseResponseCacheHeader(' Use ') // 'use'
 */
export function parseResponseCacheHeader(
  value: string | string[] | undefined,
): ResponseCacheDirective | undefined {
  if (value === undefined) return undefined
  const raw = Array.isArray(value) ? (value[0] ?? '') : value
  const directive = raw.trim().toLowerCase()
  if ((responseCacheDirectives as readonly string[]).includes(directive))
    return directive as ResponseCacheDirective
  throw new GatewayError(
    'bad_request',
    `X-LangWatch-Response-Cache must be one of ${responseCacheDirectives.join(', ')}, got "${raw}"`,
    { meta: { param: 'X-LangWatch-Response-Cache' } },
  )
}
