#!/usr/bin/env bash
# Soak: the host on its embedded default (Identity on SQLite, local disk) under repeated rounds of
# logins + LIST + RETR from the load generator, sampling the server's RSS after each round, to show
# that a long-running process does not grow. Loopback only; bounded by --minutes (default 10).
#
#   bash bench/soak.sh [--minutes N] [--sessions N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
minutes=10
sessions=50
while [ $# -gt 0 ]; do
    case $1 in
        --minutes) minutes=$2; shift 2 ;;
        --sessions) sessions=$2; shift 2 ;;
        *) echo "usage: bash bench/soak.sh [--minutes N] [--sessions N]" >&2; exit 1 ;;
    esac
done
[ "$minutes" -ge 1 ] && [ "$minutes" -le 240 ] || { echo "--minutes must be 1..240" >&2; exit 1; }

work=/var/tmp/aspnetftp-soak
rm -rf "$work" && mkdir -p "$work/run"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true' EXIT

timeout 600 dotnet build "$repo/src/AspNetFtp.Host" -c Release -o "$work/host" -nologo -v:q >/dev/null
timeout 600 dotnet build "$repo/bench/AspNetFtp.Bench" -c Release -o "$work/bench" -nologo -v:q >/dev/null
host="$work/host/AspNetFtp.Host.dll"
password='Soak-Passw0rd!'
cd "$work/run"
printf '%s\n' "$password" | timeout 120 dotnet "$host" createuser soak --password-stdin >/dev/null
timeout 60 dotnet "$host" createftpusergroup soakers >/dev/null
timeout 60 dotnet "$host" createftpuseraccount soak soakers >/dev/null
mkdir -p data/ftp/soak && head -c 1048576 /dev/urandom > data/ftp/soak/file1m.bin

FtpServer__Limits__MaxConnectionsPerIp=2000 dotnet "$host" ftpserver 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 120); do
    port=$(sed -n 's/^Listening on 127.0.0.1:\([0-9]*\) (FTP)$/\1/p' "$work/server.log")
    [ -n "$port" ] && break
    sleep 0.5
done
[ -n "$port" ] || { log "the server did not start"; cat "$work/server.log" >&2; exit 1; }

rss() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
deadline=$((SECONDS + minutes * 60))
round=0 failures=0
printf 'round,seconds,rss_kib,failures\n' >"$work/soak.csv"
while [ "$SECONDS" -lt "$deadline" ]; do
    round=$((round + 1))
    if ! timeout 200 dotnet "$work/bench/AspNetFtp.Bench.dll" mixed --port "$port" --user soak --password "$password" \
        --sessions "$sessions" --size 1048576 --file file1m.bin --ramp 8 --duration-limit 180 >"$work/round.log" 2>&1; then
        failures=$((failures + 1))
        log "round $round had failures:"; grep -E '^FAIL|^#' "$work/round.log" | head -5 >&2
    fi
    printf '%d,%d,%d,%d\n' "$round" "$SECONDS" "$(rss)" "$failures" >>"$work/soak.csv"
done
first=$(sed -n 3p "$work/soak.csv" | cut -d, -f3)
last=$(tail -n 1 "$work/soak.csv" | cut -d, -f3)
log "soak: $round rounds of $sessions sessions (login+LIST+RETR 1 MiB) in $minutes min; RSS after round 2: $first KiB, at the end: $last KiB; rounds with failures: $failures"
echo "RESULT scenario=soak rounds=$round sessions_per_round=$sessions minutes=$minutes rss_round2_kib=$first rss_end_kib=$last failed_rounds=$failures"
cat "$work/soak.csv"
