import { TraceFlags } from '@opentelemetry/api'
import { describe, expect, it } from 'vitest'
import { parseTraceparent } from './parse-traceparent.js'

describe('parseTraceparent', () => {
  it('reads the trace id, parent span id and sampled flag of a version-00 header', () => {
    const context = parseTraceparent(
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'vendor=a1,x=2',
    )
    expect(context).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    })
    expect(context?.traceState?.get('x')).toBe('2')
    expect(context?.traceState?.serialize()).toBe('vendor=a1,x=2')
  })

  it('keeps an unsampled flag unsampled', () => {
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00')?.traceFlags).toBe(
      TraceFlags.NONE,
    )
  })

  it.each([
    ['absent', undefined],
    ['uppercase hex', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01'],
    ['all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['all-zero span id', `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`],
    ['unknown version', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['truncated', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7'],
  ])('ignores a header that is %s', (_name, header) => {
    expect(parseTraceparent(header)).toBeUndefined()
  })
})
