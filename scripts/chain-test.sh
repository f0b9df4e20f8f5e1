#!/usr/bin/env bash
# Runs the chain crates' tests one by one, natively (no wasm build).
#
#   npm run chain:test
set -euo pipefail
source "$(dirname "$0")/chain-env.sh"
cd "$CUSTOS_ROOT/chain"
export SKIP_WASM_BUILD=1
for crate in custos-primitives pallet-custos-attestation pallet-custos-registry pallet-custos-backups custos-runtime; do
  echo "[chain-test] cargo test -p $crate"
  cargo test --locked -p "$crate"
done
