#!/usr/bin/env bash
# Serves the page from this checkout on http://127.0.0.1:PORT/www/ (PORT: first argument, $PORT, or 8000), using
# the committed pkg/: no Rust needed. Only this machine can connect (bound to 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-${PORT:-8000}}"
command -v python3 >/dev/null || { echo "serve: python3 is needed (apt-get install python3)" >&2; exit 1; }
[ -f pkg/export_screen_bg.wasm ] || { echo "serve: pkg/export_screen_bg.wasm is missing; run bash scripts/build.sh" >&2; exit 1; }
echo "export-screen: open http://127.0.0.1:${port}/www/  (Ctrl-C to stop)"
# python3 -m http.server, with the .wasm and .mjs types set explicitly (older Pythons lack them, and the browser
# compiles wasm as it streams in only when it is served as application/wasm).
exec python3 - "$port" <<'PY'
import http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      '.wasm': 'application/wasm', '.mjs': 'text/javascript', '.js': 'text/javascript'}
try:
    http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Handler).serve_forever()
except KeyboardInterrupt:
    pass
PY
