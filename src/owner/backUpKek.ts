import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { confirmEpoch } from '../chain/confirmEpoch.js';
import { hpkeSeal } from '../crypto/hpke.js';
import { splitSecret } from '../crypto/shamir.js';
import { NoAssignmentError, NotEnoughProvidersError } from '../errors/owner.js';
import { shareAad, shareOfferPayload, TAGS } from '../protocol/messages.js';
import { postJson, providerEndpoint } from './providers.js';

/** Parameters of {@link backUpKek}. */
export interface BackUpKekParameters {
  /** The owner's TSS key. */
  owner: KeyringPair;
  /** The key-encryption key to split. */
  kek: Uint8Array;
  /** Store version to anchor with the confirmation. */
  storeVersion: bigint;
  /** Called once t acknowledgements are in, before the confirmation is submitted. */
  onAcknowledged?: () => void;
}

/** What the chain confirmed. */
export interface BackUpKekReturnType {
  epoch: number;
  holders: string[];
}

/**
 * Flow 2: splits the KEK t-of-n over the owner's chain-assigned providers, sends each its
 * share sealed with HPKE to its registered x25519 key and signed by the owner, collects the
 * signed acknowledgements, and confirms the epoch on chain. Uses the open epoch, or the
 * next one (KEK rotation) when nothing is pending. Throws {@link NotEnoughProvidersError}
 * naming every provider that failed when fewer than `t` acknowledge.
 *
 * @example
 * const { epoch } = await backUpKek(api, { owner: tssKey, kek, storeVersion: 3n });
 */
export async function backUpKek(
  api: ApiPromise,
  p: BackUpKekParameters,
): Promise<BackUpKekReturnType> {
  const state = await api.query.backups.assignments(p.owner.address);
  if (state.isNone) throw new NoAssignmentError(p.owner.address);
  const a = state.unwrap();
  const pending = a.epoch.toNumber() > a.confirmedEpoch.toNumber();
  const epoch = pending ? a.epoch.toNumber() : a.epoch.toNumber() + 1;
  const providers = a.providers.map((x) => x.toString());
  const threshold = a.threshold.toNumber();
  const shares = await splitSecret(p.kek, providers.length, threshold);
  const genesis = api.genesisHash.toU8a();
  const failures: { provider: string; reason: string }[] = [];
  const acks = (
    await Promise.all(
      providers.map(async (provider, i) => {
        try {
          const target = await providerEndpoint(api, provider);
          if (!target) throw new Error('not registered');
          const sealed = await hpkeSeal(
            target.x25519PublicKey,
            shares[i]!,
            TAGS.shareInfo,
            shareAad(p.owner.address, epoch, provider),
          );
          const signature = p.owner.sign(
            shareOfferPayload(
              genesis,
              p.owner.address,
              epoch,
              provider,
              sealed.enc,
              sealed.ciphertext,
            ),
          );
          const ack = (await postJson(`${target.endpoint}/v1/backup-provider/shares`, {
            owner: p.owner.address,
            epoch,
            enc: u8aToHex(sealed.enc),
            ciphertext: u8aToHex(sealed.ciphertext),
            signature: u8aToHex(signature),
          })) as { provider: string; shareCommitment: string; signature: string };
          return {
            provider,
            shareCommitment: hexToU8a(ack.shareCommitment),
            signature: hexToU8a(ack.signature),
          };
        } catch (error) {
          failures.push({
            provider,
            reason: error instanceof Error ? error.message : String(error),
          });
          return undefined;
        } finally {
          shares[i]!.fill(0);
        }
      }),
    )
  ).filter((x) => x !== undefined);
  if (acks.length < threshold) throw new NotEnoughProvidersError('backup', threshold, failures);
  p.onAcknowledged?.();
  const { holders } = await confirmEpoch(api, {
    owner: p.owner,
    epoch,
    storeVersion: p.storeVersion,
    acks,
  });
  return { epoch, holders };
}
