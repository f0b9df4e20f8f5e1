import { describe, expect, it } from 'vitest';
import {
  ChainError,
  DispatchFailedError,
  TransactionRejectedError,
} from '../../src/chain/errors.js';

describe('chain errors', () => {
  it('carry stable codes and readable messages', () => {
    const rejected = new TransactionRejectedError('attestation.StaleBlock', 'too old');
    expect(rejected.code).toBe('TX_REJECTED');
    expect(rejected.message).toBe('transaction rejected: attestation.StaleBlock: too old');
    expect(rejected).toBeInstanceOf(ChainError);
    const failed = new DispatchFailedError('registry.InvalidEndpoint', 'not http');
    expect(failed.code).toBe('DISPATCH_FAILED');
    expect(failed.palletError).toBe('registry.InvalidEndpoint');
  });
});
