// The small query layer every store uses, implemented by PGlite (embedded) and PostgreSQL (pg Pool).

/** Rows returned by one statement. */
export interface QueryResult<Row> {
  rows: Row[]
  /** Rows inserted, updated or deleted by the statement (0 for a plain SELECT). */
  rowCount: number
}

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  /** Runs one parameterised statement (`$1`, `$2`…). */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>
}

/** A database connection (or pool) the control plane owns. */
export interface Database extends Queryable {
  /** Which engine is behind it, for logs and health. */
  readonly kind: 'pglite' | 'postgres'
  /** Runs `fn` inside one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /** Closes the connection or pool. */
  close(): Promise<void>
}
