#!/usr/bin/env bash
# Object storage through the FTP server against the SDK directly (the ceiling), on the emulators that
# scripts/test.sh uses (fauxqs for S3, azurite for Azure Blob; scripts/emulators.sh installs and starts them).
# Per back end and run, interleaved: FTP STOR of one file with curl (the server's RSS sampled every 0.1 s
# during it), the same file put with the SDK (part size and parallelism as the back end's defaults), FTP RETR
# with curl, SDK get. Prints each figure, then medians and the FTP/SDK ratios, the RSS above idle (idle: after one
# small STOR and RETR through each back end) and the server's CPU seconds for each STOR and RETR.
# Loopback only; every step bounded by `timeout`.
#
#   bash bench/storage.sh [--size-mib N] [--runs N] [--backends s3,azure] [--part-size-mib 8] [--concurrency 2]
#
#   --size-mib N     the file's size (default 1024, at most 4096), made from /dev/urandom under /dev/shm
#   --runs N         repetitions (default 3, at most 20)
#   --backends LIST  s3, azure or both (default)
set -euo pipefail
size_mib=1024 runs=3 backends=s3,azure part_mib=8 concurrency=2
while [[ $# -gt 0 ]]; do
  case $1 in
    --size-mib) size_mib=$2; shift ;;
    --runs) runs=$2; shift ;;
    --backends) backends=$2; shift ;;
    --part-size-mib) part_mib=$2; shift ;;
    --concurrency) concurrency=$2; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
  shift
done
[[ $size_mib -ge 1 && $size_mib -le 4096 ]] || { echo "--size-mib must be 1..4096" >&2; exit 1; }
[[ $runs -ge 1 && $runs -le 20 ]] || { echo "--runs must be 1..20" >&2; exit 1; }
IFS=, read -r -a backend_list <<<"$backends"

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/aspnetftp-storage-bench.XXXXXX)
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
  type stop_emulators >/dev/null 2>&1 && stop_emulators || true
}
trap cleanup EXIT

# shellcheck source=../scripts/emulators.sh
source "$repo/scripts/emulators.sh"
install_emulators
start_s3_emulator
start_azurite

log "building the host and the load generator (Release)"
timeout 900 dotnet build "$repo/src/AspNetFtp.Host" -c Release -o "$work/host" -nologo -v q >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; exit 1; }
timeout 900 dotnet build "$repo/bench/AspNetFtp.Bench" -c Release -o "$work/bench" -nologo -v q >>"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; exit 1; }
sdk() { timeout 1800 dotnet "$work/bench/AspNetFtp.Bench.dll" sdk "$@" --part-size-mib "$part_mib" --concurrency "$concurrency" |
  awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "MBps") print kv[2] } }'; }

file=/dev/shm/aspnetftp-storage-bench-${size_mib}m.bin
[[ -f $file ]] || timeout 600 head -c $((size_mib << 20)) /dev/urandom >"$file"
# The ceiling's first put also creates the Azure container the profile uses.
log "warming up: one SDK put per back end"
for b in "${backend_list[@]}"; do sdk "$b" put "$file" warmup >/dev/null; done

pass="bench-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
hash=$(printf '%s' "$pass" | timeout 60 dotnet "$work/host/AspNetFtp.Host.dll" hashpassword | tail -n 1 | tr -d '\r\n')
port=23600
mkdir -p "$work/homes"
env FtpServer__Users__0__Name=s3 FtpServer__Users__0__PasswordHash="$hash" FtpServer__Users__0__HomeDirectory="$work/homes/s3" \
  FtpServer__Users__0__StorageProfile=s3 \
  FtpServer__Users__1__Name=azure FtpServer__Users__1__PasswordHash="$hash" FtpServer__Users__1__HomeDirectory="$work/homes/azure" \
  FtpServer__Users__1__StorageProfile=azure \
  FtpServer__Storage__Profiles__s3__Kind=S3 FtpServer__Storage__Profiles__s3__Endpoint="$ASPNETFTP_TEST_S3_ENDPOINT" \
  FtpServer__Storage__Profiles__s3__Region=us-east-1 FtpServer__Storage__Profiles__s3__ForcePathStyle=true \
  FtpServer__Storage__Profiles__s3__Bucket="$ASPNETFTP_TEST_S3_BUCKET" FtpServer__Storage__Profiles__s3__Prefix="bench/{username}/" \
  FtpServer__Storage__Profiles__s3__AccessKey="$ASPNETFTP_TEST_S3_ACCESS_KEY" FtpServer__Storage__Profiles__s3__SecretKey="$ASPNETFTP_TEST_S3_SECRET_KEY" \
  FtpServer__Storage__Profiles__azure__Kind=AzureBlob FtpServer__Storage__Profiles__azure__ConnectionString="$ASPNETFTP_TEST_AZURE_CONNECTION_STRING" \
  FtpServer__Storage__Profiles__azure__Container=bench-ceiling FtpServer__Storage__Profiles__azure__Prefix="ftp/{username}/" \
  Logging__LogLevel__Default=Warning \
  timeout 7200 dotnet "$work/host/AspNetFtp.Host.dll" ftpserver "127.0.0.1:$port" >"$work/server.log" 2>&1 </dev/null &
