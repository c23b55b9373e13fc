#!/usr/bin/env bash
# AspNetFtp peer benchmark: vsftpd (plain + TLS), pyftpdlib and AspNetFtp (plain + TLS) on loopback,
# the same scenarios against each in one run, a markdown table on stdout and in bench/results/<date>.md.
#
#   sudo bash bench/peers.sh [--quick] [--runs N] [--only a,b,...] [--data-dir DIR] [--serve]
#
#   --quick      smoke run: 64 MiB single-stream files, 1 run, 20 sessions, 1 MiB concurrent transfers
#   --runs N     single-stream repetitions (median reported; default 3, --quick 1)
#   --only LIST  servers to measure, from: vsftpd,vsftpd-tls,pyftpdlib,aspnetftp,aspnetftp-tls
#   --data-dir   where the served files live (default: /dev/shm/aspnetftp-bench, else /var/tmp/...)
#   --serve      start the servers, print how to reach them and wait (max 1 h) instead of measuring
#
# Needs root (apt-get, useradd, vsftpd). Only loopback addresses are used. Every command is bounded by
# `timeout`; all servers started here are stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QUICK=0
RUNS=""
SERVE=0
ONLY="vsftpd,vsftpd-tls,pyftpdlib,aspnetftp,aspnetftp-tls"
DATA_DIR=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --runs) RUNS=$2; shift ;;
    --only) ONLY=$2; shift ;;
    --data-dir) DATA_DIR=$2; shift ;;
    --serve) SERVE=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
  shift
done

if [[ $(id -u) -ne 0 ]]; then echo "run as root: sudo bash bench/peers.sh" >&2; exit 1; fi

# ---------------------------------------------------------------------------------------------- sizes
if [[ $QUICK -eq 1 ]]; then
  BIG=$((64 << 20)); BIG_NAME=file64m.bin
  CONC_SESSIONS=20; CONC_SIZE=$((1 << 20)); CONC_NAME=file1m.bin
  IDLE_SESSIONS=20; MIXED_SESSIONS=20; LOGINS=100; LOGIN_PHASE=10
  RUNS=${RUNS:-1}; MODE=quick
else
  BIG=$((1 << 30)); BIG_NAME=file1g.bin
  CONC_SESSIONS=200; CONC_SIZE=$((10 << 20)); CONC_NAME=file10m.bin
  IDLE_SESSIONS=200; MIXED_SESSIONS=500; LOGINS=1000; LOGIN_PHASE=20
  RUNS=${RUNS:-3}; MODE=full
fi
MIXED_NAME=file1m.bin; MIXED_SIZE=$((1 << 20))
PARALLEL=8
RAMP=16

# ------------------------------------------------------------------------------------------- layout
WORK=/var/tmp/aspnetftp-bench
if [[ -z "$DATA_DIR" ]]; then
  if [[ -d /dev/shm ]] && [[ $(df -Pk /dev/shm | awk 'NR==2{print $4}') -gt $((8 << 20)) ]]; then
    DATA_DIR=/dev/shm/aspnetftp-bench
  else
    DATA_DIR=$WORK/data
  fi
