import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aEq } from '@polkadot/util';
import { decodeAddress, signatureVerify } from '@polkadot/util-crypto';
import { hpkeOpen, hpkeSeal } from '../crypto/hpke.js';
import { ProviderRefusalError } from '../errors/provider.js';
import { crashPoint } from '../faults/crashPoints.js';
import type { Metrics } from '../metrics.js';
import {
  chainAckPayload,
  releaseAad,
  releaseRequestPayload,
  shareAad,
  shareCommitment,
  shareOfferPayload,
  TAGS,
} from '../protocol/messages.js';
import type { ProviderChainView } from './chainView.js';
import type { ShareVault } from './shareVault.js';

/** An owner's offer of a share (HPKE-sealed to this provider). */
export interface ShareOffer {
  owner: string;
  epoch: number;
  enc: Uint8Array;
  ciphertext: Uint8Array;
  /** Owner's TSS signature over `shareOfferPayload`. */
  signature: Uint8Array;
}

/** The acknowledgement the owner puts on chain. */
export interface ShareAck {
  provider: string;
  shareCommitment: Uint8Array;
  signature: Uint8Array;
}

/** A restarted owner's request for its share. */
export interface ReleaseRequest {
  owner: string;
  incarnation: number;
  recoveryPublicKey: Uint8Array;
  /** Restart-key signature over `releaseRequestPayload`. */
  signature: Uint8Array;
}

/** Dependencies of {@link BackupProvider}. */
export interface BackupProviderDeps {
  chain: ProviderChainView;
  /** This provider's TSS key (signs acknowledgements). */
  signer: KeyringPair;
  /** This provider's x25519 private key (opens shares sealed to it). */
  x25519PrivateKey: Uint8Array;
  vault: ShareVault;
  metrics: Metrics;
  /** An attestation older than this many blocks is stale. */
  releaseWindow: number;
  /** Called after a release, to record the receipt on chain. */
  onReleased?: (owner: string, incarnation: number) => void;
}

const refuse = (
  code: ConstructorParameters<typeof ProviderRefusalError>[0],
  status: ConstructorParameters<typeof ProviderRefusalError>[1],
  details: string,
) => new ProviderRefusalError(code, status, details);

/**
 * The provider side of backups: accepts shares only for owners the chain assigns to it in
 * that epoch, keeps them in memory, and releases one only under invariant I1: to the
 * recovery key of the owner's latest, chain-confirmed, still-fresh attestation, if this
 * provider holds a share of the owner's confirmed epoch. Every refusal is a
 * {@link ProviderRefusalError} with a code; nothing is released on any refusal.
 */
export class BackupProvider {
  #released = new Set<string>();
  readonly account: string;

  constructor(private readonly deps: BackupProviderDeps) {
    this.account = deps.signer.address;
    deps.metrics.define('custos_shares_accepted_total', 'Shares accepted from owners');
    deps.metrics.define('custos_shares_released_total', 'Shares released to restarted owners');
    deps.metrics.define('custos_requests_refused_total', 'Provider requests refused, by code');
  }

