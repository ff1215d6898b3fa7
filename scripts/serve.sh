#!/usr/bin/env bash
# Serves the page from this checkout on http://127.0.0.1:${PORT:-8000}/www/ (uses the committed pkg/; no Rust needed).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8000}"
echo "export-screen: open http://127.0.0.1:${port}/www/  (Ctrl-C to stop)"
exec python3 -m http.server "$port" --bind 127.0.0.1
