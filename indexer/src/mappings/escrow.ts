/**
 * Handlers of the backups pallet's escrow events (the cold path, issue 13): committees,
 * deposits, cold requests with their approvals, skipped approvals and closings, members'
 * releases. An approval opens one release watch per member of the committee that serves
 * the request's deposit (its own generation, even one governance replaced since;
 * ESCROW_DID_NOT_SERVE when it runs out); a release for a request the indexer never saw approved is recorded as
 * COLD_RELEASE_WITHOUT_APPROVAL, which the chain's own checks should make impossible.
 */
import type { SubstrateEvent } from '@subql/types';
import {
  coldReleaseWithoutApprovalId,
  coldRequestId,
  escrowDepositId,
  escrowDidNotServeId,
  escrowReleaseWatchId,
} from '../helpers/ids';
import {
  auditState,
  closeWatch,
  openWatch,
  recordChainEvent,
  resolveMisbehaviour,
  upsertMisbehaviour,
} from '../helpers/store';
import {
  ColdApprovalSkip,
  ColdRequest,
  EscrowCommittee,
  EscrowDeposit,
  EscrowRelease,
  Misbehaviour,
  MisbehaviourKind,
  Watch,
  WatchKind,
} from '../types';
import { account, accounts, fieldsOf, hex, u32 } from './decode';

/** The committee in force: the newest generation, unless it ended (cleared). */
async function currentCommittee(): Promise<EscrowCommittee | undefined> {
  const committees = await EscrowCommittee.getByFields([], {
    limit: 1,
    orderBy: 'generation',
    orderDirection: 'DESC',
  });
  const newest = committees[0];
  return newest && (newest.endedAt === undefined || newest.endedAt === null) ? newest : undefined;
}

/**
 * The committee that serves `owner`'s deposit of `epoch` (the chain keeps a replaced
 * committee while deposits name it): the deposit's generation from chain state at the
 * block being indexed, or from the newest deposit row when the state cannot be read; the
 * one in force when neither says.
 */
async function servingCommittee(
  owner: string,
  epoch: number,
): Promise<EscrowCommittee | undefined> {
  const query = api.query.backups?.escrowDeposits;
  const onChain = query ? await query(owner, epoch).catch(() => undefined) : undefined;
  const generation = (onChain?.toJSON() as { generation?: number } | null | undefined)?.generation;
  if (typeof generation === 'number') return EscrowCommittee.get(String(generation));
  const deposits = await EscrowDeposit.getByFields(
    [
      ['owner', '=', owner],
      ['epoch', '=', epoch],
    ],
    { limit: 1, orderBy: 'blockNumber', orderDirection: 'DESC' },
  );
  const deposit = deposits[0];
  return deposit ? EscrowCommittee.get(String(deposit.generation)) : currentCommittee();
}

/**
 * EscrowCommitteeSet: the new generation; the previous one is no longer in force (its
 * members still serve deposits made for it).
 */
export async function handleBackupsEscrowCommitteeSet(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'EscrowCommitteeSet');
  const previous = await currentCommittee();
  if (previous) {
    previous.endedAt = at.blockNumber;
    await previous.save();
  }
  const generation = u32(f.generation);
  await EscrowCommittee.create({
    id: String(generation),
    generation,
    members: accounts(f.members),
    threshold: u32(f.threshold),
    setAt: at.blockNumber,
  }).save();
}

/** EscrowCommitteeCleared: the generation ends; no committee is in force. */
export async function handleBackupsEscrowCommitteeCleared(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const generation = u32(fieldsOf(event, 'backups', 'EscrowCommitteeCleared').generation);
  const committee = await EscrowCommittee.get(String(generation));
  if (committee && (committee.endedAt === undefined || committee.endedAt === null)) {
    committee.endedAt = at.blockNumber;
    await committee.save();
  }
}

/** EscrowDeposited: one row per deposit (a replacement of an open epoch's is another). */
export async function handleBackupsEscrowDeposited(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'EscrowDeposited');
  const owner = account(f.owner);
  const epoch = u32(f.epoch);
  const commitments = f.commitments.toJSON() as string[];
  await EscrowDeposit.create({
    id: escrowDepositId(owner, epoch, at.id),
    owner,
    epoch,
    generation: u32(f.generation),
    commitments,
    blockNumber: at.blockNumber,
  }).save();
}

