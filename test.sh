#!/usr/bin/env bash
# Runs every test project of the solution, installing what the tests need first,
# and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

# What the tests need from the machine: Debian's Chromium for the browser tests and
# redis-server for the multi-instance tests (each test run starts its own on a free port).
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v "${REDIS_SERVER_PATH:-redis-server}" >/dev/null 2>&1 || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing ${missing[*]} with apt-get..."
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
        || { echo "Could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet test FastApiLearning.sln --logger trx --results-directory "$results" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
    failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
done

# A build that failed ran nothing: count it as a failure so it cannot read as green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
fi

echo "$passed passed, $failed failed"
exit "$status"
