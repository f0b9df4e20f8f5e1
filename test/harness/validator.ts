/**
 * A dev validator for tests: operator key, fresh TSS account, restart key and x25519
 * key, and helpers that build correctly bound mock quotes for it.
 */
import type { ApiPromise } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a } from '@polkadot/util';
import { mnemonicGenerate, randomAsU8a } from '@polkadot/util-crypto';
import { type Acknowledgement, ackPayload, signPayload } from '../../src/chain/backupPayloads.js';
import { registerValidator } from '../../src/chain/registerValidator.js';
import { hpkeSeal } from '../../src/crypto/hpke.js';
import {
  releaseAad,
  releaseStatementPayload,
  sealedHash,
  TAGS,
} from '../../src/protocol/messages.js';
import { buildMockQuote, type MockQuoteOptions } from '../../src/quote/mockQuote.js';
import { computeReportData, type ReportDataContext } from '../../src/quote/reportData.js';

/** A block the quote binds. */
export interface BlockRef {
  number: number;
  hash: string;
}

/** The chain's best block. */
export async function bestBlock(api: ApiPromise): Promise<BlockRef> {
  const header = await api.rpc.chain.getHeader();
  return { number: header.number.toNumber(), hash: header.hash.toHex() };
}

/** Keys of one test validator. */
export class TestValidator {
  readonly tss: KeyringPair;
  readonly restart: KeyringPair;
  readonly x25519: Uint8Array;

  constructor(
    readonly operator: KeyringPair,
    x25519?: Uint8Array,
  ) {
    const keyring = new Keyring({ type: 'sr25519' });
    this.tss = keyring.addFromMnemonic(mnemonicGenerate());
    this.restart = keyring.addFromMnemonic(mnemonicGenerate());
    this.x25519 = x25519 ?? randomAsU8a(32);
  }

  /** A mock quote binding this validator's values for `context`. */
  quote(
    api: ApiPromise,
    context: ReportDataContext,
    block: BlockRef,
    incarnation: number,
    publicKey: Uint8Array,
    options: MockQuoteOptions = {},
  ): Uint8Array {
    return buildMockQuote(
      computeReportData({
        context,
        genesisHash: api.genesisHash.toU8a(),
        tssAccount: this.tss.publicKey,
        publicKey,
        restartKey: this.restart.publicKey,
        incarnation,
        blockNumber: block.number,
        blockHash: hexToU8a(block.hash),
      }),
      options,
    );
  }
}

/** The dev operator accounts funded by the development preset. */
export function devOperator(
  name: 'Alice' | 'Bob' | 'Charlie' | 'Dave' | 'Eve' | 'Ferdie',
): KeyringPair {
  return new Keyring({ type: 'sr25519' }).addFromUri(`//${name}`);
}

/** Registers `validator` through the registry with a correctly bound dev quote. */
export async function registerTestValidator(
  api: ApiPromise,
  validator: TestValidator,
  endpoint = 'http://127.0.0.1:1',
  incarnation = 0,
) {
  const block = await bestBlock(api);
  await registerValidator(api, {
    operator: validator.operator,
    tssAccount: validator.tss.address,
    x25519PublicKey: validator.x25519,
    endpoint,
    restartKey: validator.restart.publicKey,
    quote: validator.quote(api, 'register', block, incarnation, validator.x25519),
    genesisHash: api.genesisHash.toHex(),
    block,
  });
}

/**
 * The acknowledgement `provider` at `providerIncarnation` (0: as registered) signs for a
 * share of `owner`'s `epoch` (a random share commitment unless given), as a companion
 * provider would return it.
 */
export function signedAck(
  api: ApiPromise,
  owner: TestValidator,
  provider: TestValidator,
  epoch: number,
  providerIncarnation = 0,
  shareCommitment: Uint8Array = randomAsU8a(32),
): Acknowledgement {
  return {
    provider: provider.tss.address,
    providerIncarnation,
    shareCommitment,
    signature: signPayload(
      provider.tss,
      ackPayload(api, owner.tss.address, epoch, providerIncarnation, shareCommitment),
    ),
  };
}

/**
 * {@link signedAck} at the provider's current incarnation on chain, as a live provider
 * acknowledges (the chain refuses an acknowledgement of an earlier incarnation).
 */
export async function currentAck(
  api: ApiPromise,
  owner: TestValidator,
  provider: TestValidator,
  epoch: number,
  shareCommitment?: Uint8Array,
): Promise<Acknowledgement> {
  const record = await api.query.attestation.attestations(provider.tss.address);
  const incarnation = record.isSome ? record.unwrap().incarnation.toNumber() : 0;
  return signedAck(api, owner, provider, epoch, incarnation, shareCommitment);
}

/**
 * A release `provider` signs, as a companion provider would send it: `held` (of its own
 * choosing, right or wrong) sealed to `recipientKey` and the signed release statement
 * naming `commitment`.
 */
export async function signedRelease(
  api: ApiPromise,
  p: {
    provider: TestValidator;
    owner: string;
    incarnation: number;
    epoch: number;
    recipientKey: Uint8Array;
    commitment: Uint8Array;
    held: Uint8Array;
  },
): Promise<{ enc: Uint8Array; ciphertext: Uint8Array; signature: Uint8Array }> {
  const provider = p.provider.tss.address;
  const sealed = await hpkeSeal(
    p.recipientKey,
    p.held,
    TAGS.releaseInfo,
    releaseAad(p.owner, p.incarnation, p.epoch, provider),
  );
  const signature = p.provider.tss.sign(
    releaseStatementPayload(
      api.genesisHash.toU8a(),
      provider,
      p.owner,
      p.incarnation,
      p.recipientKey,
      p.epoch,
      p.commitment,
      sealedHash(sealed.enc, sealed.ciphertext),
    ),
  );
  return { ...sealed, signature };
}
