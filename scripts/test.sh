#!/usr/bin/env bash
# Runs every test (unit, eval floors, CLI end-to-end, PostgreSQL, browser) and ends with one line:
#   N passed, N failed, N skipped
# Starts the services the tests need (PostgreSQL) and stops them afterwards.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

# Its own cluster on a free port (or on STORYLINE_PG_PORT when set), so parallel runs never share one.
if PG=$("$ROOT/scripts/postgres.sh" start); then
  export STORYLINE_TEST_PG="$PG"
else
  PG=""
  echo "test.sh: PostgreSQL could not be started; its tests will fail" >&2
fi
# Stop exactly the cluster this run started (its connection string names its port and state folder).
trap '[ -n "${PG:-}" ] && "$ROOT/scripts/postgres.sh" stop "$PG"' EXIT

# Build once, then run the test projects.
dotnet build Storyline.slnx -c Release -nologo -v q -clp:ErrorsOnly
build=$?
rc=0
if [ $build -eq 0 ]; then
  # The CLI end-to-end tests call ./storyline; build it now so they don't race to.
  ./storyline --help >/dev/null
  dotnet test --solution Storyline.slnx -c Release --no-build --report-xunit-trx --results-directory "$RESULTS" || rc=$?
else
  rc=$build
fi

python3 - "$RESULTS" "$rc" <<'PY'
import glob, re, sys
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    s = open(f, encoding="utf-8", errors="replace").read()
    m = re.search(r"<Counters\b[^>]*>", s)
    if not m: continue
    c = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
if int(sys.argv[2]) != 0 and failed == 0:
    failed = 1  # a broken build or crashed runner must never look green
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $rc
