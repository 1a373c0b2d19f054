// Public API of @gw/guardrails.
export {}
