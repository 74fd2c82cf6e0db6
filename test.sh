#!/usr/bin/env bash
# Runs every test project of the solution, installing what the tests need first,
# and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

# What the tests need from the machine: Debian's Chromium for the browser tests,
# redis-server for the multi-instance tests, Python's authlib, requests-oauthlib and PyJWT for the
# real-client tests, and PostgreSQL 15 for the PostgreSQL tests (each
# test run starts its own server on a free port, in a temporary folder).
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v "${REDIS_SERVER_PATH:-redis-server}" >/dev/null 2>&1 || missing+=(redis-server)
[ -x "${POSTGRES_BIN_DIR:-/usr/lib/postgresql/15/bin}/initdb" ] || missing+=(postgresql)
# The real-client tests run other people's OAuth2 libraries with Debian's Python (not a pyenv one).
"${PYTHON3_PATH:-/usr/bin/python3}" -c 'import authlib, requests_oauthlib, jwt' >/dev/null 2>&1 \
    || missing+=(python3-authlib python3-requests-oauthlib python3-jwt)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing ${missing[*]} with apt-get..."
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    if [[ " ${missing[*]} " == *" postgresql "* ]]; then
        # The tests make their own clusters: no "main" cluster on 5432 (Debian's
        # createcluster.conf reads this folder, and the package starts what it creates).
        $sudo mkdir -p /etc/postgresql-common/createcluster.d \
            && echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/fastapilearning-tests.conf >/dev/null
    fi
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

# TEST_RESULTS_DIR=folder keeps the TRX files (per-test durations) past the run.
if [ -n "${TEST_RESULTS_DIR:-}" ]; then
    mkdir -p "$TEST_RESULTS_DIR" && cp "$results"/*.trx "$TEST_RESULTS_DIR"/ 2>/dev/null
fi

echo "$passed passed, $failed failed"
exit "$status"
