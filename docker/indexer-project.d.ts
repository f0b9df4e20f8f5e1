/** Types of docker/indexer-project.js (plain JavaScript: it runs in a stock node image). */

/**
 * Returns `manifest` (project.yaml text) with its `chainId:` line set to `genesisHash`;
 * every other line is kept. Throws on a malformed hash or a manifest without the line.
 */
export declare function withChainId(manifest: string, genesisHash: string): string;

/** The genesis hash of the chain at `url` (`chain_getBlockHash(0)` over HTTP JSON-RPC). */
export declare function genesisHashOf(url: string, fetchImpl?: typeof fetch): Promise<string>;
