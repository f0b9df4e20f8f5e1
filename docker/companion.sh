#!/bin/sh
# One custos companion in docker-compose.yml (dev only).
#
# First boot of a data volume: `custos init` (keys, sealed store, Register quote; the first
# KEK goes to /dev/shm, this container's private tmpfs) and `custos register`, paid by the
# dev operator DEV_OPERATOR_URI. Every boot then `exec`s `custos start`, which takes the KEK
# from /dev/shm or, after a restart, recovers it from the chain-assigned providers.
# init, register and start run in one container because the KEK hand-off must stay in
# memory: a second container would not see this container's /dev/shm.
set -eu

: "${CUSTOS_DATA_DIR:?CUSTOS_DATA_DIR is required}"
: "${DEV_OPERATOR_URI:?DEV_OPERATOR_URI is required (dev operator key URI, e.g. //Alice//stash)}"

if [ ! -f "$CUSTOS_DATA_DIR/registration.json" ]; then
  custos init
fi

# Whether the chain has our TSS account registered (a `register` that timed out may still
# have been included: retrying it would then fail with AlreadyRegistered).
registered() {
  custos status --json 2>/dev/null | grep -q '"registered": true'
}

if [ ! -f "$CUSTOS_DATA_DIR/registered" ]; then
  # Retry here rather than exit: a container restart would lose the KEK hand-off in /dev/shm.
  attempt=1
  until registered || custos register --operator-uri "$DEV_OPERATOR_URI"; do
    if [ "$attempt" -ge 5 ]; then
      echo "custos register failed $attempt times; giving up" >&2
      exit 1
    fi
    attempt=$((attempt + 1))
    sleep 5
  done
  touch "$CUSTOS_DATA_DIR/registered"
fi

exec custos start
