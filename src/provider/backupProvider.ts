import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { zeroize } from '../crypto/aead.js';
import { hpkeOpen, hpkeSeal } from '../crypto/hpke.js';
import { type Sr25519Signer, sr25519Signed } from '../crypto/signatures.js';
import { ProviderRefusalError } from '../errors/provider.js';
import { crashPoint } from '../faults/crashPoints.js';
import type { Metrics } from '../metrics.js';
import {
  canonicalAccount,
  chainAckPayload,
  heldShareProblem,
  recoveryKeysRoot,
  releaseAad,
  releaseRequestPayload,
  releaseStatementPayload,
  sealedHash,
  shareAad,
  shareCommitment,
  shareOfferPayload,
  TAGS,
} from '../protocol/messages.js';
import type {
  AssignmentView,
  AttestationView,
  FinalizedView,
  ProviderChainView,
} from './chainView.js';
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
  /** This provider's incarnation when it took the share (the chain refuses older ones). */
  providerIncarnation: number;
  shareCommitment: Uint8Array;
  signature: Uint8Array;
}

/** Most times one request waits for a newer finalized block (see `ProviderChainView.newer`). */
const MAX_WAITS = 3;

/**
 * Whether `assignment` admits an offer for `epoch`: its open epoch, or the next one when
 * nothing is pending (a KEK rotation to the same providers).
 */
function opens(assignment: AssignmentView | undefined, epoch: number): boolean {
  if (!assignment) return false;
  const rotation = assignment.epoch === assignment.confirmedEpoch && epoch === assignment.epoch + 1;
  return epoch === assignment.epoch || rotation;
}

/** A restarted owner's request for its share. */
export interface ReleaseRequest {
  owner: string;
  incarnation: number;
  /**
   * One x25519 recovery key per confirmed holder, in holder order; their
   * `recoveryKeysRoot` is what the restart quote bound. This provider seals to its own.
   */
  recoveryKeys: Uint8Array[];
  /** Restart-key signature over `releaseRequestPayload` (which names the root). */
  signature: Uint8Array;
}

/** A released share: sealed to this holder's recovery key and signed by the provider. */
export interface SealedRelease {
  provider: string;
  /** The confirmed epoch the share belongs to. */
  epoch: number;
  /** The commitment the chain recorded for this provider's share of that epoch. */
  commitment: Uint8Array;
  enc: Uint8Array;
  ciphertext: Uint8Array;
  /** The provider's TSS signature over `releaseStatementPayload`. */
  signature: Uint8Array;
}

/** Dependencies of {@link BackupProvider}. */
export interface BackupProviderDeps {
  chain: ProviderChainView;
  /** This provider's TSS key (signs acknowledgements and releases). */
  signer: Sr25519Signer;
  /** This provider's x25519 private key (opens shares sealed to it). */
  x25519PrivateKey: Uint8Array;
  vault: ShareVault;
  metrics: Metrics;
  /** An attestation older than this many blocks is stale. */
  releaseWindow: number;
  /** Called after the first release to an incarnation, to record the receipt on chain. */
  onReleased?: (owner: string, incarnation: number) => void;
}

const refuse = (
  code: ConstructorParameters<typeof ProviderRefusalError>[0],
  status: ConstructorParameters<typeof ProviderRefusalError>[1],
  details: string,
) => new ProviderRefusalError(code, status, details);

/**
 * The refusals of forged requests (release requests, share offers), whose text names the
 * field at fault and why but nothing of the request: made once, so that refusing with one
 * allocates nothing (building an error is a good part of what a refusal costs). Shared by
 * every such refusal, so never changed by this code; not frozen, because loggers (pino's
 * error serializer) mark an error they serialise while they do.
 */
