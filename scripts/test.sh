#!/usr/bin/env bash
# Installs the system packages the tests drive (curl, lftp, python3, openssl, PostgreSQL,
# MariaDB), starts both databases on loopback (no systemd needed), builds the solution once,
# runs every test project and prints one summary line:
#   tests: N passed, N failed[, N skipped]
# Exit status is non-zero when the build failed, a test failed, a test run crashed or no
# test ran at all. A failing test project does not stop the others.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en

configuration=Release
results_dir="$repo_root/artifacts/test-results"
system_packages=(curl lftp python3 openssl ca-certificates procps postgresql mariadb-server mariadb-client)

log() { printf '==> %s\n' "$*" >&2; }

install_system_packages() {
    if [ "$(id -u)" -ne 0 ]; then
        log "not root: skipping apt-get install of ${system_packages[*]}"
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        log "apt-get not found: skipping system packages"
        return 0
    fi
    local attempt
    for attempt in 1 2; do
        if apt-get update -qq >/dev/null \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                "${system_packages[@]}" >/dev/null; then
            return 0
        fi
        log "apt-get failed (attempt $attempt)"
        [ "$attempt" -eq 1 ] && sleep 5
    done
    return 1
}

log "installing system packages"
if ! install_system_packages; then
    missing=()
    for tool in curl lftp python3 openssl; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        log "apt-get failed and these tools are missing: ${missing[*]}"
        echo "tests: 0 passed, 0 failed"
        exit 1
    fi
    log "apt-get failed but every required tool is present; continuing"
fi

# --- Databases for tests/AspNetFtp.Identity.Tests: start_postgres and start_mariadb ----------
# When this script can set them up (root with the packages), a failure to start either one
# fails the run: the provider tests must run in CI, never skip silently.
# shellcheck source=databases.sh
source "$repo_root/scripts/databases.sh"

if [ "$(id -u)" -eq 0 ]; then
    log "starting PostgreSQL and MariaDB on loopback"
    db_failed=0
    start_postgres || { log "POSTGRESQL SETUP FAILED"; db_failed=1; }
    start_mariadb || { log "MARIADB SETUP FAILED"; db_failed=1; }
    if [ "$db_failed" -ne 0 ]; then
        echo "tests: 0 passed, 0 failed"
        exit 1
    fi
    # The provider tests fail instead of skipping when a connection string is missing.
    export ASPNETFTP_TEST_REQUIRE_DATABASES=1
else
    log "not root: PostgreSQL/MariaDB not set up; provider tests run only if ASPNETFTP_TEST_POSTGRES/ASPNETFTP_TEST_MYSQL are set"
fi

build_failed=0
log "building AspNetFtp.slnx ($configuration)"
if ! dotnet build AspNetFtp.slnx -c "$configuration" -nologo -v:q; then
    build_failed=1
    log "BUILD FAILED"
fi

rm -rf "$results_dir"
mkdir -p "$results_dir"

run_failed=0
shopt -s nullglob
test_projects=(tests/*/*.Tests.csproj)
shopt -u nullglob
if [ "${#test_projects[@]}" -eq 0 ]; then
    log "no test projects found under tests/"
fi

for project in "${test_projects[@]}"; do
    name=$(basename "$project" .csproj)
    assembly="$(dirname "$project")/bin/$configuration/net10.0/$name.dll"
    if [ ! -f "$assembly" ]; then
        log "$name: not built ($assembly missing), skipping"
        run_failed=1
        continue
    fi
    log "testing $name"
    # The outer timeout is a last resort; --blame-hang-timeout kills a single hung test first.
    timeout --kill-after=30s 15m \
        dotnet test "$project" --no-build -c "$configuration" -nologo \
            --logger "trx;LogFileName=$name.trx" \
            --results-directory "$results_dir" \
            --blame-hang-timeout 5m --blame-hang-dump-type none
    rc=$?
    if [ "$rc" -ne 0 ]; then
        log "$name: dotnet test exited with $rc"
        run_failed=1
    fi
done

# Sum the <Counters .../> of every TRX file: passed, failed (+error/timeout/aborted), skipped.
summarize() {
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$results_dir" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for path in sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True)):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"==> cannot parse {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    for counters in root.iter():
        if counters.tag.rsplit("}", 1)[-1] != "Counters":
            continue
        get = lambda k: int(counters.get(k, "0") or 0)
        passed += get("passed")
        failed += get("failed") + get("error") + get("timeout") + get("aborted")
        skipped += max(get("total") - get("executed"), get("notExecuted"), 0)
print(passed, failed, skipped)
PY
    else
        local p=0 f=0 s=0 file line v
        for file in "$results_dir"/*.trx; do
            [ -f "$file" ] || continue
            line=$(grep -o '<Counters [^>]*' "$file" | head -n 1)
            attr() { printf '%s' "$line" | sed -n "s/.* $1=\"\\([0-9]*\\)\".*/\\1/p"; }
            v=$(attr passed); p=$((p + ${v:-0}))
            for k in failed error timeout aborted; do v=$(attr "$k"); f=$((f + ${v:-0})); done
            local t e; t=$(attr total); e=$(attr executed); s=$((s + ${t:-0} - ${e:-0}))
        done
        echo "$p $f $s"
    fi
}

read -r passed failed skipped < <(summarize)
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}

status=0
[ "$build_failed" -ne 0 ] && status=1
[ "$run_failed" -ne 0 ] && status=1
[ "$failed" -gt 0 ] && status=1
if [ $((passed + failed)) -eq 0 ]; then
    log "no test ran"
    status=1
fi

summary="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit "$status"
