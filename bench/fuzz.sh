#!/usr/bin/env bash
# Fuzzing: the CsCheck properties of tests/AspNetFtp.Protocol.Tests/Fuzzing (command line decoder and split, path
# resolver, PORT/EPRT parsers, listing formatters) for --seconds each (or --count inputs each), and the network fuzzer
# (random and mutated command sequences against an in-process server on 127.0.0.1) with many sequences.
# Prints inputs tried and failures per target, the total, and the network run's memory before/after.
# Bounded by --minutes (default 30); a target cut off by the bound is not counted.
#
#   bash bench/fuzz.sh [--seconds N per property | --count N per property] [--sequences N] [--minutes N] [--seed S]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count=0
seconds=60
sequences=20000
minutes=30
seed=""
while [ $# -gt 0 ]; do
    case $1 in
        --count) count=$2; seconds=0; shift 2 ;;
        --seconds) seconds=$2; count=0; shift 2 ;;
        --sequences) sequences=$2; shift 2 ;;
        --minutes) minutes=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        *) echo "usage: bash bench/fuzz.sh [--seconds N | --count N] [--sequences N] [--minutes N] [--seed S]" >&2; exit 1 ;;
    esac
done
[ "$minutes" -ge 1 ] && [ "$minutes" -le 600 ] || { echo "--minutes must be 1..600" >&2; exit 1; }

report=$(mktemp /tmp/aspnetftp-fuzz.XXXXXX.tsv)
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

log "building the test project"
timeout 900 dotnet build tests/AspNetFtp.Protocol.Tests -c Release -nologo -v:q >/dev/null

if [ "$count" -gt 0 ]; then per="$count inputs"; else per="$seconds s"; fi
log "fuzzing: $per per property, $sequences network sequences, at most $minutes min"
status=0
FTP_FUZZ_COUNT=$count FTP_FUZZ_SECONDS=$seconds FTP_NETFUZZ_COUNT=$sequences FTP_FUZZ_SEED=$seed FTP_FUZZ_REPORT=$report \
    timeout "$((minutes * 60))" dotnet test tests/AspNetFtp.Protocol.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~AspNetFtp.Protocol.Tests.Fuzzing" --logger "console;verbosity=normal" || status=$?

printf '\n%-45s %12s %9s  %s\n' target inputs failures "seed / notes"
awk -F'\t' '{ printf "%-45s %12d %9d  %s %s\n", $1, $2, $3, $4, $5; total += $2; fails += $3 }
    END { printf "%-45s %12d %9d\n", "TOTAL", total, fails }' "$report"
[ "$status" -eq 124 ] && log "cut off by the $minutes min bound: the table counts only the targets that finished"
log "report kept in $report"
exit "$status"
