#!/usr/bin/env bash
# The whole test suite: type check, format and lint, server tests on SQLite and on PostgreSQL, Redis adapter leg, web build,
# end-to-end tests in Debian's Chromium. Expects PostgreSQL and Redis on 127.0.0.1 as on the project's machines.
set -euo pipefail
cd "$(dirname "$0")/.."

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
export CI_REQUIRE_SERVICES=1

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian chromium for the end-to-end tests"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi
fi

echo "== type check"
npx tsc --noEmit -p tsconfig.json

echo "== format (Prettier, 120 columns) and lint (ESLint, type-aware)"
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }
npx eslint .

echo "== server tests on SQLite (embedded default)"
TEST_DB=sqlite npx vitest run --project server

echo "== server tests on PostgreSQL (${TEST_DATABASE_URL%%\?*}, a fresh database per test file)"
TEST_DB=postgres npx vitest run --project server

echo "== web build"
npm run --silent build:web

echo "== end-to-end tests (playwright-core + /usr/bin/chromium)"
npx vitest run --project e2e

echo "== all tests passed"
