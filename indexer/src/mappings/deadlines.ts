/**
 * The block handler: once per block, before the block's events, checks the watches whose
 * deadline has passed. Cheap on most blocks: it reads one cached row (AuditState) and
 * returns unless `nextDeadline` is behind the block. Deterministic: the outcome depends only
 * on indexed facts and the block number, never on wall-clock time.
 */
import type { SubstrateBlock } from '@subql/types';
import { atRiskId, didNotServeId, escrowDidNotServeId } from '../helpers/ids';
import { isOverdue, nextDeadline } from '../helpers/rules';
import { allPages, requiredField, upsertMisbehaviour } from '../helpers/store';
import { AuditState, MisbehaviourKind, Owner, Watch, WatchKind } from '../types';

/** DID_NOT_SERVE and AT_RISK, when their watches run out in this block. */
export async function handleBlockDeadlines(block: SubstrateBlock): Promise<void> {
  const height = block.block.header.number.toNumber();
  const state = await AuditState.get('state');
  if (!state || state.nextDeadline === undefined || state.nextDeadline === null) return;
  if (!isOverdue(state.nextDeadline, height)) return;
  const open = await allPages((o) => Watch.getByOpen(true, o));
  const remaining: number[] = [];
  for (const watch of open) {
    if (!isOverdue(watch.deadline, height)) {
      remaining.push(watch.deadline);
      continue;
    }
    watch.open = false;
    watch.closedAt = height;
    await watch.save();
    if (watch.kind === WatchKind.RELEASE) await didNotServe(watch, height);
    else if (watch.kind === WatchKind.ESCROW_RELEASE) await escrowDidNotServe(watch, height);
    else await atRisk(watch, height, state.confirmWindow);
  }
  state.nextDeadline = nextDeadline(remaining);
  await state.save();
}

async function didNotServe(watch: Watch, height: number) {
  const provider = requiredField(watch, 'provider');
  const incarnation = requiredField(watch, 'incarnation');
  await upsertMisbehaviour({
    id: didNotServeId(watch.owner, incarnation, provider),
    kind: MisbehaviourKind.DID_NOT_SERVE,
    subject: provider,
    owner: watch.owner,
    evidenceBlocks: watch.evidenceBlocks,
    evidenceEvents: watch.evidenceEvents,
    details: `confirmed holder (epoch ${watch.epoch}) recorded no release to incarnation ${incarnation} of ${watch.owner} by block ${watch.deadline}`,
    seen: height,
  });
}

/** An escrow watch's `provider` is the member, its `epoch` the member's index. */
async function escrowDidNotServe(watch: Watch, height: number) {
  const member = requiredField(watch, 'provider');
  const incarnation = requiredField(watch, 'incarnation');
  const memberIndex = requiredField(watch, 'epoch');
  await upsertMisbehaviour({
    id: escrowDidNotServeId(watch.owner, incarnation, memberIndex),
    kind: MisbehaviourKind.ESCROW_DID_NOT_SERVE,
    subject: member,
    owner: watch.owner,
    evidenceBlocks: watch.evidenceBlocks,
    evidenceEvents: watch.evidenceEvents,
    details: `escrow member ${memberIndex} released nothing to the approved cold recovery of incarnation ${incarnation} of ${watch.owner} by block ${watch.deadline}`,
    seen: height,
  });
}

async function atRisk(watch: Watch, height: number, window: number) {
  const owner = await Owner.get(watch.owner);
  if (!owner || owner.removed || owner.confirmedEpoch >= owner.currentEpoch) return;
  // A watch of an earlier registration is closed when the owner leaves; should one still
  // run out, it says nothing about the current registration.
  const registration = requiredField(watch, 'registration');
  if (registration !== owner.registration) return;
  await upsertMisbehaviour({
    id: atRiskId(watch.owner, registration, requiredField(watch, 'epoch')),
    kind: MisbehaviourKind.AT_RISK,
    subject: watch.owner,
    owner: watch.owner,
    evidenceBlocks: watch.evidenceBlocks,
    evidenceEvents: watch.evidenceEvents,
    details: `current epoch unconfirmed for more than ${window} blocks since epoch ${watch.epoch} opened (confirmed epoch ${owner.confirmedEpoch}, current ${owner.currentEpoch})`,
    seen: height,
  });
}
