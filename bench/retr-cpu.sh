#!/usr/bin/env bash
# The server's CPU seconds per GiB of RETR from object storage: one host on the emulators that scripts/test.sh
# uses (fauxqs for S3 at 127.0.0.1:4569, azurite for Azure Blob; `source /tmp/emuenv.sh` or scripts/emulators.sh
# for the ASPNETFTP_TEST_* settings), one object put through the server with curl, one warm-up RETR, then N RETRs
# with curl to /dev/null. For each RETR: the server's utime+stime from /proc/<pid>/stat before and after (CPU s/GiB),
# curl's MB/s, and the emulator's CPU s/GiB (the process listening on its port); then the medians. CPU seconds are
# a steadier figure than MB/s on a shared machine; still repeat. Loopback only; every step bounded by `timeout`.
# Much shorter than bench/storage.sh: no SDK ceiling, no STOR figures.
#
#   bash bench/retr-cpu.sh [--backend s3|azure] [--size-mib N] [--runs N] [--port P] [--host-dir DIR]
#
#   --backend        s3 (default) or azure; azure needs the container bench-ceiling (bench/storage.sh's SDK put makes it)
#   --size-mib N     the object's size (default 512, at most 4096), made from /dev/urandom under /dev/shm
#   --runs N         measured RETRs (default 5, at most 30)
#   --port P         the control port (default 23610); passive ports P+1..P+50
#   --host-dir DIR   a built host (AspNetFtp.Host.dll) to use instead of building src/AspNetFtp.Host (Release)
set -euo pipefail
backend=s3 size_mib=512 runs=5 port=23610 host_dir=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --backend) backend=$2; shift ;;
    --size-mib) size_mib=$2; shift ;;
    --runs) runs=$2; shift ;;
    --port) port=$2; shift ;;
    --host-dir) host_dir=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
  shift
done
[[ $backend == s3 || $backend == azure ]] || { echo "--backend must be s3 or azure" >&2; exit 1; }
[[ $size_mib -ge 1 && $size_mib -le 4096 ]] || { echo "--size-mib must be 1..4096" >&2; exit 1; }
[[ $runs -ge 1 && $runs -le 30 ]] || { echo "--runs must be 1..30" >&2; exit 1; }
for v in ASPNETFTP_TEST_S3_ENDPOINT ASPNETFTP_TEST_S3_BUCKET ASPNETFTP_TEST_S3_ACCESS_KEY ASPNETFTP_TEST_S3_SECRET_KEY \
  ASPNETFTP_TEST_AZURE_CONNECTION_STRING; do
  [[ -n ${!v:-} ]] || { echo "$v is not set (source the emulators' settings first)" >&2; exit 1; }
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/aspnetftp-retr-cpu.XXXXXX)
server=""
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

if [[ -z $host_dir ]]; then
  host_dir=$work/host
  timeout 900 dotnet build "$repo/src/AspNetFtp.Host" -c Release -o "$host_dir" -nologo -v q >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; exit 1; }
fi

file=/dev/shm/aspnetftp-retr-cpu-${size_mib}m.bin
[[ -f $file ]] || timeout 600 head -c $((size_mib << 20)) /dev/urandom >"$file"
pass="bench-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
hash=$(printf '%s' "$pass" | timeout 60 dotnet "$host_dir/AspNetFtp.Host.dll" hashpassword | tail -n 1 | tr -d '\r\n')
mkdir -p "$work/homes"
env FtpServer__Users__0__Name=s3 FtpServer__Users__0__PasswordHash="$hash" FtpServer__Users__0__HomeDirectory="$work/homes/s3" \
  FtpServer__Users__0__StorageProfile=s3 \
  FtpServer__Users__1__Name=azure FtpServer__Users__1__PasswordHash="$hash" FtpServer__Users__1__HomeDirectory="$work/homes/azure" \
  FtpServer__Users__1__StorageProfile=azure \
  FtpServer__Storage__Profiles__s3__Kind=S3 FtpServer__Storage__Profiles__s3__Endpoint="$ASPNETFTP_TEST_S3_ENDPOINT" \
  FtpServer__Storage__Profiles__s3__Region=us-east-1 FtpServer__Storage__Profiles__s3__ForcePathStyle=true \
  FtpServer__Storage__Profiles__s3__Bucket="$ASPNETFTP_TEST_S3_BUCKET" FtpServer__Storage__Profiles__s3__Prefix="retr-cpu/{username}/" \
  FtpServer__Storage__Profiles__s3__AccessKey="$ASPNETFTP_TEST_S3_ACCESS_KEY" FtpServer__Storage__Profiles__s3__SecretKey="$ASPNETFTP_TEST_S3_SECRET_KEY" \
  FtpServer__Storage__Profiles__s3__Optional=true \
  FtpServer__Storage__Profiles__azure__Kind=AzureBlob FtpServer__Storage__Profiles__azure__ConnectionString="$ASPNETFTP_TEST_AZURE_CONNECTION_STRING" \
  FtpServer__Storage__Profiles__azure__Container=bench-ceiling FtpServer__Storage__Profiles__azure__Prefix="retr-cpu/{username}/" \
  FtpServer__Storage__Profiles__azure__Optional=true \
  FtpServer__DataChannel__PassivePorts="$((port + 1))-$((port + 50))" \
  Logging__LogLevel__Default=Warning \
  timeout 3600 dotnet "$host_dir/AspNetFtp.Host.dll" ftpserver "127.0.0.1:$port" >"$work/server.log" 2>&1 </dev/null &
server=$!
for _ in $(seq 1 120); do
  [[ $(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port; head -c 3 <&3" 2>/dev/null) == 220 ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
server_pid=$(pgrep -P "$server" | head -n 1 || true)
[[ -n $server_pid ]] || server_pid=$server
emulator_port=$([[ $backend == s3 ]] && echo "${ASPNETFTP_TEST_S3_ENDPOINT##*:}" || echo 10010)
emulator_pid=$(ss -ltnpH "sport = :$emulator_port" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)

url="ftp://127.0.0.1:$port/retr-cpu.bin"
timeout 1800 curl -sS --max-time 1700 -u "$backend:$pass" -T "$file" "$url"
timeout 1800 curl -sS --max-time 1700 -u "$backend:$pass" -o /dev/null "$url"
printf 'run\tserver CPU s/GiB\tMB/s\temulator CPU s/GiB\n'
for run in $(seq 1 "$runs"); do
  s0=$(ticks "$server_pid") e0=$([[ -n $emulator_pid ]] && ticks "$emulator_pid" || echo 0)
  speed=$(timeout 1800 curl -sS --max-time 1700 -u "$backend:$pass" -o /dev/null -w '%{speed_download}' "$url")
  s1=$(ticks "$server_pid") e1=$([[ -n $emulator_pid ]] && ticks "$emulator_pid" || echo 0)
  awk -v r="$run" -v s=$((s1 - s0)) -v e=$((e1 - e0)) -v hz="$hz" -v mib="$size_mib" -v v="$speed" \
    'BEGIN { gib = mib / 1024; printf "%d\t%.3f\t%.1f\t%.3f\n", r, s / hz / gib, v / 1e6, e / hz / gib }'
done | tee "$work/results.tsv"
python3 - "$work/results.tsv" "$backend" <<'EOF'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]) if line.strip()]
med = lambda i: statistics.median(float(r[i]) for r in rows)
print(f"{sys.argv[2]}: median server CPU {med(1):.3f} s/GiB, {med(2):.1f} MB/s, emulator CPU {med(3):.3f} s/GiB ({len(rows)} runs)")
EOF
