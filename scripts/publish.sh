#!/usr/bin/env bash
# Publishes the host (src/AspNetFtp.Host) in Release for one Linux runtime into artifacts/publish/<rid>-<kind>/:
#   scripts/publish.sh [--rid linux-x64] [--self-contained] [--r2r] [--no-restore] [--output DIR]
#   (default)          framework-dependent: needs the ASP.NET Core 10 runtime on the machine; run `dotnet AspNetFtp.Host.dll`
#   --self-contained   the runtime included: run `./AspNetFtp.Host` on a machine without .NET
#   --r2r              ReadyToRun (precompiled) assemblies: a faster start for a bigger publish; with --self-contained
#                      the framework's own assemblies are already ReadyToRun, this adds the app's
#   --no-restore       use the packages a previous `dotnet restore -r <rid>` restored (the Dockerfile's restore layer)
# Prints the output directory and its size. docs/deployment.md has the sizes and start-up times measured.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rid=linux-x64
self_contained=false
r2r=false
restore=()
output=

while [ $# -gt 0 ]; do
    case "$1" in
        --rid) rid=${2:?--rid needs a runtime identifier, e.g. linux-x64}; shift 2 ;;
        --self-contained) self_contained=true; shift ;;
        --r2r) r2r=true; shift ;;
        --no-restore) restore=(--no-restore); shift ;;
        --output) output=${2:?--output needs a directory}; shift 2 ;;
        -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

kind=framework-dependent
if [ "$self_contained" = true ]; then kind=self-contained; fi
if [ "$r2r" = true ]; then kind="$kind-r2r"; fi
output=${output:-$repo_root/artifacts/publish/$rid-$kind}

rm -rf "$output"
dotnet publish "$repo_root/src/AspNetFtp.Host/AspNetFtp.Host.csproj" \
    -c Release -r "$rid" --self-contained "$self_contained" -p:PublishReadyToRun="$r2r" \
    "${restore[@]}" -o "$output" -nologo -v q
printf '%s\t%s\n' "$(du -sh "$output" | cut -f1)" "$output"
