#!/usr/bin/env bash
# The bandwidth limits over 10 seconds: the real host with the server-wide caps (FtpServer:Limits:Max{Upload,
# Download}BytesPerSecond; the per-user rates use the same token bucket, checked by BandwidthLimitTests), curl as
# the client, RETR and STOR, with sendfile on, sendfile off and over TLS. Each transfer is cut by curl after
# --seconds; the rate is what arrived (RETR: curl's received bytes; STOR: the file the server kept, UploadMode
# Standard) divided by curl's time. Loopback only; every command bounded by `timeout`.
#
#   bash bench/ratelimit.sh [--rate BYTES_PER_SECOND] [--seconds N]     # defaults 2000000 and 10; ~1.5 minutes
#
# Writes bench/results/<UTC stamp>-ratelimit.md (git-ignored) and prints it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
rate=2000000 seconds=10
while [[ $# -gt 0 ]]; do
  case $1 in
    --rate) rate=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
  shift
done
[[ $rate =~ ^[0-9]+$ && $rate -ge 1000 ]] || { echo "--rate must be a whole number of bytes per second, at least 1000" >&2; exit 1; }
[[ $seconds =~ ^[0-9]+$ && $seconds -ge 2 && $seconds -le 120 ]] || { echo "--seconds must be between 2 and 120" >&2; exit 1; }

work=/var/tmp/aspnetftp-bench-ratelimit
stamp=$(date -u +%Y-%m-%d-%H%M)
report="$repo/bench/results/$stamp-ratelimit.md"
mkdir -p "$repo/bench/results" "$work"
log() { printf '==> %s\n' "$*" >&2; }
server_pid=""
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

log "building the host"
timeout 900 dotnet build "$repo/src/AspNetFtp.Host" -c Release -o "$work/host" -nologo -v:q >/dev/null
dll="$work/host/AspNetFtp.Host.dll"
home="$work/home"
rm -rf "$home" && mkdir -p "$home"
# Twice what the limit lets through in the time, so the transfer is always cut by curl, never finished.
size=$(( rate * seconds * 2 ))
head -c "$size" /dev/urandom > "$work/source.bin"
cp "$work/source.bin" "$home/big.bin"
if [[ ! -f $work/server.crt ]]; then
  timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 30 \
    -keyout "$work/server.key" -out "$work/server.crt" >/dev/null 2>&1
fi
user=bench pass=bench-pass
hash=$(printf '%s' "$pass" | timeout 60 dotnet "$dll" hashpassword | tail -n 1 | tr -d '\r\n')
port=$(( 21000 + RANDOM % 2000 ))

start_server() { # sendfile(true|false) tls(0|1)
  local tlsenv=()
  [[ $2 -eq 1 ]] && tlsenv=(FtpServer__Tls__CertificateFile="$work/server.crt" FtpServer__Tls__KeyFile="$work/server.key")
  env "${tlsenv[@]}" FtpServer__Users__0__Name=$user FtpServer__Users__0__PasswordHash="$hash" FtpServer__Users__0__HomeDirectory="$home" \
    FtpServer__Users__0__Permissions=elradfmwMT FtpServer__UseSendfile="$1" FtpServer__UploadMode=Standard \
    FtpServer__Limits__MaxUploadBytesPerSecond="$rate" FtpServer__Limits__MaxDownloadBytesPerSecond="$rate" \
    Logging__LogLevel__Default=Warning \
    timeout 600 dotnet "$dll" ftpserver "127.0.0.1:$port" --passive-ports "$((port + 1))-$((port + 50))" \
    >"$work/server.log" 2>&1 </dev/null &
  server_pid=$!
  for _ in $(seq 1 120); do
    if [[ $(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port; head -c 3 <&3" 2>/dev/null) == 220 ]]; then return 0; fi
    sleep 0.5
  done
  echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1
}
stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

rows=()
measure() { # label op(retr|stor) tls(0|1)
  local label=$1 op=$2 tls=$3 out bytes time tlsargs=()
  [[ $tls -eq 1 ]] && tlsargs=(--ssl-reqd --insecure)
  if [[ $op == retr ]]; then
    out=$(timeout $((seconds + 30)) curl -s "${tlsargs[@]}" --max-time "$seconds" -o /dev/null -w '%{size_download} %{time_total}' \
      "ftp://$user:$pass@127.0.0.1:$port/big.bin" || true)
    read -r bytes time <<<"$out"
  else
    rm -f "$home/up.bin"
    out=$(timeout $((seconds + 30)) curl -s "${tlsargs[@]}" --max-time "$seconds" -T "$work/source.bin" -w '%{time_total}' \
      "ftp://$user:$pass@127.0.0.1:$port/up.bin" || true)
    time=$out
    # The server settles the cut upload (426) a moment after curl gave up: wait until its length stops growing.
    local last=-1
    for _ in $(seq 1 50); do
      bytes=$(stat -c %s "$home/up.bin" 2>/dev/null || echo 0)
      [[ $bytes -eq $last ]] && break
      last=$bytes; sleep 0.2
    done
  fi
  [[ -n $bytes && $bytes -gt 0 ]] || { echo "$label: nothing moved; the server's log:" >&2; cat "$work/server.log" >&2; exit 1; }
  local measured ratio
  measured=$(python3 -c "print(round($bytes / $time))")
  ratio=$(python3 -c "print(f'{100 * $bytes / $time / $rate:.1f} %')")
  log "$label: $bytes bytes in $time s = $measured B/s ($ratio of the limit)"
  rows+=("| $label | $bytes | $time | $measured | $ratio |")
}

for sendfile in true false; do
  start_server "$sendfile" 0
  measure "RETR, sendfile $sendfile" retr 0
  measure "STOR, sendfile $sendfile" stor 0
  stop_server
done
start_server true 1
measure "RETR, TLS" retr 1
measure "STOR, TLS" stor 1
stop_server

{
  echo "# Bandwidth limits, $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores"
  echo
  echo "Limit $rate B/s (server-wide caps), each transfer cut by curl after $seconds s. \`bash bench/ratelimit.sh --rate $rate --seconds $seconds\`"
  echo
  echo "| transfer | bytes | seconds | B/s | of the limit |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
} > "$report"
cat "$report"