  #isSelf(account: string): boolean {
    return u8aEq(decodeAddress(account), this.deps.signer.publicKey);
  }

  #count<T>(work: () => Promise<T>): Promise<T> {
    return work().catch((error: unknown) => {
      if (error instanceof ProviderRefusalError) {
        this.deps.metrics.inc('custos_requests_refused_total', { code: error.code });
      }
      throw error;
    });
  }

  /** Checks and stores a share; returns the signed acknowledgement. */
  acceptShare(offer: ShareOffer): Promise<ShareAck> {
    return this.#count(async () => {
      const { chain } = this.deps;
      const assignment = await chain.assignment(offer.owner);
      if (!assignment)
        throw refuse('UNKNOWN_OWNER', 404, `${offer.owner} has no backup assignment`);
      const payload = shareOfferPayload(
        chain.genesisHash(),
        offer.owner,
        offer.epoch,
        this.account,
        offer.enc,
        offer.ciphertext,
      );
      if (!signatureVerify(payload, offer.signature, offer.owner).isValid) {
        throw refuse('BAD_SIGNATURE', 401, 'offer is not signed by the owner');
      }
      // The open epoch, or — when nothing is pending — the next one (a KEK rotation to the
      // same providers, which the owner opens and confirms in one step).
      const rotation =
        assignment.epoch === assignment.confirmedEpoch && offer.epoch === assignment.epoch + 1;
      if (
        (assignment.epoch !== offer.epoch && !rotation) ||
        !assignment.providers.some((p) => this.#isSelf(p))
      ) {
        throw refuse(
          'NOT_ASSIGNED',
          403,
          `the chain does not assign this provider to ${offer.owner} in epoch ${offer.epoch}`,
        );
      }
      let share: Uint8Array;
      try {
        share = await hpkeOpen(
          this.deps.x25519PrivateKey,
          { enc: offer.enc, ciphertext: offer.ciphertext },
          TAGS.shareInfo,
          shareAad(offer.owner, offer.epoch, this.account),
          'share',
        );
      } catch {
        throw refuse(
          'UNDECRYPTABLE_SHARE',
          422,
          'share is not sealed to this provider for that owner and epoch',
        );
      }
      this.deps.vault.put(offer.owner, offer.epoch, share);
      share.fill(0);
      crashPoint('provider.share-stored');
      this.deps.vault.prune(offer.owner, assignment.confirmedEpoch);
      const commitment = shareCommitment(offer.enc, offer.ciphertext);
      this.deps.metrics.inc('custos_shares_accepted_total');
      return {
        provider: this.account,
        shareCommitment: commitment,
        signature: this.deps.signer.sign(
          chainAckPayload(chain.genesisHash(), offer.owner, offer.epoch, commitment),
        ),
      };
    });
  }

  /** Checks I1 against the chain and returns the share sealed to the recovery key. */
  releaseShare(request: ReleaseRequest): Promise<{ enc: Uint8Array; ciphertext: Uint8Array }> {
    return this.#count(async () => {
      const { chain } = this.deps;
      const restartKey = await chain.restartKey(request.owner);
      if (!restartKey)
        throw refuse('UNKNOWN_OWNER', 404, `${request.owner} is not a registered TSS account`);
      const payload = releaseRequestPayload(
        chain.genesisHash(),
        request.owner,
        request.incarnation,
        request.recoveryPublicKey,
        this.account,
      );
      if (!signatureVerify(payload, request.signature, restartKey).isValid) {
        throw refuse('BAD_SIGNATURE', 401, 'request is not signed by the owner restart key');
      }
      const attestation = await chain.attestation(request.owner);
      if (
        !attestation ||
        attestation.incarnation < request.incarnation ||
        request.incarnation === 0
      ) {
        throw refuse(
          'NO_ATTESTATION',
          403,
          `no confirmed restart attestation for incarnation ${request.incarnation}`,
        );
      }
      if (attestation.incarnation > request.incarnation) {
        throw refuse(
          'SUPERSEDED_INCARNATION',
          409,
          `incarnation ${request.incarnation} is superseded by ${attestation.incarnation}`,
        );
      }
      if (!u8aEq(attestation.recoveryPublicKey, request.recoveryPublicKey)) {
        throw refuse(
          'WRONG_RECOVERY_KEY',
          403,
          'the chain recorded another recovery key for this incarnation',
        );
      }
      const age = (await chain.bestBlock()) - attestation.attestedAt;
      if (age > this.deps.releaseWindow) {
        throw refuse(
          'STALE_ATTESTATION',
          403,
          `attestation is ${age} blocks old (window ${this.deps.releaseWindow})`,
        );
      }
      const assignment = await chain.assignment(request.owner);
      if (!assignment?.confirmedProviders.some((p) => this.#isSelf(p))) {
        throw refuse(
          'NOT_A_CONFIRMED_HOLDER',
          403,
          'this provider holds no share of the confirmed epoch',
        );
      }
      const replayKey = `${request.owner}/${request.incarnation}`;
      if (this.#released.has(replayKey)) {
        throw refuse(
          'REPLAYED_REQUEST',
          409,
          `share already released to incarnation ${request.incarnation}`,
        );
      }
      const share = this.deps.vault.get(request.owner, assignment.confirmedEpoch);
      if (!share)
        throw refuse(
          'NO_SHARE',
          404,
          `no share held for epoch ${assignment.confirmedEpoch} (memory lost?)`,
        );
      const sealed = await hpkeSeal(
        request.recoveryPublicKey,
        share,
        TAGS.releaseInfo,
        releaseAad(request.owner, request.incarnation, this.account),
      );
      share.fill(0);
      this.#released.add(replayKey);
      crashPoint('provider.share-released');
      this.deps.metrics.inc('custos_shares_released_total');
      this.deps.onReleased?.(request.owner, request.incarnation);
      return sealed;
    });
  }
}
