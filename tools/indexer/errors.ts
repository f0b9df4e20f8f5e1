import { BaseError } from '../../src/errors/base.js';

/** An indexer runner option is missing or malformed (bad endpoint, DB URL, port, window). */
export class IndexerConfigError extends BaseError {
  override name = 'IndexerConfigError';
  constructor(details: string) {
    super('INDEXER_CONFIG', 'invalid indexer configuration', details);
  }
}

/** The SubQuery project is not installed or does not build. */
export class IndexerBuildError extends BaseError {
  override name = 'IndexerBuildError';
  constructor(details: string, options?: { cause?: unknown }) {
    super('INDEXER_BUILD', 'the SubQuery project is not built', details, options);
  }
}

/** A part of the indexer (PostgreSQL, chain, node, query service) did not come up. */
export class IndexerStartError extends BaseError {
  override name = 'IndexerStartError';
  constructor(part: string, details: string, options?: { cause?: unknown }) {
    super('INDEXER_START', `indexer ${part} did not start`, details, options);
  }
}
