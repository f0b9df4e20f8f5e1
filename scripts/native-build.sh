#!/usr/bin/env bash
# Builds the sr25519 addon (native/sr25519, a Node-API module over schnorrkel) and installs
# it as native/sr25519/custos-sr25519.node, where the companion looks for it
# (src/crypto/sr25519Native.ts). Prints that path as the last line of stdout; cargo's
# progress goes to stderr.
#
#   npm run native:build             # must build: fails when it cannot
#   bash scripts/native-build.sh --optional
#                                    # what `npm install` runs: without cargo, or when the
#                                    # build fails, says so and exits 0 (the companion then
#                                    # verifies and signs with schnorrkel in wasm, slower)
#
# Target dir: $CUSTOS_NATIVE_TARGET_DIR, default ~/.cache/custos-native-target (outside the
# repository). A warm rebuild is a no-op; a cold one takes about 20 s on two cores plus
# the crates' download. The binary is never committed (.gitignore).
set -euo pipefail
optional=0
case "${1:-}" in
  "") ;;
  --optional) optional=1 ;;
  *) echo "[native-build] unknown argument: $1 (only --optional)" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
crate="$root/native/sr25519"
out="$crate/custos-sr25519.node"

# An addon from an earlier build is removed when this one fails, so that what the
# companion loads is this source's addon or none (it then says it uses wasm).
give_up() {
  rm -f "$out"
  if [ "$optional" -eq 1 ]; then
    echo "[native-build] $1; the companion will use schnorrkel in wasm (about 8x slower per signature check). Build it later with: npm run native:build" >&2
    exit 0
  fi
  echo "[native-build] $1" >&2
  exit 1
}

# rustup's default install puts cargo here without always adding it to PATH.
if ! command -v cargo >/dev/null 2>&1 && [ -f "${HOME:-/nonexistent}/.cargo/env" ]; then
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
command -v cargo >/dev/null 2>&1 || give_up "no cargo on PATH (Rust stable via rustup builds it)"

export CARGO_TARGET_DIR="${CUSTOS_NATIVE_TARGET_DIR:-${HOME:-$root}/.cache/custos-native-target}"
# The chain's wrapper (scripts/chain-env.sh) is for the runtime's crates, not this one; the
# addon is built for the machine that runs the companion.
unset RUSTC_WRAPPER CARGO_BUILD_TARGET
cd "$crate"
cargo build --locked --release >&2 || give_up "cargo build of native/sr25519 failed (output above)"

case "$(uname -s)" in
  Darwin) built="$CARGO_TARGET_DIR/release/libcustos_sr25519_node.dylib" ;;
  *) built="$CARGO_TARGET_DIR/release/libcustos_sr25519_node.so" ;;
esac
[ -f "$built" ] || give_up "cargo built no library at $built"
# Replaced in one rename: a companion starting meanwhile loads the old file or the new one.
cp "$built" "$out.tmp.$$" && mv -f "$out.tmp.$$" "$out" ||
  { rm -f "$out.tmp.$$"; give_up "could not install $built as $out"; }
echo "[native-build] $out ($(rustc --version))" >&2
echo "$out"
