// Public API of @gw/auth-cache.
export {}
