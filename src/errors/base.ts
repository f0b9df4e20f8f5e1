/**
 * Base of every error the companion raises on purpose: a stable `code`, a short message
 * an operator can act on, optional details, and the cause. Messages never carry keys,
 * shares or plaintext.
 */
export class BaseError extends Error {
  override name = 'BaseError';
  constructor(
    readonly code: string,
    readonly shortMessage: string,
    readonly details?: string,
    options?: { cause?: unknown },
  ) {
    super(details ? `${shortMessage}: ${details}` : shortMessage, options);
  }
}
