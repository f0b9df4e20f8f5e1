// custos defines no types beyond what the runtime metadata describes; the lookup types
// are generated from chain/artifacts/metadata.json by scripts/generate-chain-types.ts.
export {};
