#!/usr/bin/env bash
# A/B of AspNetFtp builds on one transfer: starts each given build (a folder holding AspNetFtp.Host.dll) on
# its own loopback port and runs curl transfers against them interleaved (build 1, build 2, ..., repeated),
# recording per transfer: MB/s (curl), the server's CPU seconds per GiB, context switches per GiB and
# sched_yield / sendfile / epoll_wait calls per GiB (perf stat on the server process; counts are what a shared,
# noisy machine moves least). Loopback only; every command bounded by `timeout`.
#
#   bash bench/ab-transfer.sh [--runs N] [--op retr|stor] [--tls] [--file PATH] [--env K=V]... BUILD_DIR...
#
#   --runs N   repetitions per build, interleaved (default 5, at most 50)
#   --op       retr (download, default) or stor (upload of the same file)
#   BUILD_DIR may also be `pyftpdlib` or `vsftpd` (plain only), to measure a peer the same way.
#   --tls      explicit FTPS (AUTH TLS, PROT P) with a throw-away self-signed certificate
#   --file     the file to send (default /dev/shm/perf-data/file1g.bin, made from /dev/urandom if missing)
#   --env K=V  an environment variable for every server started (repeatable), e.g. DOTNET_GCgen0size=...
#   --tool "ARGS"  instead of curl, run the load generator (bench/AspNetFtp.Bench) with ARGS, e.g.
#              "retr --sessions 200 --size 10M --file file10m.bin --ramp 16"; MB/s and bytes are its own
#   --label    a label per build instead of the folder name, comma-separated
#   A build may carry environment variables of its own: DIR@K=V[@K=V...] (an A/B of one binary under two settings).
#
# Needs perf (linux-perf) for the syscall counts; without it only MB/s and CPU seconds are recorded.
set -euo pipefail
runs=5 op=retr tls=0 file=/dev/shm/perf-data/file1g.bin labels="" tool=""
extra_env=()
builds=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift ;;
    --op) op=$2; shift ;;
    --tls) tls=1 ;;
    --file) file=$2; shift ;;
    --env) extra_env+=("$2"); shift ;;
    --label) labels=$2; shift ;;
    --tool) tool=$2; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) builds+=("$1") ;;
  esac
  shift
