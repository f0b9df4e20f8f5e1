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

/** A one-line reason for logs (codes and messages only, never key material). */
export function describe(error: unknown): string {
  if (error instanceof BaseError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
