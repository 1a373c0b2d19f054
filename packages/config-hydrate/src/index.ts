// Public API of @gw/config-hydrate.
export {}
