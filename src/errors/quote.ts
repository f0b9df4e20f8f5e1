import { BaseError } from './base.js';

/** The TDX quote interface failed or answered something unusable. */
export class QuoteSourceError extends BaseError {
  override name = 'QuoteSourceError';
  constructor(source: string, reason: string, options?: { cause?: unknown }) {
    super('QUOTE_SOURCE_FAILED', `quote source ${source} failed`, reason, options);
  }
}
