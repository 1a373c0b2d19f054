// Public API of @gw/control-plane.
export {}
