import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a, u8aConcat, u8aEq, u8aToHex } from '@polkadot/util';
import { decodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import type { Acknowledgement } from '../chain/backupPayloads.js';
import { confirmEpoch } from '../chain/confirmEpoch.js';
import { zeroize } from '../crypto/aead.js';
import { hpkeSeal } from '../crypto/hpke.js';
import { splitSecret } from '../crypto/shamir.js';
import { sr25519Signed } from '../crypto/signatures.js';
import { NoAssignmentError, NotEnoughProvidersError, PeerError } from '../errors/owner.js';
import {
  BLINDING_BYTES,
  chainAckPayload,
  shareAad,
  shareCommitment,
  shareOfferPayload,
  TAGS,
} from '../protocol/messages.js';
import { shareAckSchema } from '../routes/backup-provider/schemas.js';
import { ensureEscrowDeposit } from './coldRecovery.js';
import { postJsonChecked, providerEndpoint } from './providers.js';

/** Parameters of {@link backUpKek}. */
export interface BackUpKekParameters {
  /** The owner's TSS key. */
  owner: KeyringPair;
  /**
   * The owner's registered restart key (public), bound into its escrow deposits (needed
   * only when the network has an escrow committee).
   */
  restartKey?: Uint8Array;
  /** The key-encryption key to split. */
  kek: Uint8Array;
  /** Store version to anchor with the confirmation. */
  storeVersion: bigint;
  /** Called once t acknowledgements are in, before the confirmation is submitted. */
  onAcknowledged?: () => void;
  /** Called once this call's escrow deposit is in a block, before the confirmation. */
  onEscrowed?: () => void;
  /**
   * Shares (share ‖ blinding) of `kek` already sent, by epoch and provider set, kept by the
   * caller for as long as `kek` is the same: a retry resends the same shares (same
   * commitments), so providers do not fill up with candidates of one epoch. The caller
   * zeroises them when `kek` changes. Without it, shares are zeroised after the call.
   */
  sent?: Map<string, Uint8Array[]>;
  /**
   * (epoch, committee generation) pairs `kek` is already escrowed for, kept by the caller
   * with `sent`: a retried round does not deposit again.
   */
  escrowed?: Set<string>;
}

/** What the chain confirmed. */
export interface BackUpKekReturnType {
  epoch: number;
  holders: string[];
}

/**
 * Flow 2: splits the KEK t-of-n over the owner's chain-assigned providers and sends each
 * its share with a fresh blinding value, sealed with HPKE to its registered x25519 key and
 * signed by the owner. The owner computes each share's commitment itself; a provider's
 * acknowledgement counts only if it names that commitment and the provider's current
 * incarnation on chain, and carries the provider's valid signature, so the chain records
 * for every holder a commitment to exactly the share the owner gave it. Confirms the epoch
 * on chain. Uses the open epoch, or the next one (KEK rotation) when nothing is pending.
 * Throws {@link NotEnoughProvidersError} naming every provider that failed when fewer
 * than `t` acknowledge.
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
  const key = `${epoch}|${providers.join(',')}|${threshold}`;
  let heldShares = p.sent?.get(key);
  if (!heldShares) {
    const shares = await splitSecret(p.kek, providers.length, threshold);
    heldShares = shares.map((share) => u8aConcat(share, randomAsU8a(BLINDING_BYTES)));
    for (const share of shares) zeroize(share);
    p.sent?.set(key, heldShares);
  }
  const genesis = api.genesisHash.toU8a();
  const failures: { provider: string; reason: string }[] = [];
  const acks = (
    await Promise.all(
      providers.map(async (provider, i): Promise<Acknowledgement | undefined> => {
        const held = heldShares[i]!;
        try {
          const target = await providerEndpoint(api, provider);
          if (!target) throw new PeerError('PROVIDER_NOT_REGISTERED', 'not registered');
          const commitment = shareCommitment(genesis, p.owner.address, epoch, provider, held);
          const sealed = await hpkeSeal(
            target.x25519PublicKey,
            held,
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
          const ack = await postJsonChecked(
            `${target.endpoint}/v1/backup-provider/shares`,
            {
              owner: p.owner.address,
              epoch,
              enc: u8aToHex(sealed.enc),
              ciphertext: u8aToHex(sealed.ciphertext),
              signature: u8aToHex(signature),
            },
            shareAckSchema,
          );
          return await checkAck(api, p.owner.address, epoch, provider, commitment, ack);
        } catch (error) {
          failures.push({
            provider,
            reason: error instanceof Error ? error.message : String(error),
          });
          return undefined;
        } finally {
          if (!p.sent) zeroize(held);
        }
      }),
    )
  ).filter((x) => x !== undefined);
  if (acks.length < threshold) throw new NotEnoughProvidersError('backup', threshold, failures);
  p.onAcknowledged?.();
  // With an escrow committee the chain confirms no epoch whose KEK is not escrowed.
  const deposited = await ensureEscrowDeposit(api, {
    owner: p.owner,
    restartKey: p.restartKey,
    kek: p.kek,
    epoch,
    done: p.escrowed,
  });
  if (deposited) p.onEscrowed?.();
  const { holders } = await confirmEpoch(api, {
    owner: p.owner,
    epoch,
    storeVersion: p.storeVersion,
    acks,
  });
  return { epoch, holders };
}

/**
 * Verifies a provider's acknowledgement before the owner puts it on chain: from that
 * provider, for the commitment the owner computed, at the provider's current incarnation,
 * signed by the provider. One bad acknowledgement would make the chain refuse the whole
 * confirmation, so a provider cannot block an epoch by acknowledging badly.
 */
async function checkAck(
  api: ApiPromise,
  owner: string,
  epoch: number,
  provider: string,
  commitment: Uint8Array,
  ack: {
    provider: string;
    providerIncarnation: number;
    shareCommitment: string;
    signature: string;
  },
): Promise<Acknowledgement> {
  if (!u8aEq(decodeAddress(ack.provider), decodeAddress(provider)))
    throw new PeerError('ACK_WRONG_PROVIDER', 'acknowledgement names another provider');
  const acknowledged = hexToU8a(ack.shareCommitment);
  if (!u8aEq(acknowledged, commitment))
    throw new PeerError('ACK_WRONG_COMMITMENT', 'acknowledgement names another share commitment');
  const record = await api.query.attestation.attestations(provider);
  const current = record.isSome ? record.unwrap().incarnation.toNumber() : 0;
  if (ack.providerIncarnation !== current)
    throw new PeerError(
      'ACK_STALE_INCARNATION',
      `acknowledgement made at incarnation ${ack.providerIncarnation}, the chain records ${current}`,
    );
  const signature = hexToU8a(ack.signature);
  const payload = chainAckPayload(
    api.genesisHash.toU8a(),
    owner,
    epoch,
    ack.providerIncarnation,
    commitment,
  );
  if (!sr25519Signed(payload, signature, decodeAddress(provider)))
    throw new PeerError('ACK_BAD_SIGNATURE', 'acknowledgement signature is not the provider’s');
  return {
    provider,
    providerIncarnation: ack.providerIncarnation,
    shareCommitment: commitment,
    signature,
  };
}