const WRONG_KEYS_ROOT = refuse(
  'WRONG_RECOVERY_KEY',
  403,
  'recoveryKeys: their root is not the one the chain recorded for this incarnation',
);
const NOT_SERVED = refuse(
  'UNKNOWN_OWNER',
  404,
  'owner: not a registered TSS account this provider serves',
);
const OFFER_NOT_SIGNED = refuse('BAD_SIGNATURE', 401, 'offer is not signed by the owner');
const NOT_SIGNED_BY_RESTART_KEY = refuse(
  'BAD_SIGNATURE',
  401,
  'request is not signed by the owner restart key',
);

/** Whether two byte strings are equal (public values: no constant time needed). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The answer given to one (owner, incarnation, recovery key), kept to give it again. */
interface GivenRelease {
  key: string;
  answer: Promise<SealedRelease>;
  /** Signatures (hex) verified for this key, at most {@link MAX_REMEMBERED_SIGNATURES}. */
  signatures: Set<string>;
}

/**
 * How many verified request signatures are remembered per answer: an owner signs each
 * request afresh (sr25519 signatures are randomised), so a few cover its retries.
 */
const MAX_REMEMBERED_SIGNATURES = 8;

/** Adds `signature` to `given`'s verified ones, forgetting the oldest beyond the bound. */
function rememberSignature(given: GivenRelease, signature: string): void {
  given.signatures.add(signature);
  if (given.signatures.size > MAX_REMEMBERED_SIGNATURES) {
    const oldest = given.signatures.values().next().value;
    if (oldest !== undefined) given.signatures.delete(oldest);
  }
}

/**
 * The provider side of backups. It accepts shares only for owners the chain assigns to it
 * in that epoch, keeps them in memory under their commitments, and releases one only
 * under invariant I1: to the recovery key of the owner's latest, chain-confirmed,
 * still-fresh attestation, and only the share whose commitment the chain recorded for this
 * provider in the owner's confirmed epoch. All chain state comes from one finalized block
 * per request. Every refusal is a {@link ProviderRefusalError} with a code; nothing is
 * stored or released on any refusal.
 *
 * Against replays and aliases: owners are keyed by their public key (one spelling), the
 * owner's signature is checked before the provider waits for newer chain state, and a
 * release is idempotent: the same (owner, incarnation, recovery key) gets the same sealed
 * answer again, so a lost response or a request the host sent first costs the owner
 * nothing. Against floods: a request the finalized view already refutes (unknown owner,
 * older or stale incarnation, recovery keys its quote did not bind) is refused before its
 * signature is checked, and an exact repeat of a verified request is not verified again.
 */
export class BackupProvider {
  /** Per owner, the release given to its latest incarnation (at most one per owner). */
  #given = new Map<string, GivenRelease>();
  readonly account: string;
  /** This provider's account, canonical. */
  readonly #self: string;

  constructor(private readonly deps: BackupProviderDeps) {
    this.account = deps.signer.address;
    this.#self = u8aToHex(deps.signer.publicKey);
    deps.metrics.define('custos_shares_accepted_total', 'Shares accepted from owners');
    deps.metrics.define('custos_shares_released_total', 'Shares released to restarted owners');
    deps.metrics.define('custos_requests_refused_total', 'Provider requests refused, by code');
  }

