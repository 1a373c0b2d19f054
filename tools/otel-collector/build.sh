#!/usr/bin/env bash
# Builds the test collector (OTLP receiver + file exporter) once and caches it; prints its path.
# Needs Go and the Go module proxy; without them it says so and exits 0 (the tests then skip).
set -euo pipefail
cd "$(dirname "$0")"
version=0.161.0
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/gw-otelcol"
binary="$cache_dir/gw-otelcol-$version"
if [ -x "$binary" ]; then
  echo "$binary"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "note: go not found; the collector tests will be skipped" >&2
  exit 0
fi
mkdir -p "$cache_dir"
if go build -trimpath -ldflags='-s -w' -o "$binary.partial" . >&2; then
  mv "$binary.partial" "$binary"
  echo "$binary"
else
  rm -f "$binary.partial"
  echo "note: the collector did not build; the collector tests will be skipped" >&2
fi
