#!/usr/bin/env bash
# Smoke test of the built server as production runs it: NODE_ENV=production, real-looking
# secrets, an https PUBLIC_BASE_URL, TRUST_PROXY unset, a throwaway SQLite file and a free port.
# Checks GET /health, the seeded GET /posts, that /docs and /console are off, and that 20 wrong
# passwords with a rotating X-Forwarded-For get 429 after the limit. Run after deploy/build.sh (CI does).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f server/dist/server.js ]] || { echo "server/dist/server.js missing: run deploy/build.sh first" >&2; exit 1; }

scratch=$(mktemp -d)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log="$scratch/server.log"
env -i PATH="$PATH" HOME="$scratch" NODE_ENV=production HOST=127.0.0.1 PORT="$port" \
  SQLITE_PATH="$scratch/community.sqlite" MEDIA_DIR="$scratch/media" \
  PUBLIC_BASE_URL=https://community.example.com \
  WECHAT_APPID=wx5f3c2a1b0e9d8c7b WECHAT_SECRET=3b9f0c2d7a6e41f58c0d9b2a7e6f1c4d \
  JWT_SECRET=8c1f5e9a2b7d4c0e6f3a9b1d5c7e2f4a8b0d6c3e \
  WECHAT_PUSH_TOKEN=Qm7xK2pLs9 WECHAT_PUSH_AES_KEY=Yk3Lm9Pq2Rs8Tv4Wx7Za1Bc5De6Fg0Hj3Kl9Mn2Pq4R \
  TEST_ACCOUNT_PASSWORD=Rv-7pQ2-xL9k-Wm4z \
  node server/dist/server.js >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT
fail() { echo "smoke test FAILED: $*" >&2; echo "--- server log" >&2; cat "$log" >&2; exit 1; }

base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$base/health" >/dev/null 2>&1 && break; kill -0 "$pid" 2>/dev/null || fail "server exited"; sleep 0.2; done
health=$(curl -sf "$base/health") || fail "GET /health"
echo "GET /health → $health"
[[ "$health" == *'"database":"up"'* ]] || fail "database not up"
posts=$(curl -sf "$base/posts") || fail "GET /posts"
count=$(node -e "console.log(JSON.parse(process.argv[1]).items.length)" "$posts")
echo "GET /posts → $count seeded posts"
(( count > 0 )) || fail "no seeded posts"
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/docs")" == 404 ]] || fail "/docs served in production"
# The web console is opt-in in production (CONSOLE_ENABLED=true).
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/console/login")" == 404 ]] || fail "/console served without CONSOLE_ENABLED"

statuses=""
for i in $(seq 1 20); do
  statuses+="$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' -H "x-forwarded-for: 203.0.113.$i" \
    -d "{\"username\":\"reviewer\",\"password\":\"wrong-guess-$i\",\"code\":\"code-$i\"}" "$base/auth/password") "
done
echo "20 wrong passwords, rotating X-Forwarded-For → $statuses"
[[ "$statuses" == "401 401 401 401 401 429 429 429 429 429 429 429 429 429 429 429 429 429 429 429 " ]] || fail "password limit escaped"

kill -TERM "$pid"
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$pid" 2>/dev/null && fail "did not stop on SIGTERM"
grep -q 'shut down cleanly' "$log" || fail "no clean shutdown"
echo "SIGTERM → shut down cleanly"
echo "smoke test passed"
