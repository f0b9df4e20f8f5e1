#!/usr/bin/env bash
# Builds the custos node (chain/node, binary `custos-node`) and prints the binary's path
# as the last line of stdout (cargo's progress goes to stderr).
#
#   npm run node:build      # dev profile, dependencies at opt-level 1
#
# Target dir: $CUSTOS_NODE_TARGET_DIR, default ~/.cache/custos-node-target (outside the
# repository, apart from the runtime's target dir so neither build invalidates the other).
#
# Profile: the dev profile with every dependency at opt-level 1 and no debug info (see
# chain/node/Cargo.toml). On a 2-core machine a release build takes about twice as long
# and buys little here: the runtime runs as wasm compiled by wasmtime at full speed in
# either profile, and a four-validator local network is far from the node's limits.
#
# The node never builds the runtime wasm (SKIP_WASM_BUILD=1): it runs the committed blob
# from chain/artifacts/ through the chain spec.
#
# CUSTOS_NODE_FEATURES adds cargo features (`runtime-benchmarks`: the `benchmark`
# subcommand, used by scripts/chain-bench.sh with a target dir of its own, so that the
# binary above is never replaced by one built differently).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CUSTOS_NODE_TARGET_DIR:-$HOME/.cache/custos-node-target}"
export SKIP_WASM_BUILD=1
# litep2p and libp2p generate their protobuf code at build time.
if ! command -v protoc >/dev/null && [ -z "${PROTOC:-}" ]; then
  echo "[node-build] installing protobuf-compiler (protoc)" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq protobuf-compiler >&2
fi
cd "$root/chain/node"
features=()
[ -z "${CUSTOS_NODE_FEATURES:-}" ] || features=(--features "$CUSTOS_NODE_FEATURES")
cargo build --locked --bin custos-node "${features[@]}" >&2
bin="$CARGO_TARGET_DIR/debug/custos-node"
[ -x "$bin" ] || { echo "[node-build] no binary at $bin" >&2; exit 1; }
echo "[node-build] $("$bin" --version)" >&2
echo "$bin"
