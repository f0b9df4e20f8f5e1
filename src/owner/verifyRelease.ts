import { hexToU8a, u8aEq } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { zeroize } from '../crypto/aead.js';
import { type HpkeKeyPair, hpkeOpen } from '../crypto/hpke.js';
import { combineShares } from '../crypto/shamir.js';
import { sr25519Signed } from '../crypto/signatures.js';
import { NotEnoughProvidersError } from '../errors/owner.js';
import {
  heldShareProblem,
  releaseAad,
  releaseStatementPayload,
  SHARE_BYTES,
  sealedHash,
  shareCommitment,
  shareX,
  TAGS,
} from '../protocol/messages.js';
import { sealedReleaseSchema } from '../routes/backup-provider/schemas.js';
import { malformedReply } from './providers.js';

/** What every release of one recovery is checked against. */
export interface ReleaseContext {
  genesisHash: Uint8Array;
  owner: string;
  incarnation: number;
  /** The confirmed epoch, as the chain's finalized state records it. */
  epoch: number;
}

/**
 * A holder of the confirmed epoch, the commitment the chain recorded for its share, and
 * the recovery key pair this restart made for it alone (its public half is in the root the
 * restart quote bound).
 */
export interface ConfirmedHolder {
  provider: string;
  commitment: Uint8Array;
  recovery: HpkeKeyPair;
}

/**
 * What the chain needs to check that a holder signed a bad release
 * (`backups.report_bad_share`): the sealed message and the holder's signature over it.
 */
export interface BadReleaseEvidence {
  enc: Uint8Array;
  ciphertext: Uint8Array;
  signature: Uint8Array;
}

/** A holder's answer that cannot be used, and whether it proves the holder misbehaved. */
export class UnusableReleaseError extends Error {
  override name = 'UnusableReleaseError';
  constructor(
    message: string,
    /** The holder signed a release whose share does not open or match its commitment. */
    readonly misbehaved: boolean,
    /** Present when the chain can check the proof: the signed release itself. */
    readonly evidence?: BadReleaseEvidence,
  ) {
    super(message);
  }
}

/**
 * Verifies one holder's reply before anything of it is used, and returns the share ‖
 * blinding it carries. In order: the reply's shape (the route's own schema), that it names
 * this holder, the confirmed epoch and the chain's commitment, the holder's signature over
 * the release statement (without it the reply may come from anyone on the path, so a
 * failure here blames nobody), then that the sealed share opens with the recovery key, is
 * well formed (length, x ≠ 0) and matches the chain's commitment. Failures after a valid
 * signature prove the holder misbehaved.
 */
export async function verifyRelease(
  ctx: ReleaseContext,
  holder: ConfirmedHolder,
  reply: unknown,
): Promise<Uint8Array> {
  const parsed = sealedReleaseSchema.safeParse(reply);
  if (!parsed.success) throw new UnusableReleaseError(malformedReply(parsed.error), false);
  const r = parsed.data;
  if (!u8aEq(decodeAddress(r.provider), decodeAddress(holder.provider)))
    throw new UnusableReleaseError('answer names another provider', false);
  // A holder whose finalized view lags may still answer for an older epoch: not its fault.
  if (r.epoch !== ctx.epoch || !u8aEq(hexToU8a(r.commitment), holder.commitment))
    throw new UnusableReleaseError(
      `answer is for epoch ${r.epoch}, not the confirmed epoch ${ctx.epoch} and its commitment`,
      false,
    );
  const enc = hexToU8a(r.enc);
  const ciphertext = hexToU8a(r.ciphertext);
  const statement = releaseStatementPayload(
    ctx.genesisHash,
    holder.provider,
    ctx.owner,
    ctx.incarnation,
    holder.recovery.publicKey,
    ctx.epoch,
    holder.commitment,
    sealedHash(enc, ciphertext),
  );
  const signature = hexToU8a(r.signature);
  if (!sr25519Signed(statement, signature, decodeAddress(holder.provider)))
    throw new UnusableReleaseError('release is not signed by the holder', false);
  const evidence = { enc, ciphertext, signature };
  let held: Uint8Array;
  try {
    held = await hpkeOpen(
      holder.recovery.privateKey,
      { enc, ciphertext },
      TAGS.releaseInfo,
      releaseAad(ctx.owner, ctx.incarnation, ctx.epoch, holder.provider),
      'released share',
    );
  } catch {
    throw new UnusableReleaseError('BAD_SHARE: signed release does not open', true, evidence);
  }
  const problem = heldShareProblem(held);
  const matches =
    !problem &&
    u8aEq(
      shareCommitment(ctx.genesisHash, ctx.owner, ctx.epoch, holder.provider, held),
      holder.commitment,
    );
  if (!matches) {
    zeroize(held);
    throw new UnusableReleaseError(
      `BAD_SHARE: ${problem ?? 'share does not match its commitment on chain'}`,
      true,
      evidence,
    );
  }
  return held;
}

