import type { ServerResponse } from 'node:http'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { RequestContext } from './request-context.js'

const contextOf = () =>
  new RequestContext('req_1', 0, { socket: null } as unknown as ServerResponse, {
    logger: pino({ level: 'silent' }),
    onStreamingStart: () => {},
  })

describe('RequestContext close listener', () => {
  it('holds nothing until the gateway listener wired the close, so the caller listens itself', () => {
    const context = contextOf()
    expect(context.holdCloseListener(() => {})).toBe(false)
  })

  it('calls the one held listener once when the response closed', () => {
    const context = contextOf()
    context.wireClose()
    const calls: string[] = []
    expect(context.holdCloseListener(() => calls.push('held'))).toBe(true)
    // A second one is refused: the caller puts it on the response.
    expect(context.holdCloseListener(() => calls.push('second'))).toBe(false)
    context.responseClosed()
    context.responseClosed()
    expect(calls).toEqual(['held'])
  })

  it('drops only the listener it holds', () => {
    const context = contextOf()
    context.wireClose()
    const calls: string[] = []
    const listener = () => calls.push('held')
    context.holdCloseListener(listener)
    expect(context.dropCloseListener(() => {})).toBe(false)
    expect(context.dropCloseListener(listener)).toBe(true)
    context.responseClosed()
    expect(calls).toEqual([])
  })
})
