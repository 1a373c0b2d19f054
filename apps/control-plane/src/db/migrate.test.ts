import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from './database.js'
import { migrate } from './migrate.js'
import { migrations } from './migrations/index.js'
import { createPgliteDatabase } from './pglite-database.js'

let db: Database

beforeAll(async () => {
  db = await createPgliteDatabase('memory://')
})
afterAll(async () => {
  await db?.close()
})

describe('migrate', () => {
  it('applies every migration once, records it, and does nothing the second time', async () => {
    expect(await migrate(db)).toEqual(migrations.map((migration) => migration.version))
    expect(await migrate(db)).toEqual([])
    const { rows } = await db.query<{ version: string }>(
      'select version from schema_migrations order by version',
    )
    expect(rows.map((row) => row.version)).toEqual(migrations.map((migration) => migration.version))
    const { rows: tables } = await db.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    )
    expect(tables.map((table) => table.table_name)).toEqual([
      'budget_end_user_spend',
      'budget_spend',
      'budgets',
      'change_log',
      'guardrail_attachments',
      'guardrails',
      'organizations',
      'principals',
      'project_trace_settings',
      'projects',
      'provider_credentials',
      'routing_policies',
      'schema_migrations',
      'spend_daily',
      'spend_records',
      'teams',
      'virtual_keys',
    ])
  })

  it('rolls back a failing migration entirely', async () => {
    const broken = [
      { version: '9999_broken', sql: 'create table half_done (id int); select * from missing_table;' },
    ]
    await expect(migrate(db, { migrations: broken })).rejects.toThrow()
    const { rows } = await db.query("select 1 from information_schema.tables where table_name = 'half_done'")
    expect(rows).toEqual([])
    const { rows: recorded } = await db.query("select 1 from schema_migrations where version = '9999_broken'")
    expect(recorded).toEqual([])
  })

  it('looks keys up through the digest index', async () => {
    await db.exec('set enable_seqscan = off')
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(
      "explain select id from virtual_keys where digest = 'abc'",
    )
    await db.exec('reset enable_seqscan')
    expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('virtual_keys_digest_key')
  })
})
