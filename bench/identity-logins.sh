#!/usr/bin/env bash
# Logins per second and server CPU per login against ASP.NET Core Identity accounts, with and without
# the verified-credential cache, sequential and 8 at once, on SQLite and on PostgreSQL; plus the cost of
# Identity's password hasher alone, the yardstick. Loopback only; every phase is bounded in count and time.
#
#   sudo bash bench/identity-logins.sh            # ~5 minutes on 2 cores
#   sudo bash bench/identity-logins.sh --sqlite-only
#
# Writes bench/results/<UTC stamp>-identity.md (git-ignored) and prints it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
sqlite_only=0
[ "${1:-}" = "--sqlite-only" ] && sqlite_only=1

work=/var/tmp/aspnetftp-bench-identity
password='Bench-Passw0rd!'
stamp=$(date -u +%Y-%m-%d-%H%M)
raw="$repo/bench/results/$stamp-identity.raw.txt"
report="$repo/bench/results/$stamp-identity.md"
mkdir -p "$repo/bench/results" "$work"
: > "$raw"
log() { printf '==> %s\n' "$*" >&2; }

server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

if [ "$sqlite_only" -eq 0 ]; then
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
        log "installing PostgreSQL"
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    fi
    # shellcheck source=../scripts/databases.sh
    source "$repo/scripts/databases.sh"
    start_postgres || { log "PostgreSQL did not start"; exit 1; }
fi

log "building the host and the load generator"
timeout 600 dotnet build "$repo/src/AspNetFtp.Host" -c Release -o "$work/host" -nologo -v:q >/dev/null
timeout 600 dotnet build "$repo/bench/AspNetFtp.Bench" -c Release -o "$work/bench" -nologo -v:q >/dev/null
host="$work/host/AspNetFtp.Host.dll"
bench() { timeout 300 dotnet "$work/bench/AspNetFtp.Bench.dll" "$@" | tee -a "$raw"; }

log "Identity's hasher alone"
bench hasher --logins 40 --parallel 1
bench hasher --logins 80 --parallel 2

run_provider() { # label provider connection-string
    local label=$1 provider=$2 connection=$3 dir="$work/$1"
    rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
    export Database__Provider=$provider Database__ConnectionString=$connection FtpServer__Accounts=Identity
    export Database__CreateFirstAdministrator=false
    timeout 120 dotnet "$host" migrate >/dev/null
    printf '%s\n' "$password" | timeout 60 dotnet "$host" createuser benchid --password-stdin >/dev/null
    timeout 60 dotnet "$host" createftpusergroup bench >/dev/null
    timeout 60 dotnet "$host" createftpuseraccount benchid bench >/dev/null
    local cache
    for cache in true false; do
        FtpServer__CredentialCacheEnabled=$cache FtpServer__Limits__MaxConnections=2000 FtpServer__Limits__MaxConnectionsPerIp=2000 \
            FtpServer__Timeouts__LoginFailureDelay=00:00:00 dotnet "$host" ftpserver 127.0.0.1:0 >"$dir/server-$cache.log" 2>&1 &
        server_pid=$!
        local port="" i
        for i in $(seq 1 120); do
            port=$(sed -n 's/^Listening on 127.0.0.1:\([0-9]*\) (FTP)$/\1/p' "$dir/server-$cache.log")
            [ -n "$port" ] && break
            sleep 0.5
        done
        [ -n "$port" ] || { log "$label: the server did not start"; cat "$dir/server-$cache.log" >&2; exit 1; }
        local logins=2000
        [ "$cache" = false ] && logins=150
        bench logins --port "$port" --user benchid --password "$password" --logins "$logins" --parallel 8 \
            --phase-limit 20 --server-pid "$server_pid" --label "$label-cache-$cache"
        bench login-idle --port "$port" --user benchid --password "$password" --sessions 200 --ramp 0 \
            --server-pid "$server_pid" --label "$label-cache-$cache" --duration-limit 120
        kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
        server_pid=""
    done
    unset Database__Provider Database__ConnectionString FtpServer__Accounts Database__CreateFirstAdministrator
    cd "$repo"
}

run_provider sqlite Sqlite "Data Source=$work/sqlite/aspnetftp.db"
if [ "$sqlite_only" -eq 0 ]; then
    PGPASSWORD=aspnetftp psql -h 127.0.0.1 -U aspnetftp -d postgres -qc 'DROP DATABASE IF EXISTS aspnetftp_bench' >/dev/null
    run_provider postgresql PostgreSql "Host=127.0.0.1;Port=5432;Username=aspnetftp;Password=aspnetftp;Database=aspnetftp_bench"
fi

python3 - "$raw" "$report" <<'PY'
import sys
rows = [dict(kv.split("=", 1) for kv in line.split()[1:]) for line in open(sys.argv[1]) if line.startswith("RESULT ")]
out = ["# Logins against ASP.NET Core Identity accounts", "", "Command: `sudo bash bench/identity-logins.sh`", "",
       "| server | cache | logins/s sequential | logins/s 8 at once | server CPU µs/login (seq / 8) | 200 at once: all logged in, ms | failures |",
       "|---|---|---:|---:|---:|---:|---:|"]
servers = []
for r in rows:
    if r["scenario"] in ("logins", "login-idle") and r.get("server") not in servers:
        servers.append(r["server"])
for s in servers:
    seq = next((r for r in rows if r.get("server") == s and r["scenario"] == "logins" and r.get("mode") == "sequential"), {})
    par = next((r for r in rows if r.get("server") == s and r["scenario"] == "logins" and r.get("mode") != "sequential"), {})
    idle = next((r for r in rows if r.get("server") == s and r["scenario"] == "login-idle"), {})
    fails = sum(int(r.get("failures", 0)) for r in (seq, par, idle) if r)
    name, cache = s.rsplit("-cache-", 1)
    out.append(f"| {name} | {'on' if cache == 'true' else 'off'} | {seq.get('logins_per_s','-')} | {par.get('logins_per_s','-')} | "
               f"{seq.get('cpu_us_per_login','-')} / {par.get('cpu_us_per_login','-')} | {idle.get('all_logged_in_ms','-')} | {fails} |")
out += ["", "| Identity's PasswordHasher alone | verifications/s | CPU µs per verification |", "|---|---:|---:|"]
for r in rows:
    if r["scenario"] == "hasher":
        out.append(f"| {r['parallel']} at once | {r['verifications_per_s']} | {r['cpu_us_per_verification']} |")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
