# Shared environment for chain builds; sourced by the other scripts.
# Build output lives outside the repository (override with CARGO_TARGET_DIR).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/custos-target}"
# The wasm runtime is built with Debian's rustc (see scripts/setup-rust-wasm.sh).
export WASM_BUILD_TOOLCHAIN="${WASM_BUILD_TOOLCHAIN:-debian-web}"
export WASM_BUILD_RUSTFLAGS="${WASM_BUILD_RUSTFLAGS:--C link-arg=--allow-undefined}"
export WASM_TARGET_DIRECTORY="${WASM_TARGET_DIRECTORY:-$CARGO_TARGET_DIR/wasm-out}"
CUSTOS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CUSTOS_ROOT
# The wasm builder works in a copy of the runtime crate under the target dir; point it
# back at our workspace so it uses our Cargo.lock.
export WASM_BUILD_WORKSPACE_HINT="${WASM_BUILD_WORKSPACE_HINT:-$CUSTOS_ROOT/chain}"
# Builds dcap-qvl as an rlib only on wasm (see rustc-wrapper.sh).
export RUSTC_WRAPPER="$CUSTOS_ROOT/scripts/rustc-wrapper.sh"
