import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { type HpkeKeyPair, hpkeOpen } from '../crypto/hpke.js';
import { combineShares } from '../crypto/shamir.js';
import { NoAssignmentError, NotEnoughProvidersError } from '../errors/owner.js';
import { releaseAad, releaseRequestPayload, TAGS } from '../protocol/messages.js';
import { postJson, providerEndpoint } from './providers.js';

/** Parameters of {@link recoverKek}. */
export interface RecoverKekParameters {
  /** The owner's TSS account. */
  owner: string;
  /** The incarnation the chain just recorded for it. */
  incarnation: number;
  /** The ephemeral recovery key the chain recorded (its private half stays here). */
  recovery: HpkeKeyPair;
  /** The restart key (signs the requests). */
  restartKey: KeyringPair;
  /**
   * Shares already received for this incarnation, by confirmed epoch and provider, kept across calls: a
   * provider releases once per incarnation, so a retry asks only the others. The caller
   * zeroises them when done.
   */
  received?: Map<string, Uint8Array>;
}

/**
 * Flow 3, after the chain confirmed the restart attestation: asks every holder of the
 * confirmed epoch in parallel, opens each share with the recovery key, and combines the
 * first `t`. Throws {@link NotEnoughProvidersError} naming each failed provider and why
 * when fewer than `t` answer (callers retry with backoff; nothing local is touched).
 *
 * @example
 * const kek = await recoverKek(api, { owner, incarnation: 1, recovery, restartKey });
 */
export async function recoverKek(api: ApiPromise, p: RecoverKekParameters): Promise<Uint8Array> {
  const state = await api.query.backups.assignments(p.owner);
  if (state.isNone) throw new NoAssignmentError(p.owner);
  const a = state.unwrap();
  const threshold = a.confirmedThreshold.toNumber();
  const genesis = api.genesisHash.toU8a();
  const failures: { provider: string; reason: string }[] = [];
  const received = p.received ?? new Map<string, Uint8Array>();
  const shares = (
    await Promise.all(
      a.confirmedProviders.map(async (holder) => {
        const provider = holder.toString();
        const key = `${a.confirmedEpoch.toNumber()}/${provider}`;
        const kept = received.get(key);
        if (kept) return kept;
        try {
          const target = await providerEndpoint(api, provider);
          if (!target) throw new Error('not registered');
          const signature = p.restartKey.sign(
            releaseRequestPayload(genesis, p.owner, p.incarnation, p.recovery.publicKey, provider),
          );
          const body = (await postJson(`${target.endpoint}/v1/backup-provider/release`, {
            owner: p.owner,
            incarnation: p.incarnation,
            recoveryPublicKey: u8aToHex(p.recovery.publicKey),
            signature: u8aToHex(signature),
          })) as { enc: string; ciphertext: string };
          const share = await hpkeOpen(
            p.recovery.privateKey,
            { enc: hexToU8a(body.enc), ciphertext: hexToU8a(body.ciphertext) },
            TAGS.releaseInfo,
            releaseAad(p.owner, p.incarnation, provider),
            `share from ${provider}`,
          );
          received.set(key, share);
          return share;
        } catch (error) {
          failures.push({
            provider,
            reason: error instanceof Error ? error.message : String(error),
          });
          return undefined;
        }
      }),
    )
  ).filter((x) => x !== undefined);
  if (shares.length < threshold || threshold < 1)
    throw new NotEnoughProvidersError('recovery', threshold, failures);
  const kek = await combineShares(shares.slice(0, threshold));
  for (const s of shares) s.fill(0);
  received.clear();
  return kek;
}
