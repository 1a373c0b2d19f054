// Public API of @gw/gateway.
export {}
