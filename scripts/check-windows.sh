#!/usr/bin/env bash
# Does skyview still build for Windows? From Linux, with Debian's packages
# (docs/windows.md, docs/testing.md). Usage: scripts/check-windows.sh [--wine]
#
# 1. Installs the toolchain's packages when missing (as root; `apt-get update` only
#    when the install needs it), and Wine's too with --wine.
# 2. Checks every target (lib, bin, tests, benches) for x86_64-pc-windows-gnu, warnings
#    denied. Steps 1 and 2 are what CI runs: 4.5 minutes measured from a fresh
#    machine, on 2 cores that other builds were sharing.
# 3. When Wine is there: builds skyview.exe for x86_64-win7-windows-gnu (the target
#    Wine 8 runs) and runs `--version`, `config path`, `config init`, and `get`
#    against the Linux binary's `demo-server`: John Doe found (exit 0), an unknown
#    box id (exit 3); `pop` with no window (exit 6) and, with tmux, into an
#    interactive skyview.exe (--demo) whose screen then shows John Doe. About 3
#    minutes more, Wine's install included: past CI's budget.
#
# Everything goes to target/windows-check: Debian's toolchain never mixes its
# artefacts with rustup's in target/. Exits non-zero at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

TOOLCHAIN=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64)
# `wine` is the launcher; wine64 the 64-bit loader. Recommends (32-bit Wine, fonts, …)
# are not needed for a console program and would double the install time.
WINE=()
case "${1:-}" in
    --wine) WINE=(wine64 wine) ;;
    "") ;;
    *)
        echo "usage: $0 [--wine]" >&2
        exit 2
        ;;
esac
TARGET_DIR=target/windows-check

fail() {
    echo "check-windows: FAILED: $*" >&2
    exit 1
}

# Says how long the step just done took, for keeping an eye on CI time.
step=$SECONDS
took() {
    echo "   ($((SECONDS - step)) s)"
    step=$SECONDS
}

missing() {
    local package
    for package in "$@"; do
        dpkg-query -W -f='${db:Status-Status}\n' "$package" 2>/dev/null | grep -qx installed ||
            echo "$package"
    done
}

echo "== Windows: packages"
mapfile -t need < <(missing "${TOOLCHAIN[@]}" "${WINE[@]+"${WINE[@]}"}")
if [ "${#need[@]}" -gt 0 ] && [ "$(id -u)" -eq 0 ]; then
    echo "installing ${need[*]}"
    apt_install() {
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${need[@]}" >/dev/null
    }
    # A fresh machine may have no package lists yet, or stale ones.
    apt_install || { apt-get update -qq && apt_install; } || fail "cannot install ${need[*]}"
elif [ "${#need[@]}" -gt 0 ]; then
    echo "missing ${need[*]}; as root: apt-get install --no-install-recommends ${need[*]}" >&2
    [ -z "$(missing "${TOOLCHAIN[@]}")" ] || fail "no Windows toolchain"
fi
took

# Debian's toolchain by full path: rustup's cargo stays first on PATH (and runs with
# none of these variables). The standard library is built from its source
# (-Zbuild-std, allowed on a stable compiler by RUSTC_BOOTSTRAP). Dependencies' lints
# are capped by cargo, so -D warnings denies skyview's own warnings only. The dev
# profile without debug info or incremental state: the quickest build to run under
# Wine, and the check and the build share their proc-macros and build scripts.
debian_cargo() {
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 RUSTFLAGS="-D warnings" \
        CARGO_PROFILE_DEV_DEBUG=false CARGO_PROFILE_DEV_INCREMENTAL=false \
        /usr/bin/cargo "$1" --locked -Zbuild-std=std,panic_abort --target-dir "$TARGET_DIR" "${@:2}"
}

echo "== Windows: cargo check --all-targets (x86_64-pc-windows-gnu)"
debian_cargo check --target x86_64-pc-windows-gnu --all-targets ||
    fail "skyview no longer compiles for Windows"
took

if ! command -v wine >/dev/null; then
    echo "== Windows: no Wine (--wine installs it): skyview.exe not run"
    exit 0
fi

echo "== Windows: skyview.exe under Wine (x86_64-win7-windows-gnu)"
# ring's C code needs the compiler named for this triple.
CC_x86_64_win7_windows_gnu=x86_64-w64-mingw32-gcc AR_x86_64_win7_windows_gnu=x86_64-w64-mingw32-ar \
    debian_cargo build --target x86_64-win7-windows-gnu --bin skyview ||
    fail "skyview.exe does not build"
