import { describe, expect, it } from 'vitest'
import { createSessionStore } from './session-store.js'

describe('createSessionStore', () => {
  it('finds a session by the id it handed out and by nothing else', () => {
    const sessions = createSessionStore()
    const { id, session } = sessions.create()
    expect(sessions.get(id)).toBe(session)
    expect(sessions.get(`${id}x`)).toBeUndefined()
    expect(sessions.get(undefined)).toBeUndefined()
  })

  it('ends a session after the idle time, and one in use after the absolute time', () => {
    let now = 0
    const sessions = createSessionStore({ idleMs: 100, absoluteMs: 250, now: () => now })
    const idle = sessions.create()
    now = 100
    expect(sessions.get(idle.id)).toBeUndefined()
    const busy = sessions.create()
    for (now = 150; now < 350; now += 50) expect(sessions.get(busy.id)).toBeDefined()
    now = 350
    expect(sessions.get(busy.id)).toBeUndefined()
  })

  it('keeps at most maxSessions, dropping the oldest', () => {
    const sessions = createSessionStore({ maxSessions: 2 })
    const first = sessions.create()
    const second = sessions.create()
    const third = sessions.create()
    expect(sessions.size).toBe(2)
    expect(sessions.get(first.id)).toBeUndefined()
    expect(sessions.get(second.id)).toBeDefined()
    expect(sessions.get(third.id)).toBeDefined()
  })

  it('forgets a deleted session and gives each session its own CSRF token', () => {
    const sessions = createSessionStore()
    const a = sessions.create()
    const b = sessions.create()
    expect(a.session.csrf).not.toBe(b.session.csrf)
    sessions.delete(a.id)
    expect(sessions.get(a.id)).toBeUndefined()
  })
})
