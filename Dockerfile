# custos images, one Dockerfile, five stages; docker-compose.yml builds two targets of it
# (see docs/deployment.md):
#
#   docker build --target node -t custos/node:0.1.0 .            # custos-node, the chain
#   docker build --target companion -t custos/companion:0.1.0 .  # the companion (default)
#
# Base images are pinned by exact version tag, not by digest: the registry is not reachable
# from the machine this file is written on, so no digest could be read or checked. Bump the
# tags deliberately, never to a moving one (`latest`, `1`, `bookworm`).
#
# BuildKit (the default builder since Docker Engine 23, and the only one of Compose v2)
# builds only the stages a target needs: building the companion skips the node's stages
# (it compiles only the small sr25519 addon). The legacy builder would build every stage
# before the target.

# --- custos-node: build -------------------------------------------------------------------
# The node (chain/node, its own Cargo workspace and lock file) exactly as
# `npm run node:build` (scripts/node-build.sh) builds it: `cargo build --locked` in the dev
# profile, whose settings chain/node/Cargo.toml sets (dependencies at opt-level 1, no debug
# info), with SKIP_WASM_BUILD=1: the node never builds the runtime wasm, it runs the
# committed blob in the raw chain specs of chain/artifacts/ (embedded for `--chain dev` and
# `--chain local`).
#
# rust 1.95.0 is the toolchain the node was first built with (2026-12). The full (not
# slim) image is buildpack-deps:bookworm, which has the C and C++ compilers, make and perl
# the build scripts need: OpenSSL built from source (openssl-src, through litep2p's
# WebRTC), wasm-opt (C++, a build dependency of the runtime crate even when the wasm build
# is skipped), lz4, zstd, ring, secp256k1. They are named again below so the requirement is
# written down; only protoc is missing (libp2p and litep2p generate protobuf code).
FROM rust:1.95.0-bookworm AS node-build

RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    protobuf-compiler g++ make perl \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /build
# Only what the node's build reads: the runtime crate and its workspace (for inherited
# manifest keys), the pallets, the primitives, the committed artifacts (include_bytes!) and
# the node crate. No target directories.
COPY chain/Cargo.toml ./chain/Cargo.toml
COPY chain/primitives ./chain/primitives
COPY chain/pallets ./chain/pallets
COPY chain/runtime ./chain/runtime
COPY chain/artifacts ./chain/artifacts
COPY chain/node/Cargo.toml chain/node/Cargo.lock ./chain/node/
COPY chain/node/src ./chain/node/src

ENV SKIP_WASM_BUILD=1 CARGO_TARGET_DIR=/build/target
RUN cd chain/node \
  && cargo build --locked --bin custos-node \
  && /build/target/debug/custos-node --version

# --- custos-node: runtime -----------------------------------------------------------------
# The binary alone on Debian 12 slim: the release the build stage links against (glibc
# 2.36), and 12.11 the point release the node was built and run on here. The binary needs
# libc, libm and libgcc_s only (OpenSSL is linked in). bash, part of the slim image, runs
# the compose health check.
FROM debian:12.11-slim AS node

RUN groupadd --system --gid 10001 custos \
  && useradd --system --uid 10001 --gid custos --home-dir /data --no-create-home \
    --shell /usr/sbin/nologin custos \
  && mkdir -p /data \
  && chown custos:custos /data

COPY --from=node-build /build/target/debug/custos-node /usr/local/bin/custos-node

USER custos
# A named volume mounted here starts with this directory's owner, so the node can write.
WORKDIR /data
# 9944 JSON-RPC/WebSocket, 30333 p2p, 9615 Prometheus (127.0.0.1 unless --prometheus-external).
EXPOSE 9944 30333 9615
ENTRYPOINT ["custos-node"]
CMD ["--help"]

# --- the sr25519 addon: build -------------------------------------------------------------
# native/sr25519 (schnorrkel behind Node-API) exactly as `npm run native:build`
# (scripts/native-build.sh) builds it: its own workspace and lock file, `cargo build --locked
# --release`. The same Rust image as the node, bookworm like the companion's base, so the
# addon links the glibc (2.36) the companion runs with. Only the crate's manifest, lock
# file, build script and sources are copied; no target directory, no built addon.
FROM rust:1.95.0-bookworm AS native-build

WORKDIR /build
COPY native/sr25519/Cargo.toml native/sr25519/Cargo.lock native/sr25519/build.rs ./native/sr25519/
COPY native/sr25519/src ./native/sr25519/src
ENV CARGO_TARGET_DIR=/build/target
RUN cd native/sr25519 \
  && cargo build --locked --release \
  && cp /build/target/release/libcustos_sr25519_node.so /build/custos-sr25519.node

# --- the companion: build ----------------------------------------------------------------
# Compiles the CLI (`tsc -p tsconfig.build.json`: src/ without its tests, and chain-types)
# into dist/. Every dependency is installed here, dev ones included (TypeScript); none of
# this stage but dist/ reaches the image.
#
# node:20 matches package.json's engines (>=20.19). `npm install` rather than `npm ci`, as in
# the README: the lock file lists only the linux-x64 builds of platform packages.
# `--ignore-scripts`: native modules come as prebuilt platform packages, and the package's
# own postinstall (the indexer's install) is not wanted.
FROM node:20.20.2-bookworm-slim AS companion-build

WORKDIR /build
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund --ignore-scripts

COPY tsconfig.json tsconfig.build.json ./
COPY chain-types ./chain-types
COPY src ./src
RUN node node_modules/typescript/bin/tsc -p tsconfig.build.json

# --- the companion (default target) -------------------------------------------------------
# The compiled `custos` CLI (package.json `bin`) and the production dependencies only
# (`--omit=dev`: no Chopsticks, embedded PostgreSQL, tsx or TypeScript), run by `node`.
FROM node:20.20.2-bookworm-slim AS companion

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

COPY --from=companion-build /build/dist/src ./dist/src
COPY --from=companion-build /build/dist/chain-types ./dist/chain-types
# Where src/crypto/sr25519Native.ts looks for it; the companion logs at start whether it
# verifies and signs with it (and would fall back to wasm without it).
COPY --from=native-build /build/custos-sr25519.node ./native/sr25519/custos-sr25519.node
COPY docker/companion.sh ./docker/companion.sh

# `custos <command>` anywhere in the container, e.g. `docker compose exec companion-alice
# custos status`: the package's bin, as `npm install` would link it.
RUN ln -s /app/dist/src/cli/main.js /usr/local/bin/custos \
  && chmod 0755 /app/dist/src/cli/main.js /app/docker/companion.sh \
  && mkdir -p /data \
  && chown node:node /data

USER node
ENV CUSTOS_DATA_DIR=/data
ENTRYPOINT ["custos"]
CMD ["--help"]
