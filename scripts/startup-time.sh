#!/usr/bin/env bash
# Measures a published host's start-up: process start until the FTP port greets with 220, N runs (default 10), and
# prints the median, min and max in ms and the median resident memory (VmRSS) right after the greeting.
#   scripts/startup-time.sh PUBLISH_DIR [RUNS] [PORT]
# PUBLISH_DIR holds either AspNetFtp.Host (self-contained, run directly) or only AspNetFtp.Host.dll (run with dotnet).
# Every run serves `ftpserver 127.0.0.1:PORT` on the SQLite default in one scratch directory, migrated by a first,
# unmeasured run: what a restart by a process manager costs. Extra environment (DOTNET_gcServer=1 ...) is passed on.
set -euo pipefail

publish_dir=$(cd "${1:?usage: scripts/startup-time.sh PUBLISH_DIR [RUNS] [PORT]}" && pwd)
runs=${2:-10}
port=${3:-15060}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [ -f "$publish_dir/AspNetFtp.Host" ] && [ ! -f "$publish_dir/libhostfxr.so" ]; then
    # An apphost beside a framework-dependent publish: run the dll with dotnet, as the guide does.
    command=(dotnet "$publish_dir/AspNetFtp.Host.dll")
elif [ -f "$publish_dir/AspNetFtp.Host" ]; then
    command=("$publish_dir/AspNetFtp.Host")
else
    command=(dotnet "$publish_dir/AspNetFtp.Host.dll")
fi

timeout 600 python3 - "$scratch" "$runs" "$port" "${command[@]}" <<'PY'
import os, signal, socket, statistics, subprocess, sys, time

scratch, runs, port, command = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
argv = command + ["ftpserver", f"127.0.0.1:{port}"]

def greet(deadline):
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                if s.recv(3) == b"220":
                    return True
        except OSError:
            pass
        time.sleep(0.005)
    return False

def run():
    start = time.monotonic()
    p = subprocess.Popen(argv, cwd=scratch, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not greet(start + 120):
            raise SystemExit(f"no 220 within 120 s: {' '.join(argv)}")
        elapsed = (time.monotonic() - start) * 1000
        rss = next(int(l.split()[1]) for l in open(f"/proc/{p.pid}/status") if l.startswith("VmRSS:"))
        return elapsed, rss
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(60)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()

run()  # migrates the SQLite default and creates the first administrator; not measured
samples = [run() for _ in range(runs)]
times = [t for t, _ in samples]
print(f"{' '.join(command)}: start to 220, {runs} runs: median {statistics.median(times):.0f} ms "
      f"(min {min(times):.0f}, max {max(times):.0f}); VmRSS median {statistics.median([r for _, r in samples]) / 1024:.0f} MiB")
PY
