# custos companion image (dev): the `custos` CLI run through tsx, exactly as `npm run custos`
# runs it. docker-compose.yml builds it for its companion services; see docs/deployment.md.
#
# node:20 matches package.json's engines (>=20.19). `npm install` rather than `npm ci`, as in
# the README: the lock file lists only the linux-x64 builds of platform packages. Dev
# dependencies are installed because tsx is one. `--ignore-scripts`: native modules the CLI
# loads (lmdb, esbuild for tsx) come as prebuilt platform packages; the only install script
# that would compile (sqlite3, for Chopsticks) needs a toolchain the slim image lacks and
# the companion never loads it.
FROM node:20.20.2-bookworm-slim

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund --ignore-scripts && npm cache clean --force

COPY tsconfig.json ./
COPY chain-types ./chain-types
COPY src ./src
COPY docker/companion.sh ./docker/companion.sh

# `custos <command>` anywhere in the container, e.g. `docker compose exec companion-alice
# custos status`.
RUN printf '#!/bin/sh\nexec node --import tsx /app/src/cli/main.ts "$@"\n' > /usr/local/bin/custos \
  && chmod 0755 /usr/local/bin/custos /app/docker/companion.sh \
  && mkdir -p /data \
  && chown node:node /data

USER node
ENV CUSTOS_DATA_DIR=/data
ENTRYPOINT ["custos"]
CMD ["--help"]
