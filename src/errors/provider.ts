import { BaseError } from './base.js';

/** Why a provider refused a request. `status` is the HTTP status the route answers. */
export class ProviderRefusalError extends BaseError {
  override name = 'ProviderRefusalError';
  constructor(
    code:
      | 'NOT_ASSIGNED'
      | 'BAD_SIGNATURE'
      | 'UNKNOWN_OWNER'
      | 'NO_ATTESTATION'
      | 'WRONG_RECOVERY_KEY'
      | 'STALE_ATTESTATION'
      | 'SUPERSEDED_INCARNATION'
      | 'NOT_A_CONFIRMED_HOLDER'
      | 'NO_SHARE'
      | 'UNDECRYPTABLE_SHARE'
      | 'MALFORMED_SHARE'
      | 'EPOCH_CONFIRMED'
      | 'TOO_MANY_OFFERS'
      | 'CHAIN_NOT_READ'
      | 'CONFIRMED_AFTER_RESTART',
    readonly status: 401 | 403 | 404 | 409 | 422 | 503,
    details: string,
  ) {
    // A refusal answers a peer; where in this code it was raised is of no use to anyone,
    // and capturing it is a good part of what a forged request costs.
    const depth = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code, 'request refused', details);
    Error.stackTraceLimit = depth;
  }
}
