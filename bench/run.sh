#!/usr/bin/env bash
# Load benchmark of the login service: builds src/WebApi in Release, starts it on a free
# 127.0.0.1 port with login throttling lifted, drives it with wrk and prints one table.
# See bench/README.md for what each row and figure means.
#
#   bench/run.sh [--connections N] [--duration S] [--warmup S] [--repeat N] [--timeout S] [--quick] [--redis]
#                [--employees N] [--only ROWS]
#
# Traffic goes to 127.0.0.1 only. Every step is bounded in time, and the server is stopped on
# exit, on error and on Ctrl-C.
set -uo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
COMMAND_LINE="bench/run.sh$(printf ' %q' "$@")"

CONNECTIONS=32
DURATION=10
WARMUP=3
REPEAT=1
TIMEOUT=10
MIXED_ME_CONNECTIONS=8
MIXED_LOGIN_CONNECTIONS=32
QUEUE_CONNECTIONS=64
GOOD_USER=behai_nguyen@hotmail.com
PASSWORD=password
UNKNOWN_USER=nobody.at.all@example.com
USE_REDIS=""
EMPLOYEES=0
ONLY=""
ROW_IDS=(1 2 2m 2e 2en 2n 3 4 4t 4m 5 6 7 8 9 10 11 +)

usage() {
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    cat <<'EOF'
Options:
  --connections N   connections of every scenario (default 32; the mixed run and the
                    queueing check use their own: 8 + 32 and 64)
  --duration S      measured seconds per scenario (default 10)
  --warmup S        warm-up seconds before each scenario, discarded (default 3)
  --repeat N        run the whole set N times and print medians (default 1)
  --timeout S       wrk's request timeout (default 10)
  --quick           smoke run: --duration 3 --warmup 1
  --redis           keep revocations and throttle counts in a redis-server of the bench's
                    own (free loopback port, no persistence) instead of in memory
  --employees N     before the scenarios, generate N employees in the MySQL sample's dump
                    format (bench/GenerateEmployees, seed 1) and import them into the
                    service's SQLite database with `employees import`, timed (the sample has
                    300,024: --employees 300024)
  --only ROWS       run only these rows of the table, by their ids, comma-separated (e.g.
                    --only 1,11); the floor (1) always runs, since the ratios need it. Ids:
                    1 2 2m 2e 2en 2n 3 4 4t 4m 5 6 7 8 (8a + 8b) 9 10 11 + (the 64-connection
                    check). Services that no chosen row needs are not started, and only the
                    figures the chosen rows make are printed
EOF
}

die() {
    echo "run.sh: $*" >&2
    exit 1
}

is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

while [ $# -gt 0 ]; do
    case $1 in
        --connections) CONNECTIONS=${2:-}; shift 2 || die "--connections needs a value" ;;
        --connections=*) CONNECTIONS=${1#*=}; shift ;;
        --duration) DURATION=${2:-}; shift 2 || die "--duration needs a value" ;;
        --duration=*) DURATION=${1#*=}; shift ;;
        --warmup) WARMUP=${2:-}; shift 2 || die "--warmup needs a value" ;;
        --warmup=*) WARMUP=${1#*=}; shift ;;
        --repeat) REPEAT=${2:-}; shift 2 || die "--repeat needs a value" ;;
        --repeat=*) REPEAT=${1#*=}; shift ;;
        --timeout) TIMEOUT=${2:-}; shift 2 || die "--timeout needs a value" ;;
        --timeout=*) TIMEOUT=${1#*=}; shift ;;
        --quick) DURATION=3; WARMUP=1; shift ;;
        --redis) USE_REDIS=yes; shift ;;
        --employees) EMPLOYEES=${2:-}; shift 2 || die "--employees needs a value" ;;
        --employees=*) EMPLOYEES=${1#*=}; shift ;;
        --only) ONLY=${2:-}; shift 2 || die "--only needs a value" ;;
        --only=*) ONLY=${1#*=}; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
done

in_range() { # VALUE MIN MAX
    is_uint "$1" && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]
}
in_range "$CONNECTIONS" 2 10000 || die "--connections must be a whole number, 2..10000 (wrk runs 2 threads)"
in_range "$DURATION" 1 600 || die "--duration must be 1..600 seconds"
in_range "$WARMUP" 0 600 || die "--warmup must be 0..600 seconds"
in_range "$REPEAT" 1 20 || die "--repeat must be 1..20"
in_range "$TIMEOUT" 1 60 || die "--timeout must be 1..60 seconds"
in_range "$EMPLOYEES" 0 5000000 || die "--employees must be a whole number, 0..5,000,000"
if [ -n "$ONLY" ]; then
    for id in ${ONLY//,/ }; do
        [[ " ${ROW_IDS[*]} " == *" $id "* ]] || die "--only: no row $id (rows: ${ROW_IDS[*]})"
    done
    wanted_raw=",$ONLY,"
    [[ $wanted_raw == *",1,"* ]] || ONLY="1,$ONLY"   # the floor: every ratio divides by it
fi

# wanted ID...: whether any of these rows runs (all do without --only).
wanted() {
    [ -z "$ONLY" ] && return 0
    local id
    for id in "$@"; do
        [[ ",$ONLY," == *",$id,"* ]] && return 0
    done
    return 1
}

row_id() { # SCENARIO → its row id in the table
    case $1 in
        floor) echo 1 ;; me-bearer) echo 2 ;; me-bearer-memory) echo 2m ;; me-es256) echo 2e ;;
        me-es256-nocache) echo 2en ;; me-hs256-nocache) echo 2n ;; me-cookie) echo 3 ;;
        login-good) echo 4 ;; login-good-throttled) echo 4t ;; login-good-memory) echo 4m ;;
        login-wrong) echo 5 ;; login-unknown) echo 6 ;; login-page) echo 7 ;; mixed-*) echo 8 ;;
        search) echo 9 ;; put-own) echo 10 ;; refresh) echo 11 ;; login-64) echo + ;;
        *) echo "?" ;;
    esac
}

# ---------------------------------------------------------------------------------------------
# Tools

if ! command -v wrk >/dev/null 2>&1; then
    echo "run.sh: installing wrk" >&2
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get install -y wrk >/dev/null 2>&1 \
        || { timeout 600 apt-get update >/dev/null && timeout 600 apt-get install -y wrk >/dev/null; } \
        || die "could not install wrk (apt-get install -y wrk)"
fi
command -v dotnet >/dev/null 2>&1 || die "dotnet (the .NET 10 SDK) is not on PATH"
command -v curl >/dev/null 2>&1 || die "curl is needed"

# ---------------------------------------------------------------------------------------------
# Clean-up: stop what this script started, whatever happens

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fal-bench.XXXXXX") || die "mktemp failed"
SERVER_PID=""
THROTTLED_PID=""
MEMORY_PID=""
ES256_PID=""
ES256_NOCACHE_PID=""
REDIS_PID=""
BG_PIDS=()

stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        for _ in $(seq 1 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$SERVER_PID" 2>/dev/null
    fi
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
}

# The second service (scenario 4t), stopped the same way.
stop_throttled() {
    local main=$SERVER_PID
    SERVER_PID=$THROTTLED_PID
    stop_server
    THROTTLED_PID=""
    SERVER_PID=$main
}

