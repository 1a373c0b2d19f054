// Converts between image data URLs and canonical image sources.
import type { ImageSource } from '../canonical/types.js'

const dataUrlPattern = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s

/**
 * Reads an image URL: a base64 data URL becomes inline bytes with its media type, anything
 * else stays a URL for the provider to fetch.
 *
 * @example
 * parseImageUrl('data:image/png;base64,iVBO') // { kind: 'base64', mediaType: 'image/png', data: 'iVBO' }
 */
export function parseImageUrl(url: string): ImageSource {
  const match = dataUrlPattern.exec(url)
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return { kind: 'base64', mediaType: match[1], data: match[2] }
  }
  return { kind: 'url', url }
}

/** Writes an image source as a URL (inline bytes become a data URL). */
export function toImageUrl(source: ImageSource): string {
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`
}
