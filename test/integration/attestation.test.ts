/**
 * The chain foundation end to end, on Chopsticks running the committed runtime:
 * registration with a mock quote, and the fee-free restart attestation.
 */
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRejectedError } from '../../src/chain/errors.js';
import { registerValidator } from '../../src/chain/registerValidator.js';
import { submitRestartAttestation } from '../../src/chain/submitRestartAttestation.js';
import { startChain, type TestChain } from '../harness/chain.js';
import { bestBlock, devOperator, TestValidator } from '../harness/validator.js';

describe('attestation on a real chain', () => {
  let chain: TestChain;
  let validator: TestValidator;

  beforeAll(async () => {
    await cryptoWaitReady();
    chain = await startChain({ preset: 'development', blockMode: 'Instant' });
    validator = new TestValidator(devOperator('Alice'));
  });

  afterAll(async () => {
    await chain?.close();
  });

  it('registers a validator whose mock quote verifies', async () => {
    const { api } = chain;
    const block = await bestBlock(api);
    await registerValidator(api, {
      operator: validator.operator,
      tssAccount: validator.tss.address,
      x25519PublicKey: validator.x25519,
      endpoint: 'http://127.0.0.1:9100',
      restartKey: validator.restart.publicKey,
      quote: validator.quote(api, 'register', block, 0, validator.x25519),
      genesisHash: api.genesisHash.toHex(),
      block,
    });
    const record = (await api.query.attestation.attestations(validator.tss.address)).unwrap();
    expect(record.incarnation.toNumber()).toBe(0);
    expect(record.recoveryKeysRoot.toU8a()).toEqual(validator.x25519);
    const server = (await api.query.registry.validators(validator.operator.address)).unwrap();
    expect(server.server.tssAccount.toU8a()).toEqual(validator.tss.publicKey);
    expect(server.server.endpoint.toUtf8()).toBe('http://127.0.0.1:9100');
  });

  it('a zero-balance account gets its restart attestation included for free', async () => {
    const { api } = chain;
    await chain.newBlocks(3); // MinRestartInterval
    const account = await api.query.system.account(validator.tss.address);
    expect(account.data.free.toBigInt()).toBe(0n);
    expect(account.nonce.toNumber()).toBe(0);

    const recovery = randomAsU8a(32);
    const block = await bestBlock(api);
    const result = await submitRestartAttestation(api, {
      tssAccount: validator.tss.address,
      incarnation: 1,
      recoveryKeysRoot: recovery,
      quote: validator.quote(api, 'restart', block, 1, recovery),
      genesisHash: api.genesisHash.toHex(),
      block,
      restartKey: validator.restart,
    });
    expect(result.incarnation).toBe(1);

    const events = await api.query.system.events.at(result.blockHash);
    const attested = events.find(({ event }) => api.events.attestation.RestartAttested.is(event));
    expect(attested).toBeDefined();
    const record = (await api.query.attestation.attestations(validator.tss.address)).unwrap();
    expect(record.incarnation.toNumber()).toBe(1);
    expect(record.recoveryKeysRoot.toU8a()).toEqual(recovery);
    expect(record.attestedAt.toNumber()).toBe(result.blockNumber);
    // Still no funds: nothing was charged.
    expect((await api.query.system.account(validator.tss.address)).data.free.toBigInt()).toBe(0n);
  });

  it('a bad quote never enters a block and the submitter learns why', async () => {
    const { api } = chain;
    await chain.newBlocks(3);
    const before = await bestBlock(api);
    const recovery = randomAsU8a(32);
    // The quote binds a different recovery key than the one submitted.
    const quote = validator.quote(api, 'restart', before, 2, randomAsU8a(32));
    const attempt = submitRestartAttestation(api, {
      tssAccount: validator.tss.address,
      incarnation: 2,
      recoveryKeysRoot: recovery,
      quote,
      genesisHash: api.genesisHash.toHex(),
      block: before,
      restartKey: validator.restart,
    });
    await expect(attempt).rejects.toBeInstanceOf(TransactionRejectedError);
    await expect(attempt).rejects.toMatchObject({ palletError: 'attestation.ReportDataMismatch' });
    expect((await bestBlock(api)).number).toBe(before.number);
    const record = (await api.query.attestation.attestations(validator.tss.address)).unwrap();
    expect(record.incarnation.toNumber()).toBe(1);
  });

  it('a second attestation for the same incarnation is refused', async () => {
    const { api } = chain;
    const block = await bestBlock(api);
    const recovery = randomAsU8a(32);
    const attempt = submitRestartAttestation(api, {
      tssAccount: validator.tss.address,
      incarnation: 1,
      recoveryKeysRoot: recovery,
      quote: validator.quote(api, 'restart', block, 1, recovery),
      genesisHash: api.genesisHash.toHex(),
      block,
      restartKey: validator.restart,
    });
    await expect(attempt).rejects.toMatchObject({ palletError: 'attestation.ReplayedAttestation' });
    expect(
      (await api.query.attestation.attestations(validator.tss.address))
        .unwrap()
        .incarnation.toNumber(),
    ).toBe(1);
  });

  it('an unregistered account is refused before any quote work', async () => {
    const { api } = chain;
    const stranger = new TestValidator(devOperator('Bob'));
    const block = await bestBlock(api);
    const recovery = randomAsU8a(32);
    const attempt = submitRestartAttestation(api, {
      tssAccount: stranger.tss.address,
      incarnation: 1,
      recoveryKeysRoot: recovery,
      quote: stranger.quote(api, 'restart', block, 1, recovery),
      genesisHash: api.genesisHash.toHex(),
      block,
      restartKey: stranger.restart,
    });
    await expect(attempt).rejects.toMatchObject({ palletError: 'attestation.NotRegistered' });
  });
});
