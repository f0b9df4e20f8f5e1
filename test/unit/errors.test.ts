import { describe, expect, it } from 'vitest';
import {
  ChainError,
  DispatchFailedError,
  TransactionRejectedError,
} from '../../src/chain/errors.js';
import { ProviderRefusalError } from '../../src/errors/provider.js';

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

describe('provider refusals', () => {
  it('carry their code, status and reason, but no stack frames, and leave stack capture as it was', () => {
    const before = Error.stackTraceLimit;
    const refusal = new ProviderRefusalError('BAD_SIGNATURE', 401, 'not signed by the owner');
    expect(refusal.code).toBe('BAD_SIGNATURE');
    expect(refusal.status).toBe(401);
    expect(refusal.message).toBe('request refused: not signed by the owner');
    expect(refusal.stack?.split('\n')).toEqual([
      'ProviderRefusalError: request refused: not signed by the owner',
    ]);
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('other').stack?.split('\n').length).toBeGreaterThan(1);
  });
});
