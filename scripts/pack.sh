#!/usr/bin/env bash
# Packs the NuGet packages (every packable project of AspNetFtp.slnx: src/AspNetFtp.Protocol and
# src/AspNetFtp.Identity) in Release into OUTPUT_DIR (default artifacts/packages), each as a .nupkg and
# its .snupkg symbols, and prints the produced files, one path a line.
#   scripts/pack.sh [OUTPUT_DIR]            version 0.1.0
#   VERSION=1.2.3 scripts/pack.sh [OUTPUT_DIR]
# The build is deterministic (ContinuousIntegrationBuild: source paths mapped to /_/), so the same commit
# packs to the same assemblies wherever it is checked out.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

output_dir=${1:-artifacts/packages}
mkdir -p "$output_dir"
output_dir=$(cd "$output_dir" && pwd)

version_args=()
if [ -n "${VERSION:-}" ]; then
    version_args=("-p:Version=$VERSION")
fi

# Only this run's packages in the folder: an old version left there would be printed as if produced now.
rm -f "$output_dir"/*.nupkg "$output_dir"/*.snupkg

dotnet pack "$repo_root/AspNetFtp.slnx" -c Release -nologo -v:q \
    -o "$output_dir" \
    -p:ContinuousIntegrationBuild=true \
    "${version_args[@]}"

shopt -s nullglob
produced=("$output_dir"/*.nupkg "$output_dir"/*.snupkg)
if [ "${#produced[@]}" -eq 0 ]; then
    echo "pack.sh: no package was produced in $output_dir" >&2
    exit 1
fi
printf '%s\n' "${produced[@]}"