server=$!
for _ in $(seq 1 120); do
  [[ $(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port; head -c 3 <&3" 2>/dev/null) == 220 ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
server_pid=$(pgrep -P "$server" | head -n 1 || true)
[[ -n $server_pid ]] || server_pid=$server
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status"; }
# The server's CPU time (user + system) in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)

# Idle is the server after one small STOR and RETR through each back end: the storage SDKs loaded, their first
# connections made. The memory figure is what a 1 GiB STOR adds to that, not the SDK's one-time start-up.
head -c $((1 << 20)) /dev/urandom >"$work/warmup.bin"
for b in "${backend_list[@]}"; do
  timeout 120 curl -sS --max-time 110 -u "$b:$pass" -T "$work/warmup.bin" "ftp://127.0.0.1:$port/warmup.bin"
  timeout 120 curl -sS --max-time 110 -u "$b:$pass" -o /dev/null "ftp://127.0.0.1:$port/warmup.bin"
done
sleep 2

results=$work/results.tsv
for run in $(seq 1 "$runs"); do
  for b in "${backend_list[@]}"; do
    idle=$(rss)
    ( peak=$idle; while [[ ! -f $work/stop ]]; do r=$(rss); [[ $r -gt $peak ]] && peak=$r; echo "$peak" >"$work/peak"; sleep 0.1; done ) &
    sampler=$!
    cpu0=$(cpu_ticks)
    stor=$(timeout 1800 curl -sS --max-time 1700 -u "$b:$pass" -T "$file" -w '%{speed_upload}' "ftp://127.0.0.1:$port/up-$run.bin")
    cpu1=$(cpu_ticks)
    touch "$work/stop"; wait "$sampler"; rm -f "$work/stop"
    peak=$(cat "$work/peak")
    put=$(sdk "$b" put "$file" "ceiling-$run")
    cpu2=$(cpu_ticks)
    retr=$(timeout 1800 curl -sS --max-time 1700 -u "$b:$pass" -o /dev/null -w '%{speed_download}' "ftp://127.0.0.1:$port/up-$run.bin")
    cpu3=$(cpu_ticks)
    get=$(sdk "$b" get "$file" "ceiling-$run")
    mb() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1e6 }'; }
    secs() { awk -v t="$1" -v hz="$ticks_per_second" 'BEGIN { printf "%.2f", t / hz }'; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$b" "$run" "$(mb "$stor")" "$put" "$(mb "$retr")" "$get" "$idle" "$peak" \
      "$(secs $((cpu1 - cpu0)))" "$(secs $((cpu3 - cpu2)))" | tee -a "$results"
  done
done

python3 - "$results" "$size_mib" <<'EOF2'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
print(f"\n{sys.argv[2]} MiB, MB/s (10^6 bytes) medians; RSS in MiB")
print("backend  FTP STOR  SDK put  ratio  FTP RETR  SDK get  ratio  RSS above idle during STOR (median, max)  server CPU s STOR, RETR (median)")
for backend in dict.fromkeys(r[0] for r in rows):
    rs = [r for r in rows if r[0] == backend]
    med = lambda i: statistics.median(float(r[i]) for r in rs)
    above = [(int(r[7]) - int(r[6])) / 1024 for r in rs]
    print(f"{backend:8} {med(2):8.1f} {med(3):8.1f} {med(2) / med(3):6.2f} {med(4):9.1f} {med(5):8.1f} {med(4) / med(5):6.2f}"
          f"  {statistics.median(above):.1f}, {max(above):.1f}  {med(8):.2f}, {med(9):.2f}")
EOF2
