/** Types of docker/omni-node-spec.js (plain JavaScript: it runs in a stock node image). */

/** Relay chain id written into the spec; only a label in dev-seal mode. */
export declare const DEV_RELAY_CHAIN: string;

/** Parachain id written into the spec; only feeds omni-node's mocked relay-chain data. */
export declare const DEV_PARA_ID: number;

/**
 * Returns a copy of `spec` with `relay_chain` and `para_id` set; every other key, and the
 * genesis in particular, is kept as it is. Throws when `spec` is not a raw chain spec.
 */
export declare function forOmniNode(spec: unknown): Record<string, unknown>;
