#!/usr/bin/env bash
# Soak: the host on its embedded default (Identity on SQLite, local disk, audit log on) with --sessions sessions
# doing mixed work for --minutes (the load generator's `soak` scenario: MKD, STOR, SIZE, RETR, LIST, RNFR/RNTO,
# MLST, DELE, RMD with checked sizes, reconnecting every few operations). The server's RSS is sampled every 30 s;
# the report gives operations, failures, and RSS after warm-up (the first tenth of the run, at least 1 minute)
# against the end, and the growth over the second half (a leak goes on growing there; a cache that fills stops). Loopback only; bounded by --minutes.
#
#   bash bench/soak.sh [--minutes N] [--sessions N] [--pace MS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
minutes=10
sessions=200
pace=100
while [ $# -gt 0 ]; do
    case $1 in
        --minutes) minutes=$2; shift 2 ;;
        --sessions) sessions=$2; shift 2 ;;
        --pace) pace=$2; shift 2 ;;
        *) echo "usage: bash bench/soak.sh [--minutes N] [--sessions N] [--pace MS]" >&2; exit 1 ;;
    esac
done
[[ "$minutes" =~ ^[0-9]+$ ]] && [ "$minutes" -ge 1 ] && [ "$minutes" -le 240 ] || { echo "--minutes must be 1..240, not '$minutes'" >&2; exit 1; }
[[ "$sessions" =~ ^[0-9]+$ ]] && [ "$sessions" -ge 1 ] && [ "$sessions" -le 2000 ] || { echo "--sessions must be 1..2000, not '$sessions'" >&2; exit 1; }
[[ "$pace" =~ ^[0-9]+$ ]] && [ "$pace" -le 60000 ] || { echo "--pace must be 0..60000 ms, not '$pace'" >&2; exit 1; }

work=/var/tmp/aspnetftp-soak
rm -rf "$work" && mkdir -p "$work/run"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
server_pid="" sampler_pid=""
stop_all() {
    # Each kill on its own: under set -e a failing first kill (the sampler already gone) must not skip the server's.
    if [ -n "$sampler_pid" ]; then kill "$sampler_pid" 2>/dev/null || true; fi
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap stop_all EXIT

timeout 600 dotnet build "$repo/src/AspNetFtp.Host" -c Release -o "$work/host" -nologo -v:q >/dev/null
timeout 600 dotnet build "$repo/bench/AspNetFtp.Bench" -c Release -o "$work/bench" -nologo -v:q >/dev/null
host="$work/host/AspNetFtp.Host.dll"
password='Soak-Passw0rd!'
cd "$work/run"
printf '%s\n' "$password" | timeout 120 dotnet "$host" createuser soak --password-stdin >/dev/null
timeout 60 dotnet "$host" createftpusergroup soakers >/dev/null
timeout 60 dotnet "$host" createftpuseraccount soak soakers >/dev/null

# The soak user is the only client and it never fails on purpose: the per-address limits are raised for it.
FtpServer__Limits__MaxConnectionsPerIp=5000 FtpServer__Limits__MaxConnections=5000 FtpServer__Defender__Enabled=false \
    dotnet "$host" ftpserver 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 120); do
    port=$(sed -n 's/^Listening on 127.0.0.1:\([0-9]*\) (FTP)$/\1/p' "$work/server.log")
    [ -n "$port" ] && break
    sleep 0.5
done
[ -n "$port" ] || { log "the server did not start"; cat "$work/server.log" >&2; exit 1; }

# RSS with its parts (anonymous: heaps; file: mapped assemblies; shmem: the runtime's double-mapped code).
sample() { awk '/^VmRSS/ {r=$2} /^RssAnon/ {a=$2} /^RssFile/ {f=$2} /^RssShmem/ {s=$2} END {printf "%s,%s,%s,%s", r, a, f, s}' "/proc/$server_pid/status"; }
printf 'seconds,rss_kib,anon_kib,file_kib,shmem_kib\n' >"$work/rss.csv"
( start=$SECONDS
  while kill -0 "$server_pid" 2>/dev/null; do
      printf '%d,%s\n' "$((SECONDS - start))" "$(sample)" >>"$work/rss.csv"
      sleep 30
  done ) &
sampler_pid=$!

log "soak: $sessions sessions for $minutes min against port $port (pace $pace ms)"
seconds=$((minutes * 60))
status=0
timeout $((seconds + 300)) dotnet "$work/bench/AspNetFtp.Bench.dll" soak --port "$port" --user soak --password "$password" \
    --sessions "$sessions" --run "$seconds" --pace "$pace" --ramp 16 --duration-limit $((seconds + 240)) --label aspnetftp \
    | tee "$work/soak.log" || status=$?
sleep 1
printf '%d,%s\n' "$seconds" "$(sample)" >>"$work/rss.csv"
kill "$sampler_pid" 2>/dev/null || true

warm=$(( seconds / 10 > 60 ? seconds / 10 : 60 ))
rss_warm=$(awk -F, -v w="$warm" 'NR > 1 && $1 >= w {print $2; exit}' "$work/rss.csv")
rss_end=$(tail -n 1 "$work/rss.csv" | cut -d, -f2)
result=$(grep '^RESULT' "$work/soak.log" | tail -n 1)
growth=$(awk -v a="$rss_warm" -v b="$rss_end" 'BEGIN { if (a > 0) printf "%.1f", (b - a) * 100 / a; else print "n/a" }')
# A leak keeps growing to the end; caches and pools that fill up stop. The second half tells them apart.
rss_mid=$(awk -F, -v m=$((seconds / 2)) 'NR > 1 && $1 >= m {print $2; exit}' "$work/rss.csv")
growth_half=$(awk -v a="$rss_mid" -v b="$rss_end" 'BEGIN { if (a > 0) printf "%.1f", (b - a) * 100 / a; else print "n/a" }')
echo "$result rss_after_warmup_kib=$rss_warm rss_end_kib=$rss_end rss_growth_pct=$growth rss_mid_kib=$rss_mid rss_growth_second_half_pct=$growth_half"
echo "RSS samples (seconds, RSS, anonymous, file, shmem; KiB): $work/rss.csv"
exit "$status"