# The third (scenarios 2m and 4m: the in-memory employees store), likewise.
stop_memory() {
    local main=$SERVER_PID
    SERVER_PID=$MEMORY_PID
    stop_server
    MEMORY_PID=""
    SERVER_PID=$main
}

# The fourth and fifth (ES256 tokens, with and without the validated-token cache), by pid.
stop_other() {
    local main=$SERVER_PID
    SERVER_PID=$1
    stop_server
    SERVER_PID=$main
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    local pid
    for pid in "${BG_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null
    done
    stop_throttled
    stop_memory
    stop_other "$ES256_PID"
    stop_other "$ES256_NOCACHE_PID"
    stop_server
    if [ -n "$REDIS_PID" ]; then
        kill -TERM "$REDIS_PID" 2>/dev/null
        wait "$REDIS_PID" 2>/dev/null
    fi
    # `timeout` passes the TERM on and sends KILL 10 s later if that was not enough.
    for pid in "${BG_PIDS[@]}"; do
        wait "$pid" 2>/dev/null
    done
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'echo "run.sh: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM HUP

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS_DIR="$BENCH_DIR/results/$STAMP"   # git ignores bench/results/
mkdir -p "$RESULTS_DIR" || die "cannot create $RESULTS_DIR"
RECORDS="$WORK/records.tsv"
: >"$RECORDS"

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# Long steps run in the background and are waited for, so that Ctrl-C (or TERM) reaches the
# trap at once and cleanup() can stop them by pid; `timeout` bounds each one.
start_bounded() { # SECONDS COMMAND...: starts it, adds its pid to BG_PIDS
    local limit=$1
    shift
    # exec: $! must be timeout's own pid, not a subshell's that a TERM would leave it behind.
    (exec timeout --kill-after=10 "$limit" "$@") &
    BG_PIDS+=("$!")
}

wait_bounded() { # waits for everything start_bounded started; the status of the last one
    local pid status=0
    for pid in "${BG_PIDS[@]}"; do
        wait "$pid"
        status=$?
    done
    BG_PIDS=()
    return "$status"
}

bounded() { # SECONDS COMMAND...: runs it to the end, interruptibly
    start_bounded "$@"
    wait_bounded
}

# ---------------------------------------------------------------------------------------------
# Build: Release, with build outputs kept under bench/results/build so src/ gets no bin/obj.

BUILD_DIR="$BENCH_DIR/results/build"
log "building src/WebApi and bench/VerifyTiming (Release)"
bounded 900 dotnet publish "$REPO_DIR/src/WebApi" -c Release -o "$WORK/app" \
    --artifacts-path "$BUILD_DIR" -nologo -v quiet >"$WORK/publish.log" 2>&1 \
    || { tail -30 "$WORK/publish.log" >&2; die "dotnet publish src/WebApi failed"; }
bounded 900 dotnet publish "$BENCH_DIR/VerifyTiming" -c Release -o "$WORK/verify" \
    --artifacts-path "$BUILD_DIR" -nologo -v quiet >"$WORK/verify-build.log" 2>&1 \
    || { tail -30 "$WORK/verify-build.log" >&2; die "dotnet publish bench/VerifyTiming failed"; }
[ -f "$WORK/app/FastApiLearning.WebApi.dll" ] || die "the publish made no FastApiLearning.WebApi.dll"
if [ "$EMPLOYEES" -gt 0 ]; then
    bounded 900 dotnet publish "$BENCH_DIR/GenerateEmployees" -c Release -o "$WORK/generate" \
        --artifacts-path "$BUILD_DIR" -nologo -v quiet >"$WORK/generate-build.log" 2>&1 \
        || { tail -30 "$WORK/generate-build.log" >&2; die "dotnet publish bench/GenerateEmployees failed"; }
fi

# One Argon2id verify at the configured parameters, timed in-process before the server runs.
log "timing Argon2id verify (median of 20)"
(cd "$WORK" && bounded 300 dotnet "$WORK/verify/VerifyTiming.dll") >"$WORK/verify.out" 2>&1 \
    || { cat "$WORK/verify.out" >&2; die "bench/VerifyTiming failed"; }
VERIFY_LINE=$(grep -m1 '^VERIFY ' "$WORK/verify.out")
VERIFY_MS=$(sed -nE 's/.*median_ms=([0-9.]+).*/\1/p' <<<"$VERIFY_LINE")
VERIFY_PARAMS=$(sed -nE 's/.* m=([0-9]+) t=([0-9]+).*/m=\1,t=\2,p=1/p' <<<"$VERIFY_LINE")
[ -n "$VERIFY_MS" ] || die "could not read the verify time from: $VERIFY_LINE"
CORES=$(nproc)

# ---------------------------------------------------------------------------------------------
# Server

port_is_free() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        [ -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]
    else
        ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

pick_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 20001))
        if port_is_free "$port"; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

http_code() { # url [curl args...]
    local url=$1
    shift
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "$url" 2>/dev/null || true
}

SIGNING_KEY=$(head -c32 /dev/urandom | base64)
# HS256 for the main service (as configured before ES256 became the default); the ES256 services get a
# P-256 key of the bench's own.
KEY_ENV=(Jwt__SigningKey="$SIGNING_KEY")
ES256_PEM=$(openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt 2>/dev/null)
[ -n "$ES256_PEM" ] || die "openssl could not make an ES256 key (openssl ecparam -name prime256v1 -genkey)"
ES256_KEY_ENV=(Jwt__SigningKeys__0__Algorithm=ES256 Jwt__SigningKeys__0__Pem="$ES256_PEM")
mkdir -p "$WORK/run"

