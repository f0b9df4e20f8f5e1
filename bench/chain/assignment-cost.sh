#!/usr/bin/env bash
# Measures the backups pallet's session cost for 100 and 1,000 validators (native, test
# profile: dependencies at opt-level 1, the pallet unoptimised), and prints a Markdown
# table for docs/backups.md.
#
#   bash bench/chain/assignment-cost.sh
set -euo pipefail
source "$(dirname "$0")/../../scripts/chain-env.sh"
cd "$CUSTOS_ROOT/chain"
SKIP_WASM_BUILD=1 cargo test -q -p pallet-custos-backups assignment_cost_per_session -- --ignored --nocapture 2>/dev/null | grep '^|'
