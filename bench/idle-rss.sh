#!/usr/bin/env bash
# Idle logged-in sessions against fresh AspNetFtp processes: RSS growth per session over the first N sessions
# of a new process, all connecting at once (burst) and ramped (at most 16 connecting at a time), and optionally
# a hold of many sessions at once (total RSS, failures). Each build (a folder holding AspNetFtp.Host.dll,
# optionally DIR@K=V@K=V for environment variables of its own) gets a fresh process per measurement, and the
# builds take turns, so an A/B of settings (GC mode, budgets) sees the same background load.
# Loopback only; every command bounded by `timeout`.
#
#   bash bench/idle-rss.sh [--sessions N] [--runs N] [--hold N] [--hold-only] BUILD_DIR...
#
#   --sessions N  sessions per burst / ramped measurement (default 1000)
#   --runs N      repetitions per build and mode (default 1, at most 10)
#   --hold N      also hold N sessions at once (e.g. 10000): the server's MaxConnections and MaxConnectionsPerIp
#                 are raised to N + 100, the load generator spreads its connections over 127.0.0.1..127.0.0.4
#                 (one address has ~28,000 ephemeral ports) and both processes get `ulimit -n` of 2 N + 4096
#                 (or the hard limit; each process needs about N + 1000)
#   --hold-only   skip the burst / ramped measurements
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sessions=1000 runs=1 hold=0 hold_only=0
builds=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --sessions) sessions=$2; shift ;;
    --runs) runs=$2; shift ;;
    --hold) hold=$2; shift ;;
    --hold-only) hold_only=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) builds+=("$1") ;;
  esac
  shift
done
[[ ${#builds[@]} -ge 1 ]] || { echo "give at least one build folder" >&2; exit 1; }
[[ $runs -ge 1 && $runs -le 10 ]] || { echo "--runs must be 1..10" >&2; exit 1; }
[[ $sessions -ge 1 && $sessions -le 20000 && $hold -ge 0 && $hold -le 20000 ]] || { echo "--sessions/--hold: at most 20000" >&2; exit 1; }

work=$(mktemp -d /tmp/aspnetftp-idle.XXXXXX)
mkdir -p "$work/home"
bench_bin=$work/bench
timeout 600 dotnet build "$root/bench/AspNetFtp.Bench" -c Release -o "$bench_bin" -nologo -v q >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; exit 1; }
user=idleuser pass="idle-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
server=""
stop() { [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; server=""; }
trap stop EXIT

start() { # spec limit -> sets $server (the timeout pid) and $spid (the .NET process)
  local dll own_env parts hash
  IFS=@ read -r -a parts <<<"$1"
  dll=${parts[0]}/AspNetFtp.Host.dll
  own_env=("${parts[@]:1}")
  hash=$(printf '%s' "$pass" | timeout 60 dotnet "$dll" hashpassword | tail -n 1 | tr -d '\r\n')
  env FtpServer__Users__0__Name=$user FtpServer__Users__0__PasswordHash="$hash" FtpServer__Users__0__HomeDirectory="$work/home" \
    FtpServer__MaxConnections="$2" FtpServer__MaxConnectionsPerIp="$2" Logging__LogLevel__Default=Warning "${own_env[@]}" \
    timeout 1800 dotnet "$dll" ftpserver 127.0.0.1:23600 >"$work/server.log" 2>&1 </dev/null &
  server=$!
  for _ in $(seq 1 120); do
    [[ $(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/23600; head -c 3 <&3" 2>/dev/null) == 220 ]] && break
    sleep 0.5
  done
  spid=$(pgrep -P "$server" | head -n 1)
  [[ -n $spid ]] || { cat "$work/server.log" >&2; exit 1; }
}

run() { # spec label args...
  local spec=$1 label=$2; shift 2
  start "$spec" "$((sessions > hold ? sessions + 100 : hold + 100))"
  timeout 900 dotnet "$bench_bin/AspNetFtp.Bench.dll" login-idle --host 127.0.0.1 --port 23600 --user "$user" --password "$pass" \
    --server-pid "$spid" --label "$label" --duration-limit 600 --hold 0 "$@" >"$work/run.log" 2>&1 || true
  grep -E '^RESULT' "$work/run.log" | sed "s/^RESULT /RESULT build=$label threads=$(ls "/proc/$spid/task" | wc -l) /" || true
  grep -E '^FAIL' "$work/run.log" | head -n 3 >&2 || true
  stop
}

label_of() { local b=${1%%@*}; echo "$(basename "$b")${1#"$b"}"; }
echo "# sessions=$sessions runs=$runs hold=$hold load=$(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%FT%TZ)"
if [[ $hold_only -eq 0 ]]; then
  for r in $(seq 1 "$runs"); do
    for ramp in 0 16; do
      for b in "${builds[@]}"; do run "$b" "$(label_of "$b")" --sessions "$sessions" --ramp "$ramp"; done
    done
  done
fi
if [[ $hold -gt 0 ]]; then
  want=$((2 * hold + 4096)) hard=$(ulimit -Hn)
  [[ $hard != unlimited && $hard -lt $want ]] && want=$hard
  ulimit -n "$want"
  [[ $want -ge $((hold + 1000)) ]] || { echo "ulimit -n allows only $want open files; --hold $hold needs $((hold + 1000))" >&2; exit 1; }
  echo "# hold: ulimit -n $want for the server and the load generator (each is its own process)"
  for b in "${builds[@]}"; do
    run "$b" "$(label_of "$b")" --sessions "$hold" --ramp 64 --source-count 4 --settle 5 --op-timeout 60
  done
fi