# The employees database: the service's default provider (SQLite), in a file of the bench's own,
# shared by the main service and the throttled one (4t). The in-memory store (the Fake provider)
# serves scenarios 2m and 4m from a third service, for comparison in the same run.
DB_FILE="$WORK/employees.db"
DB_ENV=(Database__Provider=Sqlite ConnectionStrings__Employees="Data Source=$DB_FILE")
IMPORT_S=""
manage() { # the service's management commands, on the bench's database
    (cd "$WORK/run" && exec env ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning "${DB_ENV[@]}" Jwt__Issuer=http://127.0.0.1 \
        DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$WORK/app/FastApiLearning.WebApi.dll" "$@")
}
log "creating the database (migrate)"
manage migrate </dev/null >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; die "migrate failed"; }
if [ "$EMPLOYEES" -gt 0 ]; then
    log "generating $EMPLOYEES employees (bench/GenerateEmployees, seed 1)"
    (cd "$WORK" && bounded 600 dotnet "$WORK/generate/GenerateEmployees.dll" --count "$EMPLOYEES" --seed 1 --out "$WORK/employees.dump") \
        >"$WORK/generate.log" 2>&1 || { cat "$WORK/generate.log" >&2; die "bench/GenerateEmployees failed"; }
    log "importing them (employees import)"
    IMPORT_START=$(date +%s.%N)
    manage employees import "$WORK/employees.dump" </dev/null >"$WORK/import.log" 2>&1 \
        || { tail -30 "$WORK/import.log" >&2; die "employees import failed"; }
    IMPORT_S=$(awk -v a="$IMPORT_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    log "imported in $IMPORT_S s: $(tail -1 "$WORK/import.log")"
fi
# The directory search needs admin:read. A sample user with it (Mary Sluis, 10011) is seeded by
# emp_no only where that emp_no is free, and the generated employees take 10001 on, so the bench
# adds an administrator of its own with the commands.
ADMIN_USER=bench.admin@example.com
ADMIN_PASSWORD=$(head -c24 /dev/urandom | base64)
log "adding $ADMIN_USER with admin:read (employees add, employees grant)"
printf '%s\n' "$ADMIN_PASSWORD" | manage employees add --email "$ADMIN_USER" --first-name Bench --last-name Admin \
    --gender F --birth-date 1980-01-01 --hire-date 2020-01-01 --password-stdin >"$WORK/admin.log" 2>&1 \
    && manage employees grant "$ADMIN_USER" admin:read </dev/null >>"$WORK/admin.log" 2>&1 \
    || { cat "$WORK/admin.log" >&2; die "adding the bench's administrator failed"; }

STORES_NOTE="in memory (the embedded default)"
REDIS_ENV=()
if [ -n "$USE_REDIS" ]; then
    if ! command -v redis-server >/dev/null 2>&1; then
        echo "run.sh: installing redis-server" >&2
        sudo_cmd=""
        [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
        $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-server >/dev/null \
            || die "could not install redis-server"
    fi
    REDIS_PORT=$(pick_port) || die "found no free port for redis-server"
    mkdir -p "$WORK/redis"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK/redis" --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
    REDIS_PID=$!
    for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break
        sleep 0.1
    done
    REDIS_ENV=(ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT")
    STORES_NOTE="Redis (the bench's own redis-server on 127.0.0.1:$REDIS_PORT)"
fi

# Throttling is lifted for the main service; scenario 4t runs against a second one with it on.
THROTTLE_ENV=(Throttling__Enabled=false)
SERVER_LOG="$WORK/server.log"

start_server() {
    # The working directory is a temp dir and the content root the publish folder, so the
    # service writes nothing into the repo (and, with a signing key given, nothing at all).
    (
        cd "$WORK/run" || exit 1
        exec env \
            ASPNETCORE_ENVIRONMENT=Development \
            "${KEY_ENV[@]}" \
            Logging__LogLevel__Default=Warning \
            "${THROTTLE_ENV[@]}" \
            "${REDIS_ENV[@]}" \
            "${DB_ENV[@]}" \
            DOTNET_CLI_TELEMETRY_OPTOUT=1 \
            dotnet "$WORK/app/FastApiLearning.WebApi.dll" \
            --urls "http://127.0.0.1:$PORT" --contentRoot "$WORK/app"
    ) >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
    local deadline=$((SECONDS + 30))
    while [ $SECONDS -lt $deadline ]; do
        kill -0 "$SERVER_PID" 2>/dev/null || return 1
        [ "$(http_code "$BASE/login")" = 200 ] && return 0
        sleep 0.3
    done
    return 1
}

start_service() { # starts the service on a free port, with up to three tries
    local attempt
    for attempt in 1 2 3; do
        PORT=$(pick_port) || die "found no free port in 20000-40000"
        BASE="http://127.0.0.1:$PORT"
        log "starting the service on $BASE (attempt $attempt)"
        if start_server; then
            return 0
        fi
        stop_server
        grep -qi 'address already in use' "$SERVER_LOG" || break
    done
    tail -40 "$SERVER_LOG" >&2
    die "the service did not answer GET /login within 30 s"
}
# 4t: the good-login scenario on a second service with throttling on, run right after scenario 4
# in each set, so that the throttle's own cost (an atomic reserve before each login, a release
# after) shows as a ratio. Its limits are raised: one address and one username send every
# login of the bench, and 32 simultaneous logins of one user are more than the per-username
# allowance (5) lets through. Idle while the other scenarios run.
# It also serves 2n, /users/me with HS256 tokens and the validated-token cache off (no throttle is
# asked on /users/me), beside 2e and 2en below.
THROTTLED_BASE="" MEMORY_BASE="" ES256_BASE="" ES256_NOCACHE_BASE=""
# Their tokens, and the administrator's: empty until fetched (a row left out by --only never asks).
MEMORY_TOKEN="" ES256_TOKEN="" ES256_NOCACHE_TOKEN="" NOCACHE_TOKEN="" ADMIN_TOKEN=""
THROTTLE_ENV=(Throttling__Enabled=true Throttling__MaxFailuresPerUsername=1000 Throttling__MaxFailuresPerClient=100000)
KEY_ENV=(Jwt__SigningKey="$SIGNING_KEY" Jwt__ValidatedTokenCacheCapacity=0)
SERVER_LOG="$WORK/server-throttled.log"
if wanted 4t 2n; then
    start_service
    THROTTLED_PID=$SERVER_PID THROTTLED_BASE=$BASE SERVER_PID=""
fi
THROTTLE_ENV=(Throttling__Enabled=false)
KEY_ENV=(Jwt__SigningKey="$SIGNING_KEY")
# 2m and 4m: /users/me and good logins on a service with the in-memory employees store (the Fake
# provider, the two sample users), run right after 2 and 4, so that what the database costs shows
# as a ratio.
SQLITE_DB_ENV=("${DB_ENV[@]}")
DB_ENV=(Database__Provider=Fake)
SERVER_LOG="$WORK/server-memory.log"
if wanted 2m 4m; then
    start_service
    MEMORY_PID=$SERVER_PID MEMORY_BASE=$BASE SERVER_PID=""
fi
DB_ENV=("${SQLITE_DB_ENV[@]}")
# 2e and 2en: /users/me with ES256 tokens, on two more services on the same database file, with the
# validated-token cache (one token, sent again and again: the cache's case) and without it (every
# request checks the ECDSA signature), so that ES256 ÷ HS256 shows both ways.
KEY_ENV=("${ES256_KEY_ENV[@]}")
SERVER_LOG="$WORK/server-es256.log"
if wanted 2e; then
    start_service
    ES256_PID=$SERVER_PID ES256_BASE=$BASE SERVER_PID=""
fi
KEY_ENV=("${ES256_KEY_ENV[@]}" Jwt__ValidatedTokenCacheCapacity=0)
SERVER_LOG="$WORK/server-es256-nocache.log"
if wanted 2en; then
    start_service
    ES256_NOCACHE_PID=$SERVER_PID ES256_NOCACHE_BASE=$BASE SERVER_PID=""
fi
KEY_ENV=(Jwt__SigningKey="$SIGNING_KEY")
SERVER_LOG="$WORK/server.log"
start_service

server_alive() {
    kill -0 "$SERVER_PID" 2>/dev/null || {
        tail -40 "$WORK/server.log" >&2
        die "the service died during the run"
    }
}

get_token() { # [BASE [USER PASSWORD]]: a token of the good user (or USER) from that service (default: the main one)
    local body
    body=$(curl -s --max-time 10 -X POST "${1:-$BASE}/token" -H 'Accept: application/json' \
        --data-urlencode grant_type=password --data-urlencode "username=${2:-$GOOD_USER}" \
        --data-urlencode "password=${3:-$PASSWORD}") || die "POST /token failed"
    TOKEN=$(sed -nE 's/.*"access_token":"([^"]+)".*/\1/p' <<<"$body")
    [ -n "$TOKEN" ] || die "POST /token gave no access_token: $body"
}
if [ -n "$MEMORY_BASE" ]; then
    get_token "$MEMORY_BASE"
    MEMORY_TOKEN=$TOKEN
fi
get_token

# What exists yet: /healthz (else the floor is a static file), and the session cookie.
HEALTHZ_CODE=$(http_code "$BASE/healthz")
if [ "$HEALTHZ_CODE" = 404 ]; then
    FLOOR_PATH=/css/site.css
    FLOOR_NOTE="GET /healthz answered 404 at start: the floor falls back to GET /css/site.css"
    [ "$(http_code "$BASE$FLOOR_PATH")" = 200 ] || die "fallback floor GET $FLOOR_PATH does not answer 200"
else
    FLOOR_PATH=/healthz
    FLOOR_NOTE="GET /healthz (answered $HEALTHZ_CODE at start)"
fi

COOKIE_CODE=$(http_code "$BASE/users/me" -H "Cookie: fal_session=$TOKEN")
if [ "$COOKIE_CODE" = 401 ]; then
    COOKIE_NOTE="cookie not supported yet"
    COOKIE_EXPECT=401
else
    COOKIE_NOTE=""
    COOKIE_EXPECT=200
fi
BEARER_CODE=$(http_code "$BASE/users/me" -H "Authorization: Bearer $TOKEN")
[ "$BEARER_CODE" = 200 ] || die "GET /users/me with the bearer token answered $BEARER_CODE"

# ---------------------------------------------------------------------------------------------
# Scenarios

# record REP SCENARIO RESULT-LINE: keeps each key=value of wrk's RESULT line.
record() {
    local rep=$1 scenario=$2 line=$3 kv key value code
    for kv in ${line#RESULT }; do
        key=${kv%%=*}
        value=${kv#*=}
        if [ "$key" = statuses ]; then
            [ "$value" = none ] && continue
            for code in ${value//,/ }; do
                printf '%s\t%s\tstatus_%s\t%s\n' "$rep" "$scenario" "${code%%:*}" "${code#*:}" >>"$RECORDS"
            done
        else
            printf '%s\t%s\t%s\t%s\n' "$rep" "$scenario" "$key" "$value" >>"$RECORDS"
        fi
    done
}

# wrk_start OUT CONNECTIONS SECONDS URL [wrk args...]: starts one bounded wrk run, output to OUT,
# wrk's own CPU seconds (user system) to OUT.cpu.
wrk_start() {
    local out=$1 connections=$2 seconds=$3 url=$4
    shift 4
    start_bounded $((seconds + TIMEOUT + 30)) \
        /usr/bin/time -o "$out.cpu" -f '%U %S' \
        wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"${seconds}s" --timeout "${TIMEOUT}s" --latency \
        "$url" "$@" >"$out" 2>&1
}

CLOCK_TICKS=$(getconf CLK_TCK)

cpu_ticks() { # PID → user + system clock ticks the process has used (fields 14 and 15 of its stat)
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

pid_of() { # URL → the pid of the bench's service that answers it
    case $1 in
        "$MEMORY_BASE"/*) echo "$MEMORY_PID" ;;
        "$THROTTLED_BASE"/*) echo "$THROTTLED_PID" ;;
        "$ES256_BASE"/*) echo "$ES256_PID" ;;
        "$ES256_NOCACHE_BASE"/*) echo "$ES256_NOCACHE_PID" ;;
        *) echo "$SERVER_PID" ;;
    esac
}

# record_cpu REP SCENARIO OUT TICKS-BEFORE TICKS-AFTER: CPU microseconds per request, of the service
# and of the service + wrk together. Time that other processes take from the machine is in neither,
# so these move far less with a noisy neighbour than req/s does.
record_cpu() {
    local rep=$1 scenario=$2 out=$3 before=$4 after=$5 requests wrk_s
    requests=$(awk -F'\t' -v r="$rep" -v s="$scenario" '$1 == r && $2 == s && $3 == "requests" { print $4 }' "$RECORDS")
    wrk_s=$(awk 'END { print $1 + $2 }' "$out.cpu" 2>/dev/null)
    awk -v r="$rep" -v s="$scenario" -v n="${requests:-0}" -v t=$((after - before)) -v hz="$CLOCK_TICKS" -v w="${wrk_s:-0}" 'BEGIN {
        if (n + 0 == 0) exit
        printf "%s\t%s\tcpu_us\t%.2f\n", r, s, (t / hz + w) * 1e6 / n
        printf "%s\t%s\tserver_cpu_us\t%.2f\n", r, s, (t / hz) * 1e6 / n
    }' >>"$RECORDS"
}

wrk_run() { # the same, waiting for it
    wrk_start "$@"
    wait_bounded
}

result_of() { # OUT: the RESULT line wrk's done() printed
    local line
    line=$(grep -m1 '^RESULT ' "$1") || {
        cat "$1" >&2
        die "wrk printed no RESULT line ($1)"
    }
    echo "$line"
}

# scenario REP NAME CONNECTIONS URL [wrk args incl. -s script [-- args]]: warm-up, then measure.
scenario() {
    local rep=$1 name=$2 connections=$3 url=$4
    shift 4
    wanted "$(row_id "$name")" || return 0
    server_alive
    if [ "$WARMUP" -gt 0 ]; then
        wrk_run "$WORK/warmup.out" "$connections" "$WARMUP" "$url" "$@"
    fi
    log "  $name: ${DURATION}s at $connections connections"
    local pid before
    pid=$(pid_of "$url")
    before=$(cpu_ticks "$pid")
    wrk_run "$RESULTS_DIR/wrk-$rep-$name.txt" "$connections" "$DURATION" "$url" "$@"
    record "$rep" "$name" "$(result_of "$RESULTS_DIR/wrk-$rep-$name.txt")"
    record_cpu "$rep" "$name" "$RESULTS_DIR/wrk-$rep-$name.txt" "$before" "$(cpu_ticks "$pid")"
    case $name in login-*) settle ;; esac
}

# After a login flood the service still works through the requests wrk abandoned when its time
# was up (a verify is not cancelled); one more login, answered after that backlog, lets the
# next scenario start on an idle service.
settle() {
    curl -s -o /dev/null --max-time 60 -X POST "$BASE/token" -H 'Accept: application/json' \
        --data-urlencode grant_type=password --data-urlencode "username=$GOOD_USER" \
        --data-urlencode "password=$PASSWORD" || true
}

REPORT="$BENCH_DIR/report.lua"
LOGIN="$BENCH_DIR/post-login.lua"
PUT_OWN="$BENCH_DIR/put-own.lua"
REFRESH="$BENCH_DIR/refresh.lua"
SEARCH_PATH="/employees?last_name=fac&page_size=20"
SEARCH_CONNECTIONS=8

# own_record: the good user's emp_no, the ETag of their record and the record as a PUT body.
own_record() {
    local me headers
    me=$(curl -s --max-time 10 -H "Authorization: Bearer $TOKEN" "$BASE/users/me")
    OWN_EMP_NO=$(sed -nE 's/.*"emp_no":([0-9]+).*/\1/p' <<<"$me")
    [ -n "$OWN_EMP_NO" ] || die "GET /users/me gave no emp_no: $me"
    headers="$WORK/own.headers"
    OWN_BODY=$(curl -s --max-time 10 -D "$headers" -H "Authorization: Bearer $TOKEN" "$BASE/employees/$OWN_EMP_NO" \
        | sed -E 's/"emp_no":[0-9]+,?//')
    OWN_ETAG=$(sed -nE 's/^[Ee][Tt]ag: *([^\r]*)\r?$/\1/p' "$headers")
    [ -n "$OWN_ETAG" ] || die "GET /employees/$OWN_EMP_NO gave no ETag: $OWN_BODY"
}

# put_scenario REP: PUT of one's own record on one connection (put-own.lua carries the ETag along);
# the warm-up moves the version, so the ETag is read again before the measured run.
put_scenario() {
    local rep=$1 url pid before
    wanted 10 || return 0
    server_alive
    own_record
    url="$BASE/employees/$OWN_EMP_NO"
    if [ "$WARMUP" -gt 0 ]; then
        wrk_run "$WORK/warmup.out" 1 "$WARMUP" "$url" -s "$PUT_OWN" -- "$TOKEN" "$OWN_ETAG" "$OWN_BODY"
    fi
    own_record
    log "  put-own: ${DURATION}s at 1 connection"
    pid=$(pid_of "$url")
    before=$(cpu_ticks "$pid")
    wrk_run "$RESULTS_DIR/wrk-$rep-put-own.txt" 1 "$DURATION" "$url" -s "$PUT_OWN" -- "$TOKEN" "$OWN_ETAG" "$OWN_BODY"
    record "$rep" put-own "$(result_of "$RESULTS_DIR/wrk-$rep-put-own.txt")"
    record_cpu "$rep" put-own "$RESULTS_DIR/wrk-$rep-put-own.txt" "$before" "$(cpu_ticks "$pid")"
}

# refresh_tokens: a refresh token per connection and a few more, each of a login of its own (a family
# each). The spares keep every connection supplied: one connection of the smoke run sent requests
# before its thread had a token for it, and a connection that ever sends none never gets one back.
refresh_tokens() {
    local body token i
    REFRESH_TOKENS=()
    for i in $(seq 1 $((CONNECTIONS + 8))); do
        body=$(curl -s --max-time 10 -X POST "$BASE/token" -H 'Accept: application/json' \
            --data-urlencode grant_type=password --data-urlencode "username=$GOOD_USER" \
            --data-urlencode "password=$PASSWORD") || die "POST /token failed"
        token=$(sed -nE 's/.*"refresh_token":"([^"]+)".*/\1/p' <<<"$body")
        [ -n "$token" ] || die "POST /token gave no refresh_token: $body"
        REFRESH_TOKENS+=("$token")
    done
}

# refresh_scenario REP: grant_type=refresh_token (refresh.lua carries each new token into a later
# request); the warm-up uses tokens up, so the measured run starts from fresh logins.
refresh_scenario() {
    local rep=$1 url="$BASE/token" pid before threads=$(( CONNECTIONS < 2 ? 1 : 2 ))
    wanted 11 || return 0
    server_alive
    if [ "$WARMUP" -gt 0 ]; then
        refresh_tokens
        wrk_run "$WORK/warmup.out" "$CONNECTIONS" "$WARMUP" "$url" -s "$REFRESH" -- "$threads" "${REFRESH_TOKENS[@]}"
    fi
    refresh_tokens
    log "  refresh: ${DURATION}s at $CONNECTIONS connections"
    pid=$(pid_of "$url")
    before=$(cpu_ticks "$pid")
    wrk_run "$RESULTS_DIR/wrk-$rep-refresh.txt" "$CONNECTIONS" "$DURATION" "$url" -s "$REFRESH" -- "$threads" "${REFRESH_TOKENS[@]}"
    record "$rep" refresh "$(result_of "$RESULTS_DIR/wrk-$rep-refresh.txt")"
    record_cpu "$rep" refresh "$RESULTS_DIR/wrk-$rep-refresh.txt" "$before" "$(cpu_ticks "$pid")"
}

run_set() {
    local rep=$1
    log "set $rep of $REPEAT"
    if [ -n "$MEMORY_BASE" ]; then
        get_token "$MEMORY_BASE"
        MEMORY_TOKEN=$TOKEN
    fi
    get_token
    scenario "$rep" floor "$CONNECTIONS" "$BASE$FLOOR_PATH" -s "$REPORT"
    scenario "$rep" me-bearer "$CONNECTIONS" "$BASE/users/me" -s "$REPORT" -H "Authorization: Bearer $TOKEN"
    scenario "$rep" me-bearer-memory "$CONNECTIONS" "$MEMORY_BASE/users/me" -s "$REPORT" -H "Authorization: Bearer $MEMORY_TOKEN"
    if [ -n "$ES256_BASE" ]; then
        get_token "$ES256_BASE"
        ES256_TOKEN=$TOKEN
    fi
    if [ -n "$ES256_NOCACHE_BASE" ]; then
        get_token "$ES256_NOCACHE_BASE"
        ES256_NOCACHE_TOKEN=$TOKEN
    fi
    if [ -n "$THROTTLED_BASE" ]; then
        get_token "$THROTTLED_BASE"
        NOCACHE_TOKEN=$TOKEN
    fi
    get_token
    scenario "$rep" me-es256 "$CONNECTIONS" "$ES256_BASE/users/me" -s "$REPORT" -H "Authorization: Bearer $ES256_TOKEN"
    scenario "$rep" me-es256-nocache "$CONNECTIONS" "$ES256_NOCACHE_BASE/users/me" -s "$REPORT" -H "Authorization: Bearer $ES256_NOCACHE_TOKEN"
    scenario "$rep" me-hs256-nocache "$CONNECTIONS" "$THROTTLED_BASE/users/me" -s "$REPORT" -H "Authorization: Bearer $NOCACHE_TOKEN"
    scenario "$rep" me-cookie "$CONNECTIONS" "$BASE/users/me" -s "$REPORT" -H "Cookie: fal_session=$TOKEN"
    scenario "$rep" login-good "$CONNECTIONS" "$BASE/token" -s "$LOGIN" -- "$GOOD_USER" "$PASSWORD"
    scenario "$rep" login-good-throttled "$CONNECTIONS" "$THROTTLED_BASE/token" -s "$LOGIN" -- "$GOOD_USER" "$PASSWORD"
    scenario "$rep" login-good-memory "$CONNECTIONS" "$MEMORY_BASE/token" -s "$LOGIN" -- "$GOOD_USER" "$PASSWORD"
    scenario "$rep" login-wrong "$CONNECTIONS" "$BASE/token" -s "$LOGIN" -- "$GOOD_USER" "not-the-password"
    scenario "$rep" login-unknown "$CONNECTIONS" "$BASE/token" -s "$LOGIN" -- "$UNKNOWN_USER" "$PASSWORD"
    scenario "$rep" login-page "$CONNECTIONS" "$BASE/login" -s "$REPORT"
    if wanted 9; then
        get_token "$BASE" "$ADMIN_USER" "$ADMIN_PASSWORD"
        ADMIN_TOKEN=$TOKEN
        get_token
    fi
    scenario "$rep" search "$SEARCH_CONNECTIONS" "$BASE$SEARCH_PATH" -s "$REPORT" -H "Authorization: Bearer $ADMIN_TOKEN"
    put_scenario "$rep"
    refresh_scenario "$rep"

    mixed_scenario "$rep"
    queue_scenario "$rep"
}

# mixed_scenario REP: /users/me while a login flood runs, both started together for the same time.
mixed_scenario() {
    local rep=$1 phase seconds me_out flood_out
    wanted 8 || return 0
    server_alive
    for phase in warmup measure; do
        if [ "$phase" = warmup ]; then
            [ "$WARMUP" -gt 0 ] || continue
            seconds=$WARMUP me_out="$WORK/warmup-me.out" flood_out="$WORK/warmup-flood.out"
        else
            seconds=$DURATION me_out="$RESULTS_DIR/wrk-$rep-mixed-me.txt" flood_out="$RESULTS_DIR/wrk-$rep-mixed-login.txt"
            log "  mixed: ${DURATION}s of /users/me at $MIXED_ME_CONNECTIONS + login flood at $MIXED_LOGIN_CONNECTIONS connections"
        fi
        wrk_start "$flood_out" "$MIXED_LOGIN_CONNECTIONS" "$seconds" "$BASE/token" -s "$LOGIN" -- "$GOOD_USER" "$PASSWORD"
        wrk_start "$me_out" "$MIXED_ME_CONNECTIONS" "$seconds" "$BASE/users/me" -s "$REPORT" -H "Authorization: Bearer $TOKEN"
        wait_bounded
        settle
    done
    record "$rep" mixed-me "$(result_of "$RESULTS_DIR/wrk-$rep-mixed-me.txt")"
    record "$rep" mixed-login "$(result_of "$RESULTS_DIR/wrk-$rep-mixed-login.txt")"
}

# queue_scenario REP: more login connections than the service can serve at once.
queue_scenario() {
    local rep=$1
    wanted + || return 0
    server_alive
    log "  login-64: ${DURATION}s of good logins at $QUEUE_CONNECTIONS connections"
    wrk_run "$RESULTS_DIR/wrk-$rep-login-64.txt" "$QUEUE_CONNECTIONS" "$DURATION" "$BASE/token" -s "$LOGIN" -- "$GOOD_USER" "$PASSWORD"
    record "$rep" login-64 "$(result_of "$RESULTS_DIR/wrk-$rep-login-64.txt")"
    settle
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
for rep in $(seq 1 "$REPEAT"); do
    run_set "$rep"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

server_alive
PEAK_RSS_KIB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null)
END_RSS_KIB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null)
stop_server
cp "$WORK/server.log" "$RESULTS_DIR/server.log" 2>/dev/null

stop_throttled
cp "$WORK/server-throttled.log" "$RESULTS_DIR/server-throttled.log" 2>/dev/null
stop_memory
cp "$WORK/server-memory.log" "$RESULTS_DIR/server-memory.log" 2>/dev/null
stop_other "$ES256_PID"
stop_other "$ES256_NOCACHE_PID"
cp "$WORK/server-es256.log" "$WORK/server-es256-nocache.log" "$RESULTS_DIR/" 2>/dev/null

# ---------------------------------------------------------------------------------------------
# Medians over the sets (a key missing from a set, e.g. a status code, counts 0 there).

MEDIANS="$WORK/medians.tsv"
awk -F'\t' -v n="$REPEAT" '
    { key = $2 "\t" $3; values[key] = values[key] " " $4; count[key]++ }
    END {
        for (key in values) {
            m = split(substr(values[key], 2), v, " ")
            for (i = m + 1; i <= n; i++) v[i] = 0
            # insertion sort: n is small
            for (i = 2; i <= n; i++) { x = v[i] + 0; j = i - 1; while (j >= 1 && v[j] + 0 > x) { v[j + 1] = v[j]; j-- } v[j + 1] = x }
            med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
            printf "%s\t%s\n", key, med
        }
    }' "$RECORDS" | sort >"$MEDIANS"

get() { # SCENARIO KEY → median (empty if none)
    awk -F'\t' -v s="$1" -v k="$2" '$1 == s && $2 == k { print $3; exit }' "$MEDIANS"
}

statuses_of() { # SCENARIO → "200:123,400:4" of the medians
    awk -F'\t' -v s="$1" '$1 == s && $2 ~ /^status_/ { sub(/^status_/, "", $2); printf "%s%s:%.0f", sep, $2, $3; sep = "," }' "$MEDIANS"
}

unexpected_of() { # SCENARIO EXPECTED-STATUS → responses with another status
    awk -F'\t' -v s="$1" -v e="status_$2" '$1 == s && $2 ~ /^status_/ && $2 != e { t += $3 } END { print t + 0 }' "$MEDIANS"
}

num() { # VALUE DECIMALS → formatted, or n/a when VALUE is empty or not a number
    awk -v v="$1" -v d="${2:-2}" 'BEGIN { if (v !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) print "n/a"; else printf "%.*f\n", d, v }'
}
sum() { awk 'BEGIN { t = 0; for (i = 1; i < ARGC; i++) t += ARGV[i]; print t }' "$@"; }
responded() { [ "$(num "$(get "$1" requests)" 0)" != 0 ] && [ "$(num "$(get "$1" requests)" 0)" != n/a ]; }
lat() { # SCENARIO KEY → latency in ms, or n/a when no response completed
    if responded "$1"; then num "$(get "$1" "$2")" 2; else echo n/a; fi
}
safe_div() { # A B [DECIMALS] → A/B, or n/a when either is missing or B is 0
    awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN {
        if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) print "n/a"; else printf "%.*f\n", d, a / b }'
}
verdict() { # VALUE OP BOUND [BOUND2] → ok / MISSED (n/a when the figure could not be made)
    awk -v v="$1" -v op="$2" -v a="$3" -v b="${4:-0}" 'BEGIN {
        if (v !~ /^[0-9.]+$/) { print "n/a"; exit }
        ok = (op == ">=") ? (v + 0 >= a + 0) : (op == "<=") ? (v + 0 <= a + 0) : (v + 0 >= a + 0 && v + 0 <= b + 0)
        print ok ? "ok" : "MISSED"
    }'
}

# ---------------------------------------------------------------------------------------------
# The table

{
    COMMIT=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [ -n "$(git -C "$REPO_DIR" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
        COMMIT="$COMMIT (with uncommitted changes)"
    fi
    echo "FastApiLearning load benchmark"
    echo "  date (UTC)    $(date -u '+%Y-%m-%d %H:%M:%S')"
    # shellcheck disable=SC1091
    echo "  machine       $CORES cores (nproc), $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version 2>/dev/null), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "  load average  $LOAD_BEFORE before the scenarios, $LOAD_AFTER after (1/5/15 min; other work on the machine skews every figure)"
    started() { echo "${1:-(not started: --only)}"; }
    echo "  service       commit $COMMIT, Release, ASPNETCORE_ENVIRONMENT=Development, 127.0.0.1:$PORT"
    echo "  throttling    lifted for every scenario but 4t (Throttling__Enabled=false); 4t: a second service on $(started "$THROTTLED_BASE") with throttling on, limits 1000 per user, 100,000 per address"
    echo "  stores        revocations and throttle counts $STORES_NOTE"
    if [ "$EMPLOYEES" -gt 0 ]; then
        EMPLOYEES_NOTE="$EMPLOYEES generated employees imported (+ the seeded sample users)"
    else
        EMPLOYEES_NOTE="the seeded sample users only"
    fi
    echo "  employees     SQLite ($EMPLOYEES_NOTE); 2m and 4m: a third service on $(started "$MEMORY_BASE") with the in-memory store (Fake provider)"
    echo "  keys          HS256 on the main, second (4t, 2n) and third services; ES256 (P-256) on a fourth ($(started "$ES256_BASE"), 2e) and a fifth ($(started "$ES256_NOCACHE_BASE"), 2en); 2n and 2en with Jwt__ValidatedTokenCacheCapacity=0"
    echo "  connections   $CONNECTIONS per scenario; mixed: $MIXED_ME_CONNECTIONS (/users/me) + $MIXED_LOGIN_CONNECTIONS (login flood); queueing check: $QUEUE_CONNECTIONS"
    echo "  duration      ${DURATION} s measured after ${WARMUP} s warm-up (discarded), per scenario; wrk -t2 --timeout ${TIMEOUT}s --latency"
    if [ "$REPEAT" -gt 1 ]; then
        echo "  repeat        $REPEAT sets; every figure is the median over the sets"
    else
        echo "  repeat        1 set"
    fi
    echo "  floor         $FLOOR_NOTE"
    echo "  cookie        GET /users/me with Cookie: fal_session=<token> answered $COOKIE_CODE at start${COOKIE_NOTE:+ ($COOKIE_NOTE)}"
    if [ -n "$ONLY" ]; then
        echo "  rows          only $ONLY (--only; the floor always runs)"
    fi
    echo "  command       $COMMAND_LINE"
    echo "  raw output    bench/results/$STAMP/"
    echo

    row_format='%-34s %5s %9s %8s %8s %7s %8s %6s %6s  %-22s %s\n'
    # shellcheck disable=SC2059
    printf "$row_format" scenario conns "req/s" "p50 ms" "p99 ms" "cpu µs" "non-2xx" "sock" "t/o" statuses note
    # shellcheck disable=SC2059
    printf "$row_format" "$(printf '%.0s-' {1..34})" ----- --------- -------- -------- ------- -------- ------ ------ "----------------------" ----
    row() { # LABEL SCENARIO CONNECTIONS EXPECTED-STATUS NOTE
        local label=$1 s=$2 conns=$3 expect=$4 note=$5 unexpected
        wanted "$(row_id "$s")" || return 0
        unexpected=$(unexpected_of "$s" "$expect")
        if [ "$unexpected" != 0 ]; then
            note="${note:+$note; }UNEXPECTED: $unexpected not $expect"
        fi
        if ! responded "$s"; then
            note="${note:+$note; }NO RESPONSE completed within the run"
        fi
        # shellcheck disable=SC2059
        printf "$row_format" "$label" "$conns" "$(num "$(get "$s" rps)" 1)" "$(lat "$s" p50)" "$(lat "$s" p99)" "$(num "$(get "$s" cpu_us)" 1)" \
            "$(num "$(get "$s" non2xx)" 0)" "$(sum "$(get "$s" connect)" "$(get "$s" read)" "$(get "$s" write)")" \
            "$(num "$(get "$s" timeout)" 0)" "$(statuses_of "$s")" "$note"
    }
    row "1 floor GET $FLOOR_PATH" floor "$CONNECTIONS" 200 \
        "$([ "$FLOOR_PATH" = /healthz ] || echo "fallback: /healthz 404")"
    row "2 GET /users/me (bearer)" me-bearer "$CONNECTIONS" 200 ""
    row "2m GET /users/me, in-memory store" me-bearer-memory "$CONNECTIONS" 200 "third service, right after 2"
    row "2e GET /users/me, ES256 token" me-es256 "$CONNECTIONS" 200 "fourth service (ES256 key), same database"
    row "2en GET /users/me, ES256, no cache" me-es256-nocache "$CONNECTIONS" 200 "fifth: validated-token cache off"
    row "2n GET /users/me, HS256, no cache" me-hs256-nocache "$CONNECTIONS" 200 "second service: cache off"
    row "3 GET /users/me (cookie)" me-cookie "$CONNECTIONS" "$COOKIE_EXPECT" "$COOKIE_NOTE"
    row "4 POST /token good login" login-good "$CONNECTIONS" 200 ""
    row "4t POST /token good, throttling on" login-good-throttled "$CONNECTIONS" 200 "second service, right after 4"
    row "4m POST /token good, in-memory store" login-good-memory "$CONNECTIONS" 200 "third service, right after 4t"
    row "5 POST /token wrong password" login-wrong "$CONNECTIONS" 400 "400 expected"
    row "6 POST /token unknown user" login-unknown "$CONNECTIONS" 400 "400 expected"
    row "7 GET /login" login-page "$CONNECTIONS" 200 ""
    row "9 GET /employees?last_name=fac" search "$SEARCH_CONNECTIONS" 200 "admin:read, 20 a page"
    row "10 PUT /employees/{own}" put-own 1 200 "user:write, If-Match from the last answer"
    row "11 POST /token refresh_token" refresh "$CONNECTIONS" 200 "a family per connection, rotated each time"
    row "8a mixed: GET /users/me" mixed-me "$MIXED_ME_CONNECTIONS" 200 "during 8b"
    row "8b mixed: POST /token flood" mixed-login "$MIXED_LOGIN_CONNECTIONS" 200 "during 8a"
    row "+ POST /token good, 64 conns" login-64 "$QUEUE_CONNECTIONS" 200 "queueing check, no warm-up"
    echo

    LIMIT=$(awk -v c="$CORES" -v ms="$VERIFY_MS" 'BEGIN { printf "%.1f", c * 1000 / ms }')
    R_FLOOR=$(safe_div "$(get me-bearer rps)" "$(get floor rps)")
    R_FLOOR_MEMORY=$(safe_div "$(get me-bearer-memory rps)" "$(get floor rps)")
    # The same ratios from CPU time per request (service + wrk): what req/s would be if the two of
    # them had the cores to themselves.
    C_FLOOR=$(safe_div "$(get floor cpu_us)" "$(get me-bearer cpu_us)")
    C_FLOOR_MEMORY=$(safe_div "$(get floor cpu_us)" "$(get me-bearer-memory cpu_us)")
    R_ME_DB=$(safe_div "$(get me-bearer rps)" "$(get me-bearer-memory rps)")
    R_ES256=$(safe_div "$(get me-es256 rps)" "$(get me-bearer rps)")
    C_ES256=$(safe_div "$(get me-bearer cpu_us)" "$(get me-es256 cpu_us)")
    R_ES256_NOCACHE=$(safe_div "$(get me-es256-nocache rps)" "$(get me-hs256-nocache rps)")
    C_ES256_NOCACHE=$(safe_div "$(get me-hs256-nocache cpu_us)" "$(get me-es256-nocache cpu_us)")
    R_REFRESH=$(safe_div "$(get refresh rps)" "$(get floor rps)")
    C_REFRESH=$(safe_div "$(get floor cpu_us)" "$(get refresh cpu_us)")
    R_LOGIN_DB=$(safe_div "$(lat login-good p50)" "$(lat login-good-memory p50)")
    R_MIXED=$(safe_div "$(get mixed-me rps)" "$(get me-bearer rps)")
    if responded mixed-me; then
        P99_MIXED=$(lat mixed-me p99)
        P99_SHOWN="$P99_MIXED ms"
        P99_VERDICT=$(verdict "$P99_MIXED" "<=" 20)
    else
        P99_SHOWN="> ${DURATION} s"
        P99_VERDICT="MISSED (no response in the run)"
    fi
    R_TIMING=$(safe_div "$(lat login-unknown p50)" "$(lat login-wrong p50)")
    R_GOOD=$(safe_div "$(get login-good rps)" "$LIMIT")
    R_THROTTLED=$(safe_div "$(get login-good-throttled rps)" "$(get login-good rps)")
    R_MIXED_LOGIN=$(safe_div "$(get mixed-login rps)" "$LIMIT")
    PEAK_MIB=$(awk -v k="${PEAK_RSS_KIB:-0}" 'BEGIN { printf "%.1f", k / 1024 }')
    END_MIB=$(awk -v k="${END_RSS_KIB:-0}" 'BEGIN { printf "%.1f", k / 1024 }')
    Q_DONE=$(num "$(get login-64 requests)" 0)
    Q_NON2XX=$(num "$(get login-64 non2xx)" 0)
    Q_TIMEOUT=$(num "$(get login-64 timeout)" 0)
    Q_SOCK=$(sum "$(get login-64 connect)" "$(get login-64 read)" "$(get login-64 write)")
    if [ "$Q_DONE" = 0 ] || [ "$Q_DONE" = n/a ]; then
        Q_VERDICT="MISSED (no login completed)"
    elif [ "$Q_NON2XX" = 0 ] && [ "$Q_TIMEOUT" = 0 ] && [ "$Q_SOCK" = 0 ]; then
        Q_VERDICT=ok
    else
        Q_VERDICT=MISSED
    fi

    fig_format='%-54s %18s   %-16s %s\n'
    # shellcheck disable=SC2059
    printf "$fig_format" figure value target verdict
    # shellcheck disable=SC2059
    printf "$fig_format" "$(printf '%.0s-' {1..54})" ------------------ ---------------- -------
    # shellcheck disable=SC2059
    fig() { printf "$fig_format" "$@"; }
    # shown ID... && fig …: a figure made from these rows, printed when one of them ran.
    shown() { wanted "$@"; }
    shown 2 && fig "/users/me (bearer) ÷ floor, req/s (SQLite)" "$R_FLOOR" "≥ 0.75 (≥ 0.90)" \
        "$(verdict "$R_FLOOR" ">=" 0.75) (stretch: $(verdict "$R_FLOOR" ">=" 0.90))"
    shown 2 && fig "  the same by CPU per request (floor ÷ 2, service + wrk)" "$C_FLOOR" "≥ 0.75" "$(verdict "$C_FLOOR" ">=" 0.75)"
    shown 2m && fig "/users/me in-memory store ÷ floor (2m ÷ 1), req/s" "$R_FLOOR_MEMORY" "≥ 0.70" "$(verdict "$R_FLOOR_MEMORY" ">=" 0.70)"
    shown 2m && fig "  the same by CPU per request (floor ÷ 2m)" "$C_FLOOR_MEMORY" "≥ 0.70" "$(verdict "$C_FLOOR_MEMORY" ">=" 0.70)"
    shown 2 2m && fig "/users/me SQLite ÷ in-memory store (2 ÷ 2m), req/s" "$R_ME_DB" "" ""
    shown 2e && fig "/users/me ES256 ÷ HS256, cached (2e ÷ 2), req/s" "$R_ES256" "≥ 0.90" "$(verdict "$R_ES256" ">=" 0.90)"
    shown 2e && fig "  the same by CPU per request (2 ÷ 2e)" "$C_ES256" "≥ 0.90" "$(verdict "$C_ES256" ">=" 0.90)"
    shown 2en 2n && fig "/users/me ES256 ÷ HS256, cache off (2en ÷ 2n), req/s" "$R_ES256_NOCACHE" "(report)" ""
    shown 2en 2n && fig "  the same by CPU per request (2n ÷ 2en)" "$C_ES256_NOCACHE" "(report)" ""
    shown 11 && fig "refresh_token grant ÷ floor (11 ÷ 1), req/s" "$R_REFRESH" "≥ 0.30" "$(verdict "$R_REFRESH" ">=" 0.30)"
    shown 11 && fig "  the same by CPU per request (floor ÷ 11)" "$C_REFRESH" "≥ 0.30" "$(verdict "$C_REFRESH" ">=" 0.30)"
    shown 4 4m && fig "good login p50, SQLite ÷ in-memory store (4 ÷ 4m)" "$R_LOGIN_DB" "≤ 1.10" "$(verdict "$R_LOGIN_DB" "<=" 1.10)"
    if [ -n "$IMPORT_S" ]; then
        fig "import of $EMPLOYEES employees into SQLite" "$IMPORT_S s" "≤ 15 s" "$(verdict "$IMPORT_S" "<=" 15)"
    fi
    shown 9 && fig "search p50 at $SEARCH_CONNECTIONS connections (9)" "$(lat search p50) ms" "≤ 5 ms" "$(verdict "$(lat search p50)" "<=" 5)"
    shown 9 && fig "search p99 at $SEARCH_CONNECTIONS connections (9)" "$(lat search p99) ms" "" ""
    shown 8 && fig "mixed /users/me ÷ solo /users/me, req/s" "$R_MIXED" "≥ 0.40" "$(verdict "$R_MIXED" ">=" 0.40)"
    shown 8 && fig "mixed /users/me p99" "$P99_SHOWN" "≤ 20 ms" "$P99_VERDICT"
    shown 5 6 && fig "unknown-user p50 ÷ wrong-password p50" "$R_TIMING" "0.9–1.1" "$(verdict "$R_TIMING" between 0.9 1.1)"
    shown 4 5 6 8 + && fig "Argon2id verify ($VERIFY_PARAMS), median of 20" "$VERIFY_MS ms" "" "(in-process)"
    shown 4 8 + && fig "hash-bound limit: $CORES cores ÷ verify time" "$LIMIT logins/s" "" ""
    shown 4 && fig "good logins/s ÷ limit" "$R_GOOD" "≥ 0.85" "$(verdict "$R_GOOD" ">=" 0.85)"
    shown 4t && fig "good logins/s, throttling on ÷ off" "$R_THROTTLED" "0.95–1.05" "$(verdict "$R_THROTTLED" between 0.95 1.05)"
    shown 8 && fig "mixed logins/s ÷ limit" "$R_MIXED_LOGIN" "≥ 0.50" "$(verdict "$R_MIXED_LOGIN" ">=" 0.50)"
    fig "peak RSS of the service, VmHWM (at the end: $END_MIB MiB)" "$PEAK_MIB MiB" "≤ 200 MiB" "$(verdict "$PEAK_MIB" "<=" 200)"
    if shown +; then
        fig "logins at $QUEUE_CONNECTIONS conns ($Q_DONE done): non-2xx/timeouts/sock" "$Q_NON2XX / $Q_TIMEOUT / $Q_SOCK" "0 / 0 / 0" "$Q_VERDICT"
    fi
} | tee "$RESULTS_DIR/table.txt"