/** ColdRecoveryRequested: the request row (a newer incarnation's is another row). */
export async function handleBackupsColdRecoveryRequested(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'ColdRecoveryRequested');
  const owner = account(f.owner);
  const incarnation = u32(f.incarnation);
  await ColdRequest.create({
    id: coldRequestId(owner, incarnation),
    owner,
    incarnation,
    epoch: u32(f.epoch),
    escrowKey: hex(f.escrowKey),
    intactHolders: u32(f.intactHolders),
    requestedAt: at.blockNumber,
    requestEvent: at.id,
  }).save();
}

/**
 * ColdRecoveryApproved: the approval, and one ESCROW_RELEASE watch per member of the
 * committee that serves the request's deposit, due within the audit's release window.
 */
export async function handleBackupsColdRecoveryApproved(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'ColdRecoveryApproved');
  const owner = account(f.owner);
  const incarnation = u32(f.incarnation);
  const request = await ColdRequest.get(coldRequestId(owner, incarnation));
  const committee = request
    ? await servingCommittee(owner, request.epoch)
    : await currentCommittee();
  if (request) {
    request.approvedAt = at.blockNumber;
    request.approvalEvent = at.id;
    request.generation = committee?.generation;
    await request.save();
  }
  if (!committee) return;
  const state = await auditState();
  for (const [memberIndex, member] of committee.members.entries()) {
    await openWatch(
      Watch.create({
        id: escrowReleaseWatchId(owner, incarnation, memberIndex),
        kind: WatchKind.ESCROW_RELEASE,
        open: true,
        deadline: at.blockNumber + state.releaseWindow,
        owner,
        provider: member,
        incarnation,
        epoch: memberIndex,
        evidenceBlocks: [request?.requestedAt ?? at.blockNumber, at.blockNumber],
        evidenceEvents: [request?.requestEvent ?? '', at.id].filter((e) => e !== ''),
      }),
    );
  }
}

/** ColdApprovalSkipped: the skipped entry, with the chain's reason. */
export async function handleBackupsColdApprovalSkipped(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'ColdApprovalSkipped');
  await ColdApprovalSkip.create({
    id: at.id,
    owner: account(f.owner),
    incarnation: u32(f.incarnation),
    reason: f.reason.toString(),
    blockNumber: at.blockNumber,
  }).save();
}

/** EscrowShareReleased: the release; closes its watch (or resolves a late record). */
export async function handleBackupsEscrowShareReleased(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'EscrowShareReleased');
  const owner = account(f.owner);
  const incarnation = u32(f.incarnation);
  const memberIndex = u32(f.memberIndex);
  const member = account(f.member);
  await EscrowRelease.create({
    id: at.id,
    owner,
    incarnation,
    memberIndex,
    member,
    blockNumber: at.blockNumber,
  }).save();
  const request = await ColdRequest.get(coldRequestId(owner, incarnation));
  if (!request || request.approvedAt === undefined || request.approvedAt === null) {
    await upsertMisbehaviour({
      id: coldReleaseWithoutApprovalId(at.id),
      kind: MisbehaviourKind.COLD_RELEASE_WITHOUT_APPROVAL,
      subject: member,
      owner,
      evidenceBlocks: [at.blockNumber],
      evidenceEvents: [at.id],
      details: `escrow member ${memberIndex} released a share to incarnation ${incarnation} of ${owner} with no approved cold request indexed`,
      seen: at.blockNumber,
    });
  }
  if (await closeWatch(escrowReleaseWatchId(owner, incarnation, memberIndex), at.blockNumber))
    return;
  const late = await Misbehaviour.get(escrowDidNotServeId(owner, incarnation, memberIndex));
  if (late) await resolveMisbehaviour(late, at.blockNumber);
}

/** ColdRecoveryClosed: the owner recovered and confirmed a newer epoch; watches end. */
export async function handleBackupsColdRecoveryClosed(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'ColdRecoveryClosed');
  const owner = account(f.owner);
  const incarnation = u32(f.incarnation);
  const request = await ColdRequest.get(coldRequestId(owner, incarnation));
  if (request) {
    request.closedAt = at.blockNumber;
    await request.save();
  }
  const committee = request?.generation
    ? await EscrowCommittee.get(String(request.generation))
    : await currentCommittee();
  for (let memberIndex = 0; memberIndex < (committee?.members.length ?? 0); memberIndex++) {
    await closeWatch(escrowReleaseWatchId(owner, incarnation, memberIndex), at.blockNumber);
  }
}