/** Parameters of {@link gatherShares}. */
export interface GatherSharesParameters {
  ctx: ReleaseContext;
  holders: ConfirmedHolder[];
  threshold: number;
  /**
   * Called, when enough verified shares are in, with the holders asked this round that gave
   * none and why (an operator should know a holder failed even when recovery succeeds).
   */
  onUnanswered?: (failures: { provider: string; reason: string }[]) => void;
  /** Asks one holder for its release; resolves with the raw reply or rejects. */
  ask: (provider: string) => Promise<unknown>;
  /**
   * Verified shares kept across rounds (key `epoch/provider`): a retry asks only the
   * others. Only verified shares are ever put here; the caller zeroises what is left.
   */
  received: Map<string, Uint8Array>;
  /**
   * Called for each reply that proves its holder misbehaved, with the signed release when
   * the chain can check the proof.
   */
  onMisbehaviour?: (provider: string, reason: string, evidence?: BadReleaseEvidence) => void;
  /**
   * Holders not to ask (this round and after): those whose recovery key was revealed in a
   * report, so anything sealed to it is public.
   */
  skip?: ReadonlySet<string>;
}

/**
 * One round of recovery: asks every holder not yet verified, in parallel, verifies each
 * reply ({@link verifyRelease}), and combines `threshold` verified shares. Because every
 * share it combines matches the chain's commitment, the result is the KEK that was backed
 * up, whatever the other holders send. Throws {@link NotEnoughProvidersError} naming every
 * holder that failed and why when fewer than `threshold` verified shares are in.
 */
export async function gatherShares(p: GatherSharesParameters): Promise<Uint8Array> {
  const failures: { provider: string; reason: string }[] = [];
  await Promise.all(
    p.holders.map(async (holder) => {
      const key = `${p.ctx.epoch}/${holder.provider}`;
      if (p.received.has(key)) return;
      if (p.skip?.has(holder.provider)) {
        failures.push({
          provider: holder.provider,
          reason: 'reported for a bad share; not asked again',
        });
        return;
      }
      try {
        const held = await verifyRelease(p.ctx, holder, await p.ask(holder.provider));
        const x = shareX(held);
        const sameEpoch = [...p.received.entries()].filter(([k]) =>
          k.startsWith(`${p.ctx.epoch}/`),
        );
        if (sameEpoch.some(([, other]) => shareX(other) === x)) {
          zeroize(held);
          throw new UnusableReleaseError(`share x = ${x} duplicates another holder's`, true);
        }
        p.received.set(key, held);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        failures.push({ provider: holder.provider, reason });
        if (error instanceof UnusableReleaseError && error.misbehaved)
          p.onMisbehaviour?.(holder.provider, reason, error.evidence);
      }
    }),
  );
  const verified = [...p.received.entries()].filter(([k]) => k.startsWith(`${p.ctx.epoch}/`));
  if (verified.length < p.threshold || p.threshold < 1)
    throw new NotEnoughProvidersError('recovery', p.threshold, failures);
  if (failures.length > 0) p.onUnanswered?.(failures);
  const shares = verified.slice(0, p.threshold).map(([, held]) => held.slice(0, SHARE_BYTES));
  try {
    return await combineShares(shares);
  } finally {
    for (const share of shares) zeroize(share);
  }
}