  #isSelf(account: string): boolean {
    return canonicalAccount(account) === this.#self;
  }

  /**
   * `work`'s answer, a refusal it threw turned into its answer; every refusal counted once
   * in `custos_requests_refused_total`. Rejects only on a failure that is not a refusal.
   */
  async #answered<T>(
    work: () => Promise<T | ProviderRefusalError>,
  ): Promise<T | ProviderRefusalError> {
    let outcome: T | ProviderRefusalError;
    try {
      outcome = await work();
    } catch (error) {
      if (!(error instanceof ProviderRefusalError)) throw error;
      outcome = error;
    }
    if (outcome instanceof ProviderRefusalError)
      this.deps.metrics.inc('custos_requests_refused_total', { code: outcome.code });
    return outcome;
  }

  /**
   * Checks and holds a share; returns the signed acknowledgement.
   * @throws ProviderRefusalError when the offer is refused (see {@link offerShare}).
   */
  async acceptShare(offer: ShareOffer): Promise<ShareAck> {
    const outcome = await this.offerShare(offer);
    if (outcome instanceof ProviderRefusalError) throw outcome;
    return outcome;
  }

  /**
   * {@link acceptShare}, with a refusal as the answer rather than thrown (what the route
   * serves; see {@link release}). Counts every refusal in `custos_requests_refused_total`.
   */
  offerShare(offer: ShareOffer): Promise<ShareAck | ProviderRefusalError> {
    return this.#answered(async () => {
      const { chain } = this.deps;
      const owner = canonicalAccount(offer.owner);
      const genesis = chain.genesisHash();
      const payload = shareOfferPayload(
        genesis,
        owner,
        offer.epoch,
        this.account,
        offer.enc,
        offer.ciphertext,
      );
      // The owner's key is its account: no chain read before the signature is checked.
      if (!sr25519Signed(payload, offer.signature, decodeAddress(owner))) {
        return OFFER_NOT_SIGNED;
      }
      let view = await chain.finalized();
      let assignment = await view.assignment(owner);
      // The owner may offer for an epoch this provider's view has not reached yet: wait for
      // newer finalized state rather than refuse from older state.
      for (
        let waits = 0;
        waits < MAX_WAITS && chain.newer && !opens(assignment, offer.epoch);
        waits++
      ) {
        const next = await chain.newer(view.block);
        if (!next) break;
        view = next;
        assignment = await view.assignment(owner);
      }
      if (!assignment)
        throw refuse('UNKNOWN_OWNER', 404, `${offer.owner} has no backup assignment`);
      if (offer.epoch <= assignment.confirmedEpoch) {
        throw refuse(
          'EPOCH_CONFIRMED',
          409,
          `epoch ${offer.epoch} is not open (the chain confirmed epoch ${assignment.confirmedEpoch})`,
        );
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
      const self = await view.attestation(this.account);
      let held: Uint8Array;
      try {
        held = await hpkeOpen(
          this.deps.x25519PrivateKey,
          { enc: offer.enc, ciphertext: offer.ciphertext },
          TAGS.shareInfo,
          shareAad(owner, offer.epoch, this.account),
          'share',
        );
      } catch {
        throw refuse(
          'UNDECRYPTABLE_SHARE',
          422,
          'share is not sealed to this provider for that owner and epoch',
        );
      }
      try {
        const problem = heldShareProblem(held);
        if (problem) throw refuse('MALFORMED_SHARE', 422, problem);
        // Epochs the chain can no longer confirm free their slots first.
        this.deps.vault.settle(owner, assignment.confirmedEpoch, undefined, [
          assignment.epoch,
          assignment.epoch + 1,
        ]);
        const commitment = shareCommitment(genesis, owner, offer.epoch, this.account, held);
        const outcome = this.deps.vault.offer(owner, offer.epoch, commitment, held);
        if (outcome === 'too-many-candidates' || outcome === 'too-many-epochs') {
          throw refuse(
            'TOO_MANY_OFFERS',
            409,
            `too many distinct offers held for ${offer.owner} (${outcome}); wait for a confirmation`,
          );
        }
        crashPoint('provider.share-stored');
        if (outcome === 'stored') this.deps.metrics.inc('custos_shares_accepted_total');
        const providerIncarnation = self?.incarnation ?? 0;
        return {
          provider: this.account,
          providerIncarnation,
          shareCommitment: commitment,
          signature: this.deps.signer.sign(
            chainAckPayload(genesis, owner, offer.epoch, providerIncarnation, commitment),
          ),
        };
      } finally {
        zeroize(held);
      }
    });
  }

  /**
   * Checks I1 against finalized chain state and returns the confirmed share sealed to the
   * recovery key, with a signed release statement. Idempotent per (owner, incarnation,
   * recovery key); a newer incarnation replaces what was given to an older one.
   * @throws ProviderRefusalError when the request is refused (see {@link release}).
   */
  async releaseShare(request: ReleaseRequest): Promise<SealedRelease> {
    const outcome = await this.release(request);
    if (outcome instanceof ProviderRefusalError) throw outcome;
    return outcome;
  }

  /**
   * {@link releaseShare}, with a refusal as the answer rather than thrown: what the route
   * serves. A refusal is the common answer to a forged request and an answer to a peer,
   * not a failure of this process, and throwing it is a good part of what refusing costs
   * (V8 records where each exception was thrown); a request refused from the view (owner,
   * incarnation, recovery keys, signature) is refused without one. Counts every refusal in
   * `custos_requests_refused_total`. Rejects only on a failure that is not a refusal.
   */
  release(request: ReleaseRequest): Promise<SealedRelease | ProviderRefusalError> {
    return this.#answered(() => this.#releaseOrRefuse(request));
  }

  /** The release, or the refusal; throws only where the view or the sealing fails. */
  async #releaseOrRefuse(request: ReleaseRequest): Promise<SealedRelease | ProviderRefusalError> {
    const { chain } = this.deps;
    const owner = canonicalAccount(request.owner);
    const root = recoveryKeysRoot(request.recoveryKeys);
    let view = await chain.finalized();
    const restartKey = await view.restartKey(owner);
    if (!restartKey) return NOT_SERVED;
    // What the view can already judge is judged before the signature, which costs far
    // more: whether the incarnation is the latest attested one, still fresh, and whether
    // the recovery keys are the ones its quote bound. All of it is public chain state,
    // so refusing on it first tells a forger nothing new. Only a request that copies an
    // honest one's fields (which only its recipients and the network saw) costs a
    // signature check.
    const known = await view.attestation(owner);
    const caughtUp = known !== undefined && known.incarnation >= request.incarnation;
    if (caughtUp) {
      const refused = this.#judgeAttestation(view.block, known, request, root);
      if (refused) return refused;
    }
    // The restart key is part of the key: a remembered signature vouches for the request
    // only under the key it was verified with.
    const key = `${request.incarnation}/${u8aToHex(root)}/${u8aToHex(restartKey)}`;
    const signature = u8aToHex(request.signature);
    const earlier = this.#given.get(owner);
    // The exact request already answered (a retry, or the host replaying it): its
    // signature was verified then.
    if (!(earlier?.key === key && earlier.signatures.has(signature))) {
      const payload = releaseRequestPayload(
        chain.genesisHash(),
        owner,
        request.incarnation,
        root,
        this.account,
      );
      if (!sr25519Signed(payload, request.signature, restartKey)) return NOT_SIGNED_BY_RESTART_KEY;
    }
    if (!caughtUp) {
      // The owner names an attestation this provider's view has not reached yet: wait
      // for newer finalized state rather than refuse from older state. Only after the
      // signature: a forged request never holds the provider.
      for (let waits = 0; waits < MAX_WAITS && chain.newer; waits++) {
        const next = await chain.newer(view.block);
        if (!next) break;
        view = next;
        const now = await view.attestation(owner);
        if (now && now.incarnation >= request.incarnation) break;
      }
      const refused = this.#judgeAttestation(
        view.block,
        await view.attestation(owner),
        request,
        root,
      );
      if (refused) return refused;
    }
    // Looked up and registered with no await in between: a concurrent duplicate shares
    // this answer.
    const given = this.#given.get(owner);
    if (given?.key === key) {
      rememberSignature(given, signature);
      return await given.answer;
    }
    const answer = this.#release(view, owner, request);
    this.#given.set(owner, { key, answer, signatures: new Set([signature]) });
    answer.catch(() => {
      if (this.#given.get(owner)?.answer === answer) this.#given.delete(owner);
    });
    return await answer;
  }

  /**
   * The refusal for `request` if `attestation` (the owner's, as of finalized block
   * `block`) does not admit it: none, older or newer than the request's incarnation,
   * recovery keys whose root it did not record, or older than the release window.
   * Synchronous: it judges what the caller already read. Undefined when it admits it.
   */
  #judgeAttestation(
    block: number,
    attestation: AttestationView | undefined,
    request: ReleaseRequest,
    root: Uint8Array,
  ): ProviderRefusalError | undefined {
    if (
      !attestation ||
      attestation.incarnation < request.incarnation ||
      request.incarnation === 0
    ) {
      return refuse(
        'NO_ATTESTATION',
        403,
        `no finalized restart attestation for incarnation ${request.incarnation}`,
      );
    }
    if (attestation.incarnation > request.incarnation) {
      return refuse(
        'SUPERSEDED_INCARNATION',
        409,
        `incarnation ${request.incarnation} is superseded by ${attestation.incarnation}`,
      );
    }
    if (!sameBytes(attestation.recoveryKeysRoot, root)) return WRONG_KEYS_ROOT;
    const age = block - attestation.attestedAt;
    if (age > this.deps.releaseWindow) {
      return refuse(
        'STALE_ATTESTATION',
        403,
        `attestation is ${age} blocks old (window ${this.deps.releaseWindow})`,
      );
    }
    return undefined;
  }

  async #release(
    view: FinalizedView,
    owner: string,
    request: ReleaseRequest,
  ): Promise<SealedRelease> {
    const assignment = await view.assignment(owner);
    const index = assignment?.confirmedProviders.findIndex((p) => this.#isSelf(p)) ?? -1;
    const commitment = assignment?.confirmedCommitments[index];
    if (!assignment || index < 0 || !commitment) {
      throw refuse(
        'NOT_A_CONFIRMED_HOLDER',
        403,
        'this provider holds no share of the confirmed epoch',
      );
    }
    // Only an epoch confirmed before this restart attestation is what the restarted owner
    // lost. A newer one was confirmed by that owner after it recovered, under the same
    // incarnation and keys; releasing it would seal a fresh share to keys a bad-share
    // report may already have made public.
    const attestation = await view.attestation(owner);
    if (!attestation || assignment.confirmedAt > attestation.attestedAt) {
      throw refuse(
        'CONFIRMED_AFTER_RESTART',
        409,
        `epoch ${assignment.confirmedEpoch} was confirmed after incarnation ${request.incarnation} was attested: that owner already recovered`,
      );
    }
    // One key per confirmed holder, and on a network with an escrow committee one more at
    // the end (the owner's escrow recovery key, docs/decisions/0008), which holders ignore.
    const holders = assignment.confirmedProviders.length;
    if (request.recoveryKeys.length !== holders && request.recoveryKeys.length !== holders + 1) {
      throw refuse(
        'WRONG_RECOVERY_KEY',
        403,
        `recoveryKeys: ${request.recoveryKeys.length} keys for ${holders} confirmed holders (one each, optionally one escrow key)`,
      );
    }
    const recipientKey = request.recoveryKeys[index]!;
    const epoch = assignment.confirmedEpoch;
    const held = this.deps.vault.get(owner, epoch, commitment);
    if (!held)
      throw refuse(
        'NO_SHARE',
        404,
        `no share held for epoch ${epoch} with the confirmed commitment (memory lost?)`,
      );
    let sealed: { enc: Uint8Array; ciphertext: Uint8Array };
    try {
      sealed = await hpkeSeal(
        recipientKey,
        held,
        TAGS.releaseInfo,
        releaseAad(owner, request.incarnation, epoch, this.account),
      );
    } finally {
      zeroize(held);
    }
    const signature = this.deps.signer.sign(
      releaseStatementPayload(
        this.deps.chain.genesisHash(),
        this.account,
        owner,
        request.incarnation,
        recipientKey,
        epoch,
        commitment,
        sealedHash(sealed.enc, sealed.ciphertext),
      ),
    );
    crashPoint('provider.share-released');
    this.deps.metrics.inc('custos_shares_released_total');
    this.deps.onReleased?.(owner, request.incarnation);
    return { provider: this.account, epoch, commitment, ...sealed, signature };
  }
}