done
[[ ${#builds[@]} -ge 1 ]] || { echo "give at least one build folder" >&2; exit 1; }
[[ $runs -ge 1 && $runs -le 50 ]] || { echo "--runs must be 1..50" >&2; exit 1; }
[[ $op == retr || $op == stor ]] || { echo "--op retr|stor" >&2; exit 1; }
IFS=, read -r -a label_list <<<"$labels"

work=$(mktemp -d /tmp/aspnetftp-ab.XXXXXX)
home=$(dirname "$file")
mkdir -p "$home"
if [[ ! -f $file ]]; then timeout 300 head -c $((1 << 30)) /dev/urandom >"$file"; fi
size=$(stat -c %s "$file")
user=abuser pass="ab-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
declare -a pids=() ports=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  local h
  for h in "$home" "${homes[@]}"; do rm -f "$h"/ab-up-* 2>/dev/null || true; done
}
trap cleanup EXIT
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

tlsargs=()
if [[ $tls -eq 1 ]]; then
  timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
    -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
  tlsargs=(--certfile "$work/cert.pem" --keyfile "$work/key.pem")
fi

declare -a users=() passes=() homes=()
for i in "${!builds[@]}"; do
  port=$((23400 + i))
  lo=$((35000 + i * 1000))
  case ${builds[$i]} in
    pyftpdlib)
      # The peer as bench/peers.sh runs it (sendfile on), serving the same folder.
      cat >"$work/pyftpd.py" <<'EOF2'
import logging, os, sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.log import config_logging
from pyftpdlib.servers import FTPServer
user, home, port, lo = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
config_logging(level=logging.WARNING)
auth = DummyAuthorizer()
auth.add_user(user, os.environ["AB_PASS"], home, perm="elradfmwMT")
FTPHandler.authorizer = auth
FTPHandler.passive_ports = range(lo, lo + 1000)
FTPHandler.use_sendfile = True
server = FTPServer(("127.0.0.1", port), FTPHandler, backlog=1024)
server.max_cons = 2000
server.serve_forever()
EOF2
      AB_PASS=$pass timeout 3600 /usr/bin/python3 "$work/pyftpd.py" "$user" "$home" "$port" "$lo" >"$work/server$i.log" 2>&1 </dev/null &
      users+=("$user") passes+=("$pass") homes+=("$home")
      ;;
    vsftpd)
      # Needs the local account bench/peers.sh creates (benchftp, password in /var/tmp/aspnetftp-bench/password)
      # whose home must hold the same file (peers.sh's data folder; a hard link of the file serves).
      vhome=$(getent passwd benchftp | cut -d: -f6)
      [[ -n $vhome && -f /var/tmp/aspnetftp-bench/password && -f $vhome/$(basename "$file") ]] ||
        { echo "vsftpd: run bench/peers.sh once (account benchftp) and put $(basename "$file") in its home" >&2; exit 1; }
      mkdir -p /var/run/vsftpd/empty
      cat >"$work/vsftpd$i.conf" <<EOF2
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$port
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
xferlog_enable=NO
pasv_min_port=$lo
pasv_max_port=$((lo + 999))
use_sendfile=YES
secure_chroot_dir=/var/run/vsftpd/empty
pam_service_name=vsftpd
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
ssl_enable=NO
EOF2
      setsid timeout 3600 /usr/sbin/vsftpd "$work/vsftpd$i.conf" >"$work/server$i.log" 2>&1 </dev/null &
      users+=(benchftp) passes+=("$(cat /var/tmp/aspnetftp-bench/password)") homes+=("$vhome")
      ;;
    *)
      IFS=@ read -r -a parts <<<"${builds[$i]}"
      dll=${parts[0]}/AspNetFtp.Host.dll
      own_env=("${parts[@]:1}")
      [[ -f $dll ]] || { echo "no $dll" >&2; exit 1; }
      hash=$(printf '%s' "$pass" | timeout 60 dotnet "$dll" hashpassword | tail -n 1 | tr -d '\r\n')
      env FtpServer__Users__0__Name=$user FtpServer__Users__0__PasswordHash="$hash" FtpServer__Users__0__HomeDirectory="$home" \
        FtpServer__Users__0__Permissions=elradfmwMT FtpServer__MaxConnections=1000 FtpServer__MaxConnectionsPerIp=1000 \
        Logging__LogLevel__Default=Warning "${extra_env[@]}" "${own_env[@]}" \
        timeout 3600 dotnet "$dll" ftpserver "127.0.0.1:$port" --passive-ports "$lo-$((lo + 999))" "${tlsargs[@]}" \
        >"$work/server$i.log" 2>&1 </dev/null &
      users+=("$user") passes+=("$pass") homes+=("$home")
      ;;
  esac
  pids+=($!) ports+=("$port")
