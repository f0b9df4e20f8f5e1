#!/usr/bin/env bash
# Regenerates the custos pallets' weights.rs from their benchmarks.
#
#   npm run chain:bench                     # every custos pallet
#   npm run chain:bench -- registry backups # some of them (registry, attestation, backups)
#
# 1. Builds the runtime wasm with its `runtime-benchmarks` feature into its own target dir
#    (CUSTOS_BENCH_TARGET_DIR, default ~/.cache/custos-bench-target, seeded from the
#    runtime's target dir so the first build is incremental). That wasm serves the
#    `Benchmark` API and is never committed; the artifacts stay `npm run chain:build`'s.
# 2. Builds custos-node with its `runtime-benchmarks` feature (the `benchmark` subcommand)
#    into CUSTOS_NODE_BENCH_TARGET_DIR, default ~/.cache/custos-node-bench-target, seeded
#    from `npm run node:build`'s target dir. The node:build binary is left alone.
# 3. Runs `custos-node benchmark pallet --runtime <wasm>` for each pallet (genesis from the
#    runtime's `development` preset), writing chain/pallets/<pallet>/src/weights.rs with
#    chain/benchmarking/weight-template.hbs and header.txt.
#
# Steps and repeats default to 20 and 10 (BENCH_STEPS, BENCH_REPEAT): enough points for
# the linear fits on a 2-core machine in a few minutes per pallet. Run it on an otherwise
# idle machine: the figures are wall-clock measurements.
#
# Afterwards run `npm run chain:build` (the runtime uses the generated weights, so the
# wasm changes) and the pallet tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${BENCH_STEPS:-20}"
repeat="${BENCH_REPEAT:-10}"
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(registry attestation backups)

seed_dir() { # seed_dir <from> <to>: copy a target dir once, so the first build is incremental
  if [ ! -d "$2" ] && [ -d "$1" ]; then
    echo "[chain-bench] seeding $2 from $1" >&2
    cp -a "$1" "$2"
  fi
}

# 1. The benchmarking runtime (its own target dir: the wasm builder's output path does
#    not depend on features, so sharing chain:build's would mix the two wasms).
runtime_target="${CUSTOS_BENCH_TARGET_DIR:-$HOME/.cache/custos-bench-target}"
seed_dir "$HOME/.cache/custos-target" "$runtime_target"
(
  export CARGO_TARGET_DIR="$runtime_target"
  unset WASM_TARGET_DIRECTORY
  source "$root/scripts/chain-env.sh"
  bash "$root/scripts/setup-rust-wasm.sh" >&2
  echo "[chain-bench] building the runtime with runtime-benchmarks (target dir $CARGO_TARGET_DIR)" >&2
  cd "$root/chain"
  cargo build --locked -p custos-runtime --features runtime-benchmarks >&2
)
wasm="$runtime_target/debug/wbuild/custos-runtime/custos_runtime.wasm"
[ -f "$wasm" ] || { echo "[chain-bench] no wasm at $wasm" >&2; exit 1; }

# 2. The node with the `benchmark` subcommand.
node_target="${CUSTOS_NODE_BENCH_TARGET_DIR:-$HOME/.cache/custos-node-bench-target}"
seed_dir "${CUSTOS_NODE_TARGET_DIR:-$HOME/.cache/custos-node-target}" "$node_target"
echo "[chain-bench] building custos-node with runtime-benchmarks (target dir $node_target)" >&2
node="$(CUSTOS_NODE_TARGET_DIR="$node_target" CUSTOS_NODE_FEATURES=runtime-benchmarks bash "$root/scripts/node-build.sh" | tail -n 1)"

# 3. One pallet at a time, every benchmark of it.
cd "$root"
for pallet in "${pallets[@]}"; do
  crate="pallet_custos_${pallet}"
  out="chain/pallets/${pallet}/src/weights.rs"
  [ -f "$out" ] || { echo "[chain-bench] unknown pallet $pallet" >&2; exit 1; }
  echo "[chain-bench] $crate: $steps steps, $repeat repeats -> $out" >&2
  start=$(date +%s)
  "$node" benchmark pallet \
    --runtime "$wasm" \
    --genesis-builder-preset development \
    --pallet "$crate" --extrinsic '*' \
    --steps "$steps" --repeat "$repeat" \
    --template chain/benchmarking/weight-template.hbs \
    --header chain/benchmarking/header.txt \
    --output "$out"
  echo "[chain-bench] $crate done in $(( $(date +%s) - start )) s" >&2
done
echo "[chain-bench] done; now run npm run chain:build and the pallet tests" >&2
