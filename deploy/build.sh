#!/usr/bin/env bash
# Every build step of a production server, in one place: the Dockerfile runs it, CI runs it
# (so the steps are tested even where no image can be built), and so can a plain VM.
#   deploy/build.sh            install (from the lock file), type-check and bundle to server/dist
#   deploy/build.sh --prune    then drop dev dependencies, leaving what `node server/dist/server.js` needs
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== npm install (locked versions; better-sqlite3 and sharp are native)"
# Not `npm ci`: see .ci/run (the registry here lacks other platforms' optional binaries).
npm install --no-audit --no-fund

echo "== npm run build (tsc --noEmit, then esbuild → server/dist/server.js)"
npm run build

if [[ "${1:-}" == "--prune" ]]; then
  echo "== production dependencies only"
  npm prune --omit=dev --no-audit --no-fund
fi

echo "== check: the bundle loads with node alone"
node -e "require('./server/dist/server.js')" >/dev/null
echo "built server/dist/server.js"
