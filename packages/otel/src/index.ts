// Public API of @gw/otel.
export {}
