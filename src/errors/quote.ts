import { BaseError } from './base.js';

/** The TDX quote interface failed or answered something unusable. */
export class QuoteSourceError extends BaseError {
  override name = 'QuoteSourceError';
  constructor(source: string, reason: string, options?: { cause?: unknown }) {
    super('QUOTE_SOURCE_FAILED', `quote source ${source} failed`, reason, options);
  }
}

/** Codes of {@link CollateralFileError}. */
export type CollateralFileErrorCode =
  | 'COLLATERAL_FILE_INVALID'
  | 'COLLATERAL_FIELD_INVALID'
  | 'COLLATERAL_EXPIRED'
  | 'COLLATERAL_NOT_YET_VALID';

/**
 * An operator's collateral file cannot be uploaded: unreadable, a field missing or
 * malformed (`field` names it), or outside its validity window at the chain's time.
 */
export class CollateralFileError extends BaseError {
  override name = 'CollateralFileError';
  constructor(
    code: CollateralFileErrorCode,
    readonly field: string,
    reason: string,
  ) {
    super(code, `collateral ${field}`, reason);
  }
}
