// Public API of @gw/budget.
export {}
