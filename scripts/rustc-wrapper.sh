#!/usr/bin/env bash
# RUSTC_WRAPPER for chain builds.
#
# dcap-qvl declares `crate-type = ["cdylib", "staticlib", "rlib"]` for its bindings, and
# Cargo builds every declared crate type of a dependency. On wasm32v1-none the cdylib
# and staticlib cannot link (no allocator, no panic handler: the runtime provides those),
# so for that one crate on that one target we ask rustc for the rlib only. Everything
# else passes through unchanged.
rustc="$1"; shift
is_wasm=0; is_dcap=0
for arg in "$@"; do
  case "$arg" in
    wasm32v1-none|--target=wasm32v1-none) is_wasm=1 ;;
    dcap_qvl) is_dcap=1 ;;
  esac
done
if [ "$is_wasm" = 1 ] && [ "$is_dcap" = 1 ]; then
  [ -n "${CUSTOS_WRAPPER_LOG:-}" ] && printf "%s\n" "$*" >> "$CUSTOS_WRAPPER_LOG"
  args=(); skip=0
  for arg in "$@"; do
    if [ "$skip" = 1 ]; then
      skip=0
      [ "$arg" = rlib ] && args+=(--crate-type rlib)
      continue
    fi
    if [ "$arg" = --crate-type ]; then skip=1; continue; fi
    args+=("$arg")
  done
  exec "$rustc" "${args[@]}"
fi
exec "$rustc" "$@"