done
for i in "${!builds[@]}"; do
  up=0
  for _ in $(seq 1 120); do
    if [[ $(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/${ports[$i]}; head -c 3 <&3" 2>/dev/null) == 220 ]]; then up=1; break; fi
    sleep 0.5
  done
  [[ $up -eq 1 ]] || { echo "build $i did not start:" >&2; cat "$work/server$i.log" >&2; exit 1; }
done

# The server's pid is the child of `timeout`. vsftpd forks a process (two with privilege separation) per
# session: its CPU is the whole tree's, counted after the session's processes were reaped (cutime/cstime).
server_pid() { pgrep -P "${pids[$1]}" | head -n 1; }
cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }
curl_tls=(); [[ $tls -eq 1 ]] && curl_tls=(--ssl-reqd -k)
transfer() { # index name -> "speed bytes"
  local url=ftp://127.0.0.1:${ports[$1]} cred=${users[$1]}:${passes[$1]}
  if [[ -n $tool ]]; then
    local res tlsopt=()
    [[ $tls -eq 1 ]] && tlsopt=(--tls)
    # shellcheck disable=SC2086
    res=$(timeout 400 dotnet "$work/bench/AspNetFtp.Bench.dll" $tool --host 127.0.0.1 --port "${ports[$1]}" --user "${users[$1]}" \
      --password "${passes[$1]}" --duration-limit 300 "${tlsopt[@]}" | grep '^RESULT' || true)
    awk -v r="$res" 'BEGIN{n=split(r,a," "); for(i=1;i<=n;i++){split(a[i],kv,"="); v[kv[1]]=kv[2]} printf "%s %s failures=%s\n", v["MBps"]*1e6, v["bytes"], v["failures"]}'
    return
  fi
  if [[ $op == retr ]]; then
    timeout 200 curl -sS "${curl_tls[@]}" --max-time 180 -u "$cred" -o /dev/null -w '%{speed_download} %{size_download}' "$url/$(basename "$file")"
  else
    timeout 200 curl -sS "${curl_tls[@]}" --max-time 180 -u "$cred" -T "$file" -w '%{speed_upload} %{size_upload}' "$url/ab-up-$2.bin"
  fi
}
if [[ -n $tool ]]; then
  timeout 600 dotnet build "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/AspNetFtp.Bench" -c Release -o "$work/bench" -nologo -v q >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; exit 1; }
fi
# Warm-up: one untimed transfer each (JIT, pools).
for i in "${!builds[@]}"; do transfer "$i" warm >/dev/null 2>&1 || true; rm -f "${homes[$i]}"/ab-up-*; done

have_perf=0
command -v perf >/dev/null 2>&1 && have_perf=1
gib=$(awk -v s="$size" 'BEGIN{print s / 1073741824}')
echo "# op=$op tool=${tool:-curl} tls=$tls size=$size runs=$runs load=$(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%FT%TZ)"
for r in $(seq 1 "$runs"); do
  for i in "${!builds[@]}"; do
    label=${label_list[$i]:-$(basename "${builds[$i]%%@*}")${builds[$i]#"${builds[$i]%%@*}"}}
    spid=$(server_pid "$i")
    before=$(cpu_ticks "$spid")
    if [[ $have_perf -eq 1 ]]; then
      timeout 300 perf stat -x, -o "$work/perf.txt" -e task-clock,context-switches,syscalls:sys_enter_sched_yield,syscalls:sys_enter_sendfile64,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_futex -p "$spid" &
      perf_pid=$!
      sleep 0.3
    fi
    out=$(transfer "$i" "$r" 2>>"$work/curl.log" || echo "fail 0")
    sleep 0.5   # forked session processes (vsftpd) end and are reaped
    if [[ $have_perf -eq 1 ]]; then kill -INT "$perf_pid" 2>/dev/null || true; wait "$perf_pid" 2>/dev/null || true; fi
    after=$(cpu_ticks "$spid")
    rm -f "${homes[$i]}"/ab-up-*
    read -r speed moved rest <<<"$out"
    [[ -n $tool ]] && gib=$(awk -v s="$moved" 'BEGIN{print (s > 0 ? s : 1) / 1073741824}')
    line="RESULT op=${tool:+tool-}${tool%% *}${tool:+}$([[ -z $tool ]] && echo "$op") tls=$tls build=$label run=$r MBps=$(awk -v b="$speed" 'BEGIN{printf "%.1f", b / 1e6}') bytes=$moved ${rest:-}"
    line+=" cpu_s_per_gib=$(awk -v t=$((after - before)) -v g="$gib" 'BEGIN{printf "%.3f", t / 100 / g}')"
    if [[ $have_perf -eq 1 ]]; then
      line+=$(awk -F, -v g="$gib" '
        $3 == "task-clock" { printf " task_clock_s_per_gib=%.3f", $1 / 1000 / g }
        $3 == "context-switches" { printf " ctxsw_per_gib=%d", $1 / g }
        $3 ~ /sched_yield/ { printf " sched_yield_per_gib=%d", $1 / g }
        $3 ~ /sendfile64/ { printf " sendfile_per_gib=%d", $1 / g }
        $3 ~ /epoll_wait/ { printf " epoll_wait_per_gib=%d", $1 / g }
        $3 ~ /futex/ { printf " futex_per_gib=%d", $1 / g }' "$work/perf.txt")
    fi
    echo "$line"
  done
done
