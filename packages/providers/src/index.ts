// Public API of @gw/providers.
export {}