fi
STAMP=$(date -u +%Y-%m-%d-%H%M%S)
LOGS=$WORK/logs/$STAMP; [[ $SERVE -eq 1 ]] && LOGS+=-serve
TLSDIR=$WORK/tls
mkdir -p "$WORK" "$LOGS" "$TLSDIR" "$DATA_DIR"
RESULTS_DIR=$ROOT/bench/results
mkdir -p "$RESULTS_DIR"
RAW=$RESULTS_DIR/$STAMP-$MODE.raw.txt
OUT_MD=$RESULTS_DIR/$STAMP-$MODE.md
FTP_USER=benchftp
PASSFILE=$WORK/password
[[ -s $PASSFILE ]] || (umask 077; head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$PASSFILE")
FTP_PASS=$(cat "$PASSFILE")

declare -A PORT=([vsftpd]=2201 [vsftpd-tls]=2202 [pyftpdlib]=2203 [aspnetftp]=2204 [aspnetftp-tls]=2205)
declare -A PASV=([vsftpd]=31000-31999 [vsftpd-tls]=30000-30999 [pyftpdlib]=29000-29999 [aspnetftp]=33000-33999 [aspnetftp-tls]=34000-34999)
declare -A TLS=([vsftpd]=0 [vsftpd-tls]=1 [pyftpdlib]=0 [aspnetftp]=0 [aspnetftp-tls]=1)
declare -A PID=()
declare -A NOTE=()
ALL_SERVERS=(vsftpd pyftpdlib aspnetftp vsftpd-tls aspnetftp-tls)
wanted() { [[ ",$ONLY," == *",$1,"* ]]; }
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

cleanup() {
  local name pid
  for name in "${!PID[@]}"; do
    pid=${PID[$name]}
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  sleep 1
  for name in "${!PID[@]}"; do
    pid=${PID[$name]}
    if kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
  done
  rm -f "$DATA_DIR"/up-* 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --------------------------------------------------------------------------------------- packages
need_pkgs=()
command -v vsftpd >/dev/null 2>&1 || [[ -x /usr/sbin/vsftpd ]] || need_pkgs+=(vsftpd)
/usr/bin/python3 -c 'import pyftpdlib' >/dev/null 2>&1 || need_pkgs+=(python3-pyftpdlib)
command -v curl >/dev/null 2>&1 || need_pkgs+=(curl)
command -v openssl >/dev/null 2>&1 || need_pkgs+=(openssl)
if [[ ${#need_pkgs[@]} -gt 0 ]]; then
  log "installing ${need_pkgs[*]}"
  timeout 300 apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi
# The Debian package starts a vsftpd on port 21 at install time; it is not ours and is left alone.
VSFTPD=/usr/sbin/vsftpd
PY=/usr/bin/python3   # system python: pyftpdlib comes from Debian, not from any pyenv/venv

# -------------------------------------------------------------------------------------- user + data
if ! id "$FTP_USER" >/dev/null 2>&1; then
  useradd --home-dir "$DATA_DIR" --no-create-home --shell /bin/bash "$FTP_USER"
fi
usermod --home "$DATA_DIR" "$FTP_USER" >/dev/null 2>&1 || true
echo "$FTP_USER:$FTP_PASS" | chpasswd
grep -qx /bin/bash /etc/shells || echo /bin/bash >>/etc/shells   # pam_shells
chown "$FTP_USER:$FTP_USER" "$DATA_DIR"
chmod 755 "$DATA_DIR"

make_file() { # name bytes
  local f=$DATA_DIR/$1
  if [[ ! -f $f ]] || [[ $(stat -c %s "$f") -ne $2 ]]; then
    log "generating $1 ($2 bytes)"
    timeout 300 head -c "$2" /dev/urandom >"$f.tmp"
    mv "$f.tmp" "$f"
  fi
  chown "$FTP_USER:$FTP_USER" "$f"
}
make_file "$BIG_NAME" "$BIG"
make_file file10m.bin $((10 << 20))
make_file file1m.bin $((1 << 20))
rm -f "$DATA_DIR"/up-*

if [[ ! -s $TLSDIR/cert.pem || ! -s $TLSDIR/key.pem ]]; then
  timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TLSDIR/key.pem" -out "$TLSDIR/cert.pem" \
    -days 30 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 >/dev/null 2>&1
fi
chmod 600 "$TLSDIR/key.pem"

# -------------------------------------------------------------------------------------------- build
BENCH_BIN=$WORK/bench-bin
log "building the load generator"
timeout 600 dotnet build "$ROOT/bench/AspNetFtp.Bench" -c Release -o "$BENCH_BIN" -nologo -v q >"$LOGS/build-bench.log" 2>&1 ||
  { cat "$LOGS/build-bench.log" >&2; exit 1; }
BENCH=(dotnet "$BENCH_BIN/AspNetFtp.Bench.dll")

# AspNetFtp is built into its own output folder so that a concurrent build in the tree cannot
# replace the binaries under a running server.
HOST_BIN=$WORK/aspnetftp-bin
HOST_DLL=$HOST_BIN/AspNetFtp.Host.dll
if wanted aspnetftp || wanted aspnetftp-tls; then
  log "building AspNetFtp (Release)"
  if ! timeout 600 dotnet build "$ROOT/src/AspNetFtp.Host" -c Release -o "$HOST_BIN" -nologo -v q >"$LOGS/build-host.log" 2>&1; then
    log "AspNetFtp build FAILED (see $LOGS/build-host.log); AspNetFtp is not measured"
    NOTE[aspnetftp]="build failed"; NOTE[aspnetftp-tls]="build failed"
  fi
fi

# -------------------------------------------------------------------------------------- servers
wait_banner() { # name port pid -> 0 when a 220 banner is read
  local i
  for i in $(seq 1 120); do
    if ! kill -0 "$3" 2>/dev/null; then return 1; fi
    if [[ $(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$2; head -c 3 <&3" 2>/dev/null) == 220 ]]; then return 0; fi
    sleep 0.5
  done
  return 1
}

write_vsftpd_conf() { # name port pasv tls
  local conf=$WORK/$1.conf lo=${3%-*} hi=${3#*-}
  mkdir -p /var/run/vsftpd/empty
  cat >"$conf" <<EOF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$2
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
dirmessage_enable=NO
xferlog_enable=NO
connect_from_port_20=NO
pasv_enable=YES
pasv_min_port=$lo
pasv_max_port=$hi
max_clients=2000
max_per_ip=2000
use_sendfile=YES
secure_chroot_dir=/var/run/vsftpd/empty
pam_service_name=vsftpd
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
idle_session_timeout=600
data_connection_timeout=300
EOF
  if [[ $4 -eq 1 ]]; then
    cat >>"$conf" <<EOF
ssl_enable=YES
allow_anon_ssl=NO
force_local_data_ssl=YES
force_local_logins_ssl=YES
implicit_ssl=NO
ssl_tlsv1=YES
ssl_sslv2=NO
ssl_sslv3=NO
require_ssl_reuse=NO
ssl_request_cert=NO
ssl_ciphers=HIGH
rsa_cert_file=$TLSDIR/cert.pem
rsa_private_key_file=$TLSDIR/key.pem
EOF
  else
    echo "ssl_enable=NO" >>"$conf"
  fi
  echo "$conf"
}

write_pyftpd() {
  cat >"$WORK/pyftpd.py" <<'EOF'
import logging, sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.log import config_logging
from pyftpdlib.servers import FTPServer

import os
user, home, port, pasv = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
password = os.environ["BENCH_FTP_PASS"]
lo, hi = (int(x) for x in pasv.split("-"))
config_logging(level=logging.WARNING)  # like vsftpd here: no per-command logging
auth = DummyAuthorizer()
auth.add_user(user, password, home, perm="elradfmwMT")
handler = FTPHandler
handler.authorizer = auth
handler.passive_ports = range(lo, hi + 1)
handler.masquerade_address = None
handler.use_sendfile = True
handler.banner = "pyftpdlib ready"
server = FTPServer(("127.0.0.1", port), handler, backlog=1024)
server.max_cons = 2000
server.max_cons_per_ip = 0
print("pyftpdlib listening on 127.0.0.1:%d" % port, flush=True)
server.serve_forever()
EOF
}

start_server() { # name
  local name=$1 port=${PORT[$1]} pasv=${PASV[$1]} logf=$LOGS/$1.log
  case $name in
    vsftpd|vsftpd-tls)
      local conf; conf=$(write_vsftpd_conf "$name" "$port" "$pasv" "${TLS[$name]}")
      setsid "$VSFTPD" "$conf" >"$logf" 2>&1 </dev/null &
      ;;
    pyftpdlib)
      write_pyftpd
      BENCH_FTP_PASS=$FTP_PASS setsid "$PY" "$WORK/pyftpd.py" "$FTP_USER" "$DATA_DIR" "$port" "$pasv" >"$logf" 2>&1 </dev/null &
      ;;
    aspnetftp|aspnetftp-tls)
      if [[ -n ${NOTE[$name]:-} ]]; then return 1; fi
      local hash
      hash=$(printf '%s' "$FTP_PASS" | timeout 60 dotnet "$HOST_DLL" hashpassword 2>>"$logf" | tail -n 1 | tr -d '\r\n') || true
      if [[ -z $hash ]]; then NOTE[$name]="hashpassword failed"; return 1; fi
      local tlsargs=()
      [[ ${TLS[$name]} -eq 1 ]] && tlsargs=(--certfile "$TLSDIR/cert.pem" --keyfile "$TLSDIR/key.pem")
      env FtpServer__Users__0__Name="$FTP_USER" \
        FtpServer__Users__0__PasswordHash="$hash" \
        FtpServer__Users__0__HomeDirectory="$DATA_DIR" \
        FtpServer__Users__0__Permissions=elradfmwMT \
        FtpServer__Limits__MaxConnections=1000 \
        FtpServer__Limits__MaxConnectionsPerIp=1000 \
        setsid dotnet "$HOST_DLL" ftpserver "127.0.0.1:$port" --passive-ports "$pasv" "${tlsargs[@]}" >"$logf" 2>&1 </dev/null &
      ;;
  esac
  PID[$name]=$!
  if wait_banner "$name" "$port" "${PID[$name]}"; then
    log "$name up on 127.0.0.1:$port (pid ${PID[$name]}, passive $pasv)"
  else
    log "$name did not come up; last log lines:"; tail -n 20 "$logf" >&2 || true
    NOTE[$name]="did not start"
    return 1
  fi
}

SERVERS=()
for s in "${ALL_SERVERS[@]}"; do
  if wanted "$s"; then
    if start_server "$s"; then SERVERS+=("$s"); fi
  fi
done

if [[ $SERVE -eq 1 ]]; then
  for s in "${SERVERS[@]}"; do echo "$s: 127.0.0.1:${PORT[$s]} tls=${TLS[$s]} pid=${PID[$s]}"; done
  echo "user $FTP_USER, password in $PASSFILE, data in $DATA_DIR. Ctrl-C stops (max 1 h)."
  sleep 3600 &
  wait $! || true
  exit 0
fi

# ------------------------------------------------------------------------------------- measuring
: >"$RAW"
emit() { echo "$*" >>"$RAW"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{if(NR==0){print "nan"}else{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}}'; }
url() { echo "ftp://127.0.0.1:${PORT[$1]}/$2"; }

# CPU time (utime+stime+cutime+cstime, ticks) of a server's process tree: vsftpd's session processes count
# while they live and, once reaped, in their parent's cutime/cstime.
tree_ticks() { # pid
  local p t=0 g
  g=$(ps -o pgid= -p "$1" 2>/dev/null | tr -d ' ')
  for p in $( { [[ -n $g ]] && pgrep -g "$g"; } || echo "$1"); do
    t=$((t + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$t"
}
declare -A CPU=()
curl_once() { # name retr|stor -> prints bytes/s or "fail"; appends the server's CPU seconds per GiB to CPU[name/dir]
  local name=$1 dir=$2 tlsopt=() out before after
  [[ ${TLS[$name]} -eq 1 ]] && tlsopt=(--ssl-reqd -k)
  before=$(tree_ticks "${PID[$name]}")
  if [[ $dir == retr ]]; then
    out=$(timeout 200 curl -sS "${tlsopt[@]}" --connect-timeout 10 --max-time 180 -u "$FTP_USER:$FTP_PASS" \
      -o /dev/null -w '%{speed_download} %{size_download}' "$(url "$name" "$BIG_NAME")" 2>>"$LOGS/curl.log") || { echo fail; return; }
  else
    out=$(timeout 200 curl -sS "${tlsopt[@]}" --connect-timeout 10 --max-time 180 -u "$FTP_USER:$FTP_PASS" \
      -T "$DATA_DIR/$BIG_NAME" -w '%{speed_upload} %{size_upload}' "$(url "$name" "up-curl-$name.bin")" 2>>"$LOGS/curl.log") || { echo fail; return; }
    rm -f "$DATA_DIR/up-curl-$name.bin"
  fi
  if [[ ${out#* } != "$BIG" ]]; then echo fail; return; fi
  sleep 0.5   # vsftpd's session processes end and are reaped into cutime/cstime
  after=$(tree_ticks "${PID[$name]}")
  CPU[$name/$dir]+="$(awk -v t=$((after - before)) -v b="$BIG" 'BEGIN{printf "%.3f", t / 100 / (b / 1073741824)}') "
  echo "${out%% *}"
}

BENCH_SEQ=0
bench() { # name scenario args... ; RESULT lines go to $RAW, everything to the log
  local name=$1 scen=$2; shift 2
  BENCH_SEQ=$((BENCH_SEQ + 1))
  local tlsopt=() logf=$LOGS/$(printf '%02d' "$BENCH_SEQ")-$name-$scen.log limit=300
  [[ ${TLS[$name]} -eq 1 ]] && tlsopt=(--tls)
  log "$name: $scen $*"
  timeout $((limit + 30)) "${BENCH[@]}" "$scen" --host 127.0.0.1 --port "${PORT[$name]}" --user "$FTP_USER" \
    --password "$FTP_PASS" --server-pid "${PID[$name]}" --label "$name" --duration-limit "$limit" "${tlsopt[@]}" "$@" \
    >"$logf" 2>&1 || log "$name: $scen exited with $? (see $logf)"
  grep '^RESULT' "$logf" >>"$RAW" || true
  grep '^# ' "$logf" >&2 || true
  grep '^FAIL' "$logf" | head -n 3 >&2 || true
}

T_START=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')
alive() { kill -0 "${PID[$1]}" 2>/dev/null || { NOTE[$1]="server died"; log "$1: server process is gone"; return 1; }; }

# Servers are interleaved within each scenario (and within each repetition of the single-stream
# runs) so that background noise on the shared machine spreads over all of them alike.
# Every server has served a download and an upload before anything is timed, as a server in
# service has: the first transfer otherwise pays one-time costs (AspNetFtp's JIT) into a median of 3.
for s in "${SERVERS[@]}"; do
  alive "$s" || continue
  tlsopt=(); [[ ${TLS[$s]} -eq 1 ]] && tlsopt=(--ssl-reqd -k)
  timeout 60 curl -sS "${tlsopt[@]}" --max-time 50 -u "$FTP_USER:$FTP_PASS" -o /dev/null "$(url "$s" "$MIXED_NAME")" 2>>"$LOGS/curl.log" || true
  timeout 60 curl -sS "${tlsopt[@]}" --max-time 50 -u "$FTP_USER:$FTP_PASS" -T "$DATA_DIR/$MIXED_NAME" "$(url "$s" "up-warm-$s.bin")" 2>>"$LOGS/curl.log" || true
  rm -f "$DATA_DIR/up-warm-$s.bin"
done

declare -A SPEEDS=()
for dir in retr stor; do
  for r in $(seq 1 "$RUNS"); do
    for s in "${SERVERS[@]}"; do
      alive "$s" || continue
      curl_once "$s" "$dir" >"$LOGS/curl-once.out"
      v=$(cat "$LOGS/curl-once.out")
      log "$s: curl $dir $BIG_NAME run $r: $v B/s"
      [[ $v != fail ]] && SPEEDS[$s/$dir]+="$v "
    done
  done
  for s in "${SERVERS[@]}"; do
    read -r -a speeds <<<"${SPEEDS[$s/$dir]:-}"
    if [[ ${#speeds[@]} -gt 0 ]]; then
      m=$(median "${speeds[@]}")
      read -r -a cpus <<<"${CPU[$s/$dir]:-}"
      emit "RESULT scenario=curl-$dir server=$s tls=${TLS[$s]} size=$BIG runs=${#speeds[@]}/$RUNS MBps=$(awk -v b="$m" 'BEGIN{printf "%.1f", b/1e6}') all_Bps=$(IFS=,; echo "${speeds[*]}") cpu_s_per_gib=$(median "${cpus[@]}") all_cpu_s_per_gib=$(IFS=,; echo "${cpus[*]}")"
    else
      emit "RESULT scenario=curl-$dir server=$s tls=${TLS[$s]} size=$BIG runs=0/$RUNS MBps=nan"
    fi
  done
done

each() { # scenario args... : run against every server still alive
  local s
  for s in "${SERVERS[@]}"; do
    alive "$s" || continue
    bench "$s" "$@"
    rm -f "$DATA_DIR"/up-*
  done
}
each retr --sessions 1 --size "$BIG" --file "$BIG_NAME"
each stor --sessions 1 --size "$BIG" --file up-b1
# All sessions connect at once (a burst), then again with at most $RAMP connecting at a time.
each login-idle --sessions "$IDLE_SESSIONS" --ramp 0
each login-idle --sessions "$IDLE_SESSIONS" --ramp "$RAMP"
# Concurrent transfers: logins ramped, then every session starts its transfer at the same instant.
each retr --sessions "$CONC_SESSIONS" --size "$CONC_SIZE" --file "$CONC_NAME" --ramp "$RAMP"
each stor --sessions "$CONC_SESSIONS" --size "$CONC_SIZE" --file up-c --ramp "$RAMP"
# Mixed: a burst of sessions, each login + LIST + RETR, no ramp.
each mixed --sessions "$MIXED_SESSIONS" --size "$MIXED_SIZE" --file "$MIXED_NAME" --ramp 0
each logins --logins "$LOGINS" --parallel "$PARALLEL" --phase-limit "$LOGIN_PHASE"
for s in "${SERVERS[@]}"; do alive "$s" || true; done
T_END=$(date +%s)

# ------------------------------------------------------------------------------------------ report
NOTES=""
for s in "${!NOTE[@]}"; do NOTES+="$s=${NOTE[$s]};"; done
{
  echo "ENV date=$(date -u +%FT%TZ) mode=$MODE runs=$RUNS cpus=$(nproc) kernel=$(uname -r) duration_s=$((T_END - T_START)) loadavg_start=$LOAD_START loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
  echo "ENV vsftpd=$(dpkg-query -W -f '${Version}' vsftpd 2>/dev/null) pyftpdlib=$(dpkg-query -W -f '${Version}' python3-pyftpdlib 2>/dev/null) curl=$(curl --version | awk 'NR==1{print $2}') dotnet=$(dotnet --version) commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)"
  echo "ENV data_dir=$DATA_DIR notes=$NOTES"
} >>"$RAW"

$PY "$ROOT/bench/report.py" "$RAW" >"$OUT_MD"
cat "$OUT_MD"
log "wrote $OUT_MD (raw: $RAW, logs: $LOGS)"
