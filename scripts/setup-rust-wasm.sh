#!/usr/bin/env bash
# Installs the toolchain that builds the runtime to wasm32v1-none.
#
# The machine's rustup carries only the host target and no rust-src, and no other
# toolchain can be downloaded here. Debian's `rustc-web` ships a newer rustc together
# with the standard library's sources (and their vendored crates), so we build
# core/alloc/compiler_builtins for wasm32v1-none once, offline, drop the rlibs into
# Debian's sysroot, and link that sysroot into rustup as the `debian-web` toolchain.
# Native code keeps using rustup's stable toolchain.
#
# Idempotent: every step checks whether it is already done.
set -euo pipefail

SYSROOT=/usr
TARGET=wasm32v1-none
TARGET_LIB="$SYSROOT/lib/rustlib/$TARGET/lib"
SRC="$SYSROOT/lib/rustlib/src/rust/library"
TOOLCHAIN=debian-web

log() { printf '[setup-rust-wasm] %s\n' "$*"; }

need_pkgs=()
for p in rustc-web cargo-web rust-web-src rust-web-llvm lld-22; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=("$p")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}"
fi

# The rlibs must carry LLVM bitcode: the wasm builder links the runtime with LTO.
STAMP="$TARGET_LIB/.custos-built-with-bitcode"
if [ ! -f "$STAMP" ]; then
  rm -f "$TARGET_LIB"/lib*.rlib
  log "building core, alloc, compiler_builtins for $TARGET from $SRC"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/empty/src" "$work/empty/.cargo"
  cat > "$work/empty/Cargo.toml" <<'TOML'
[package]
name = "empty"
version = "0.0.0"
edition = "2021"
[lib]
crate-type = ["rlib"]
[profile.release]
panic = "abort"
TOML
  printf '#![no_std]\n' > "$work/empty/src/lib.rs"
  # Resolve the standard library's own dependencies from its vendored folder, offline.
  vendor=""
  for v in "$SRC/vendor" "$SRC/../vendor"; do [ -d "$v" ] && { vendor=$(cd "$v" && pwd -P); break; }; done
  [ -n "$vendor" ] || { log "no vendored crates next to $SRC"; exit 1; }
  cat > "$work/empty/.cargo/config.toml" <<TOML
[source.crates-io]
replace-with = "vendored"
[source.vendored]
directory = "$vendor"
TOML
  (
    cd "$work/empty"
    PATH="$SYSROOT/bin:$PATH" RUSTC_BOOTSTRAP=1 CARGO_HOME="$work/cargo-home" \
      RUSTFLAGS="-C embed-bitcode=yes" CARGO_PROFILE_RELEASE_LTO=false \
      RUSTC="$SYSROOT/bin/rustc" \
      "$SYSROOT/bin/cargo" build --offline --release --target "$TARGET" \
      -Zbuild-std=core,alloc --target-dir "$work/target"
  )
  mkdir -p "$TARGET_LIB"
  for c in core alloc compiler_builtins; do
    cp "$work/target/$TARGET/release/deps/lib${c}-"*.rlib "$TARGET_LIB/"
  done
  touch "$STAMP"
  log "installed rlibs into $TARGET_LIB"
fi

if ! rustup toolchain list | grep -q "^$TOOLCHAIN"; then
  log "linking rustup toolchain $TOOLCHAIN -> $SYSROOT"
  rustup toolchain link "$TOOLCHAIN" "$SYSROOT"
fi

log "ok: WASM_BUILD_TOOLCHAIN=$TOOLCHAIN ($("$SYSROOT/bin/rustc" --version))"
