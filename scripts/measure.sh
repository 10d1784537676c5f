#!/usr/bin/env bash
# Measures skyview's whole-program performance budget against the built-in demo server
# and prints a Markdown table: min / median / max over several runs.
#
#   scripts/measure.sh [--runs N] [--idle SECONDS] [--binary PATH]
#
# Needs tmux and python3 (Debian packages tmux and python3) and Linux /proc; talks to
# 127.0.0.1 only; takes about 28 s per run with the default 10 s idle windows. Without
# --binary it measures target/release/skyview after `cargo build --release` (always:
# `cargo bench` leaves a binary of its own profile at that path, and the build puts
# the release one back in a fraction of a second when nothing changed).
# scripts/measure.py says how each row is measured.
# Exit status: 0 every row met, 1 some row missed, 2 could not measure.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5
idle=10
build=1
binary=target/release/skyview
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --idle) idle="$2"; shift 2 ;;
        --binary) binary="$2"; build=0; shift 2 ;;
        *) echo "usage: $0 [--runs N] [--idle SECONDS] [--binary PATH]" >&2; exit 2 ;;
    esac
done
for tool in tmux python3; do
    command -v "$tool" >/dev/null || { echo "measure: needs $tool (apt-get install $tool)" >&2; exit 2; }
done
if [ "$build" = 1 ]; then
    cargo build --release --locked
fi
[ -x "$binary" ] || { echo "measure: no binary at $binary" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/skyview-measure.XXXXXX")"
cleanup() {
    # Whatever measure.py left behind: its private tmux server, then the servers it
    # started (their PIDs only), then the scratch folder.
    tmux -S "$work/tmux.sock" kill-server 2>/dev/null || true
    if [ -f "$work/pids" ]; then
        while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$work/pids"
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
# A bound on the whole measurement, whatever happens inside.
timeout --signal=TERM 1200 python3 scripts/measure.py --binary "$binary" \
    --socket "$work/tmux.sock" --pids "$work/pids" --runs "$runs" --idle "$idle"