took
exe=$TARGET_DIR/x86_64-win7-windows-gnu/debug/skyview.exe
# The Linux binary serves the demo; CI's `cargo test` has already built it.
cargo build --locked --quiet --bin skyview
linux=target/debug/skyview

WINEPREFIX=$(mktemp -d)
export WINEPREFIX WINEDEBUG=-all
demo_pid=
cleanup() {
    [ -z "$demo_pid" ] || kill "$demo_pid" 2>/dev/null || true
    tmux -S "$WINEPREFIX/tmux.sock" kill-server 2>/dev/null || true
    wineserver -k 2>/dev/null || true
    rm -rf "$WINEPREFIX"
}
trap cleanup EXIT
coproc DEMO { exec "$linux" demo-server; }
demo_pid=$DEMO_PID
read -r -t 30 base_url <&"${DEMO[0]}" || fail "the demo server did not start"
echo "demo server at $base_url"
# A new prefix takes Wine some seconds and some chatter: not part of any check.
wineboot --init >/dev/null 2>&1 || true

# expect CODE TEXT ARGS…: skyview.exe ARGS… exits with CODE and prints TEXT
# (standard output and error together).
expect() {
    local code=$1 text=$2 output status=0
    shift 2
    output=$(wine "$exe" "$@" 2>&1) || status=$?
    printf '%s\n' "$output" | sed 's/^/  | /'
    [ "$status" -eq "$code" ] || fail "skyview.exe $*: exit $status, expected $code"
    grep -qF -- "$text" <<<"$output" || fail "skyview.exe $*: no \"$text\" in its output"
}

# The demo's published sample credentials (docs/demo.md).
export SKYPOSTAL_USER_CODE=396 SKYPOSTAL_APP_KEY=1656d700707ad9a77f737e5df3db088a
export SKYPOSTAL_CUSTOMER_KEY='YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw='

expect 0 "skyview $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)" --version
SKYVIEW_CONFIG='' expect 0 'AppData\Roaming\skyview\config.toml' config path
SKYVIEW_CONFIG='' expect 0 'wrote' config init
expect 0 "John Doe" get --base-url "$base_url" --box-id 811111
expect 3 "no customer found" get --base-url "$base_url" --box-id 899999
took

# skyview pop. Wine 8 cannot list the pipes in \\.\pipe\ (os error 66, "Bad device
# type"), which a pop without --env does to find the windows running: under Wine a
# pop names its window's environment. No window: exit 6 after a second of retrying.
expect 6 "no skyview window is running for this user in environment demo" \
    pop --env demo --box-id 1
if command -v tmux >/dev/null; then
    # A real window: the interactive skyview.exe in a tmux pane of its own server
    # (Wine's console draws it through the pane's tty), logging to a file, which
    # says when it listens and what a pop did.
    window_log=$WINEPREFIX/window.log
    tmux_socket=$WINEPREFIX/tmux.sock
    tmux -S "$tmux_socket" -f /dev/null new-session -d -x 120 -y 40 \
        -e "WINEPREFIX=$WINEPREFIX" -e WINEDEBUG=-all \
        "wine '$exe' --demo --log-file '$(winepath -w "$window_log")'"
    # waits_for TEXT FILE|pane: up to 60 s (Wine starts a window in seconds).
    waits_for() {
        local deadline=$((SECONDS + 60))
        until if [ "$2" = pane ]; then
            tmux -S "$tmux_socket" capture-pane -p -t 0 2>/dev/null | grep -qF -- "$1"
        else
            grep -qF -- "$1" "$2" 2>/dev/null
        fi; do
            [ "$SECONDS" -lt "$deadline" ] || return 1
            sleep 0.2
        done
    }
    waits_for "listening for pops" "$window_log" || fail "the window never listened for pops"
    expect 0 "" pop --env demo --email johndoe@email.com
    waits_for "lookup answered" "$window_log" || fail "the pop's lookup was never answered"
    waits_for "JOHNDOE@EMAIL.COM" pane || fail "John Doe never showed in the window"
    sed 's/^/  log | /' "$window_log"
    tmux -S "$tmux_socket" send-keys -t 0 C-c
    took
else
    echo "== Windows: no tmux: no pop into a running skyview.exe"
fi
echo "== Windows: all good"
