// Migration 0010: spend records keep their payload as received (`json`), not decomposed (`jsonb`).

/**
 * `spend_records.payload` becomes `json`: the text as the gateway sent it, checked for syntax but
 * not converted to `jsonb`'s binary form. Nothing queries inside a stored payload (the ledger
 * totals are computed in the batch, before the insert); it is the audit copy of each record.
 * Converting every ingested record to `jsonb` was about a tenth of the ledger's ingest CPU
 * (measured on PGlite, 500-record batches). An existing table is rewritten once.
 */
export const migration0010SpendRecordsJson = {
  version: '0010_spend_records_json',
  sql: `
alter table spend_records alter column payload type json using payload::json;
`,
} as const
