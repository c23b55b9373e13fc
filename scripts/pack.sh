#!/usr/bin/env bash
# Packs the NuGet packages (each src/ project whose IsPackable is true: AspNetFtp.Protocol,
# AspNetFtp.Identity, AspNetFtp.Webhooks, AspNetFtp.Storage.S3, AspNetFtp.Storage.Azure, AspNetFtp.Admin) in Release into OUTPUT_DIR (default artifacts/packages), each as a .nupkg and its
# .snupkg symbols, and prints the produced files, one path a line.
#   scripts/pack.sh [OUTPUT_DIR]                  version 0.1.0
#   VERSION=1.2.3 scripts/pack.sh [OUTPUT_DIR]
# The build is deterministic (ContinuousIntegrationBuild: paths under the checkout mapped to /_/, so the
# same commit packs to byte-identical assemblies in any folder) and runs in a folder of its own,
# artifacts/pack-build, emptied before and removed after: it never touches the bin/ and obj/ of a
# developer's or a test run's build, and nothing left over from one changes what is packed. That folder
# lies inside the checkout on purpose (a folder outside it would not be mapped, and its name would end
# up in the assemblies); so two packs of one checkout must not run at the same time.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en

output_dir=${1:-artifacts/packages}
mkdir -p "$output_dir"
output_dir=$(cd "$output_dir" && pwd)

build_dir="$repo_root/artifacts/pack-build"
rm -rf "$build_dir"
trap 'rm -rf "$build_dir"' EXIT

properties=(-p:ContinuousIntegrationBuild=true)
if [ -n "${VERSION:-}" ]; then
    properties+=("-p:Version=$VERSION")
fi

projects=()
candidates=()
# The engine first, then the libraries on it, the admin (which references them) last: each library's package is
# then built by its own pack, never first as another project's reference.
for name in AspNetFtp.Protocol AspNetFtp.Identity AspNetFtp.Webhooks AspNetFtp.Storage.S3 AspNetFtp.Storage.Azure AspNetFtp.Admin; do
    [ -f "$repo_root/src/$name/$name.csproj" ] && candidates+=("$repo_root/src/$name/$name.csproj")
done
for project in "$repo_root"/src/*/*.csproj; do
    case " ${candidates[*]} " in *" $project "*) ;; *) candidates+=("$project") ;; esac
done
for project in "${candidates[@]}"; do
    if [ "$(dotnet msbuild "$project" -nologo -getProperty:IsPackable)" = "true" ]; then
        projects+=("$project")
    fi
done
if [ "${#projects[@]}" -eq 0 ]; then
    echo "pack.sh: no packable project under src/" >&2
    exit 1
fi

# Only this run's packages in the folder: an old version left there would be printed as if produced now.
rm -f "$output_dir"/*.nupkg "$output_dir"/*.snupkg

for project in "${projects[@]}"; do
    dotnet pack "$project" -c Release -nologo -v:q \
        --artifacts-path "$build_dir" \
        -o "$output_dir" \
        "${properties[@]}" >&2
done

shopt -s nullglob
produced=("$output_dir"/*.nupkg "$output_dir"/*.snupkg)
if [ "${#produced[@]}" -eq 0 ]; then
    echo "pack.sh: no package was produced in $output_dir" >&2
    exit 1
fi
printf '%s\n' "${produced[@]}"
