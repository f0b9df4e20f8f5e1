#!/usr/bin/env bash
# Rebuilds every committed chain artifact: runtime wasm, metadata, raw chain specs,
# the source hash, and the chain-types augmentation.
#
#   npm run chain:build
#
# Needs scripts/setup-rust-wasm.sh once (it is run here). Slow: a full wasm build of
# the runtime takes tens of minutes on two cores.
set -euo pipefail
source "$(dirname "$0")/chain-env.sh"
cd "$CUSTOS_ROOT"

bash scripts/setup-rust-wasm.sh

echo "[chain-build] building the runtime wasm (target dir $CARGO_TARGET_DIR)"
# A debug native build runs the wasm builder (which always builds the wasm in release);
# it reuses the debug dependencies the pallet tests compile anyway.
( cd chain && cargo build -p custos-runtime )

# The outer build is a dev build, so the wasm builder leaves the blob uncompacted and
# uncompressed; Chopsticks and nodes accept an uncompressed `:code`.
wasm="$CARGO_TARGET_DIR/debug/wbuild/custos-runtime/custos_runtime.wasm"
[ -f "$wasm" ] || { echo "[chain-build] no wasm at $wasm" >&2; exit 1; }
mkdir -p chain/artifacts
cp "$wasm" chain/artifacts/custos_runtime.wasm
echo "[chain-build] wasm: $(stat -c %s chain/artifacts/custos_runtime.wasm) bytes"

npx tsx scripts/build-chain-specs.ts
npx tsx scripts/chain-source-hash.ts --write
npx tsx scripts/generate-chain-types.ts
echo "[chain-build] done"
