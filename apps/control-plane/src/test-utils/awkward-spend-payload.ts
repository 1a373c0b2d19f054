// A spend payload whose strings hold every character an array parameter or JSON text must escape.

/**
 * A `confirmSpend` payload with quotes, backslashes, commas, braces, a newline and non-ASCII
 * text in its strings: stored and read back, it must come out equal.
 *
 * @example
 * const payload = awkwardSpendPayload('req-1', 'vk_1')
 */
export function awkwardSpendPayload(requestId: string, vkId: string) {
  return {
    gateway_request_id: requestId,
    vk_id: vkId,
    model: 'm "quoted", {braced} \\ back\\slash, comma; ünïcödé 模型 🚀',
    end_user_id: 'user\nwith newline',
    cost_micro_usd: 7,
  }
}
