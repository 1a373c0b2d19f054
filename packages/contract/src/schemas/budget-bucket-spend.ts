// GET /budget-bucket-spend: the current-period spend of one per-end-user budget bucket.
import * as v from 'valibot'
import { parseWith } from './parse.js'

/** Query of `GET /budget-bucket-spend`; both are required (400 `missing_parameter` otherwise). */
export const budgetBucketSpendQuerySchema = v.object({
  budget_id: v.optional(v.string(), ''),
  end_user_id: v.optional(v.string(), ''),
})
export type BudgetBucketSpendQuery = v.InferOutput<typeof budgetBucketSpendQuerySchema>

/** A 200 answer: micro-USD spent in the bucket's current window, and the bucket's id (or null). */
export const budgetBucketSpendResponseSchema = v.object({
  spent_micro_usd: v.number(),
  bucket: v.nullable(v.string()),
})
export type BudgetBucketSpendResponse = v.InferOutput<typeof budgetBucketSpendResponseSchema>

/**
 * Parses a 200 answer of `/budget-bucket-spend`.
 *
 * @example
 * const { spent_micro_usd } = parseBudgetBucketSpendResponse(json)
 */
export function parseBudgetBucketSpendResponse(json: unknown): BudgetBucketSpendResponse {
  return parseWith(budgetBucketSpendResponseSchema, json, 'budget-bucket-spend response', 'internal_error')
}
