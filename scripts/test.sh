#!/usr/bin/env bash
# Installs the system packages the tests drive (curl, lftp, python3, openssl, chromium, PostgreSQL,
# MariaDB, haproxy, supervisor, systemd, docker-compose), starts both databases on loopback (no systemd needed), installs (npm) and starts the S3
# and Azure Blob emulators on loopback, builds the solution once, publishes the host the tests start
# (ReadyToRun), runs every test project, stops the emulators it started and prints one summary line:
#   tests: N passed, N failed[, N skipped]
# Exit status is non-zero when the build or the publish failed (then no test runs), a test failed, a test
# project discovered no tests or its test host crashed (each counted as one failure, named in a
# line before the summary), or no test ran at all. A failing test project does not stop the others.
# Tests that cannot run here (not root, no database) are reported as skipped.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en

configuration=Release
results_dir="$repo_root/artifacts/test-results"
# chromium: the browser tests/AspNetFtp.Sample.Tests drives through Playwright (/usr/bin/chromium).
# haproxy: the PROXY protocol and two-node tests' TCP balancer; supervisor: the restart-after-SIGKILL test;
# systemd (systemd-analyze verify), docker-compose (`config`, no engine needed) and nftables (`nft -c`): the deploy/
# files' checks.
system_packages=(curl lftp python3 openssl ca-certificates procps postgresql mariadb-server mariadb-client chromium
    haproxy supervisor systemd docker-compose nftables)

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
    for tool in curl lftp python3 openssl chromium; do
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

# --- Object-storage emulators for the S3 and Azure Blob back-end tests: scripts/emulators.sh -------
# fauxqs (S3) and azurite (Azure Blob) from the npm registry, on 127.0.0.1:4569 and :10010. A failure to
# install or start either fails the run: those tests must run in CI, never skip silently.
# shellcheck source=emulators.sh
source "$repo_root/scripts/emulators.sh"

log "installing and starting the S3 and Azure Blob emulators on loopback"
if ! install_emulators || ! start_s3_emulator || ! start_azurite; then
    log "STORAGE EMULATOR SETUP FAILED (see the lines above)"
    stop_emulators
    echo "tests: 0 passed, 0 failed"
    exit 1
fi
trap stop_emulators EXIT
# The S3 and Azure Blob tests fail instead of skipping when their variables are missing.
export ASPNETFTP_TEST_REQUIRE_EMULATORS=1

# A build failure stops the run here: test assemblies left over from an earlier build must never be
# tested as if they were this tree's.
log "building AspNetFtp.slnx ($configuration)"
if ! dotnet build AspNetFtp.slnx -c "$configuration" -nologo -v:q; then
    log "BUILD FAILED: no test project is run (stale binaries are never tested); counted as 1 failure"
    echo "tests: 0 passed, 1 failed"
    exit 1
fi

# The host the tests start as a child process (account verbs, ftpserver, the two-node and supervisor tests): a
# ReadyToRun publish of this same tree, the shape the Dockerfile ships. The build output would do, but there every
# verb spends a second more compiling EF Core and Identity in the JIT, and the tests run a few hundred verbs.
# Local `dotnet test` without this variable runs src/AspNetFtp.Host/bin instead.
test_host_dir="$repo_root/artifacts/test-host"
log "publishing the host (ReadyToRun) the tests start into $test_host_dir"
if ! scripts/publish.sh --r2r --output "$test_host_dir"; then
    log "HOST PUBLISH FAILED: no test project is run; counted as 1 failure"
    echo "tests: 0 passed, 1 failed"
    exit 1
fi
export ASPNETFTP_TEST_HOST_DLL="$test_host_dir/AspNetFtp.Host.dll"

rm -rf "$results_dir"
mkdir -p "$results_dir"
# One line per test project: name, exit status of dotnet test, its TRX file (read by summarize below).
manifest="$results_dir/projects.tsv"
: > "$manifest"

# Test projects end in .Tests; tests/AspNetFtp.Testing (the shared raw FTP client, no tests) is a library
# they reference and is never run here.
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
        log "$name: not built ($assembly missing)"
        printf '%s\t%s\t%s\n' "$name" "missing" "" >> "$manifest"
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
    [ "$rc" -ne 0 ] && log "$name: dotnet test exited with $rc"
    printf '%s\t%s\t%s\n' "$name" "$rc" "$results_dir/$name.trx" >> "$manifest"
done

# Per project, from its TRX: passed, failed (failed/error/timeout/aborted), skipped (NotExecuted). A project
# that ran no test, whose test host crashed (dotnet test failed with no failed test) or that left no
# results counts as one failure, and a line before the summary names it.
summarize() {
    python3 - "$manifest" <<'PY'
import sys
import xml.etree.ElementTree as ET

def local(tag):
    return tag.rsplit("}", 1)[-1]

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as manifest:
    rows = [line.rstrip("\n").split("\t") for line in manifest if line.strip()]
for name, rc, trx in rows:
    def problem(text):
        global failed
        print(f"==> {name}: {text}; counted as 1 failure", file=sys.stderr)
        failed += 1
    if rc == "missing":
        problem("test assembly not built")
        continue
    try:
        root = ET.parse(trx).getroot()
    except (OSError, ET.ParseError) as e:
        problem(f"no readable test results ({e.__class__.__name__}): the test host crashed or never started")
        continue
    p = f = s = 0
    results = [el for el in root.iter() if local(el.tag) == "UnitTestResult"]
    for result in results:
        outcome = result.get("outcome", "")
        if outcome == "Passed":
            p += 1
        elif outcome == "NotExecuted":
            s += 1
        else:
            f += 1
    passed, failed, skipped = passed + p, failed + f, skipped + s
    print(f"==> {name}: {p} passed, {f} failed, {s} skipped", file=sys.stderr)
    if rc != "0" and f == 0:
        problem(f"dotnet test exited with {rc} but no test failed: the test host crashed or the run was aborted")
    elif not results:
        problem("discovered no tests")
print(passed, failed, skipped)
PY
}

read -r passed failed skipped < <(summarize)
passed=${passed:-0}; failed=${failed:-1}; skipped=${skipped:-0}

status=0
[ "$failed" -gt 0 ] && status=1
if [ $((passed + failed)) -eq 0 ]; then
    log "no test ran; counted as 1 failure"
    failed=1
    status=1
fi

summary="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit "$status"
