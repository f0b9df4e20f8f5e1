/**
 * The air-gapped member's offline step against what a lying networked machine can hand it:
 * real deposits, real restart-key signatures and real HPKE, no chain (the e2e outage test
 * runs export → sign → submit against one). Whatever the export says, the member seals its
 * share only to an escrow key the owner's restart key signed, from the deposit the owner
 * bound to that restart key.
 */
import * as executor from '@acala-network/chopsticks-executor';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { TypeRegistry } from '@polkadot/types';
import type { RegistryTypes } from '@polkadot/types/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import lookup from '../../chain-types/src/interfaces/lookup.js';
import { signPayload } from '../chain/backupPayloads.js';
import { coldRequestPayload, type EscrowDeposit, escrowReleasePayload } from '../chain/escrow.js';
import type { StateProof } from '../chain/stateProof.js';
import { storageKeys } from '../chain/storageKeys.js';
import { generateHpkeKeyPair, type HpkeKeyPair } from '../crypto/hpke.js';
import { sr25519Signed } from '../crypto/signatures.js';
import { recoveryKeysRoot } from '../protocol/messages.js';
import type { EscrowMemberKeys } from './memberKeys.js';
import {
  type EscrowExport,
  type EscrowReleasesFile,
  EXPORT_FORMAT,
  type ExportedRequest,
  MAX_OFFLINE_FILE_BYTES,
  parseEscrowExport,
  parseReleasesFile,
  signEscrowExport,
} from './offline.js';
import {
  type DepositContext,
  escrowKeyEntry,
  makeEscrowDeposit,
  recoverKekFromEscrow,
} from './shares.js';

const genesisHash = randomAsU8a(32);
const chain = { registry: new TypeRegistry(), genesisHash };
const keyring = () => new Keyring({ type: 'sr25519' });
/** These tests check what the member checks without a state proof (`--trust-export`). */
const trustExport = { trustExport: true } as const;

interface Owner {
  tss: KeyringPair;
  restart: KeyringPair;
  kek: Uint8Array;
  deposit: EscrowDeposit;
  escrowKey: HpkeKeyPair;
  recoveryKeys: Uint8Array[];
  context: DepositContext;
  /** The committee its deposit was made for, in share order. */
  committee: EscrowMemberKeys[];
}

let members: EscrowMemberKeys[];
let alice: Owner;
let bob: Owner;

async function memberKeys(): Promise<EscrowMemberKeys> {
  const sealing = await generateHpkeKeyPair();
  return {
    signer: keyring().addFromSeed(randomAsU8a(32)),
    sealingPrivateKey: sealing.privateKey,
    sealingKey: sealing.publicKey,
  };
}

/** An owner whose epoch-7 deposit is for `committee` (default: generation 3, all members). */
async function owner(
  name: string,
  committee: { generation: number; members: EscrowMemberKeys[] } = { generation: 3, members },
): Promise<Owner> {
  const tss = keyring().addFromUri(`//${name}`);
  const restart = keyring().addFromUri(`//${name}/restart`);
  const kek = randomAsU8a(32);
  const context = {
    genesisHash,
    owner: tss.address,
    restartKey: restart.publicKey,
    epoch: 7,
    generation: committee.generation,
  };
  const deposit = await makeEscrowDeposit(kek.slice(), context, {
    threshold: 2,
    sealingKeys: committee.members.map((m) => m.sealingKey),
  });
  return {
    tss,
    restart,
    kek,
    deposit,
    escrowKey: await generateHpkeKeyPair(),
    recoveryKeys: [randomAsU8a(32), randomAsU8a(32)],
    context,
    committee: committee.members,
  };
}

/** `o`'s KEK from `releases`, combined as the owner does (2 of its committee). */
async function kekFrom(o: Owner, releases: { memberIndex: number; sealed: Uint8Array }[]) {
  return (
    await recoverKekFromEscrow(
      releases,
      o.escrowKey.privateKey,
      { commitments: o.deposit.commitments, threshold: 2 },
      o.context,
      2,
    )
  ).kek;
}

/** The request `o`'s restart key signs, as an export carries it for member `index`. */
function exported(o: Owner, index: number, incarnation = 2): ExportedRequest {
  const signature = signPayload(
    o.restart,
    coldRequestPayload(chain, o.tss.address, incarnation, o.recoveryKeys, o.escrowKey.publicKey),
  );
  return {
    owner: o.tss.address,
    incarnation,
    epoch: 7,
    restartKey: u8aToHex(o.restart.publicKey),
    escrowKey: u8aToHex(o.escrowKey.publicKey),
    recoveryKeys: o.recoveryKeys.map((k) => u8aToHex(k)),
    requestSignature: u8aToHex(signature),
    requestedAt: 100,
    approvedAt: 104,
    deposit: {
      generation: o.context.generation,
      memberIndex: index,
      sealingKey: u8aToHex(o.committee[index]!.sealingKey),
      sealedShare: u8aToHex(o.deposit.sealed[index]!),
      commitment: u8aToHex(o.deposit.commitments[index]!),
    },
  };
}

function exportFor(index: number, requests: ExportedRequest[]): EscrowExport {
  return {
    format: EXPORT_FORMAT,
    genesisHash: u8aToHex(genesisHash),
    finalized: { number: 110, hash: u8aToHex(randomAsU8a(32)) },
    member: { account: members[index]!.signer.address },
    requests,
    proof: null,
  };
}

beforeAll(async () => {
  await cryptoWaitReady();
  members = await Promise.all([0, 1, 2].map(() => memberKeys()));
  alice = await owner('Alice');
  bob = await owner('Bob');
});

describe('custos escrow sign (offline)', () => {
  it('releases from two offline members give each owner back its exact KEK', async () => {
    const signed = await Promise.all(
      [0, 2].map((i) =>
        signEscrowExport(
          exportFor(i, [exported(alice, i), exported(bob, i)]),
          members[i]!,
          genesisHash,
          trustExport,
        ),
      ),
    );
    for (const file of signed) {
      expect(file.refused).toEqual([]);
      expect(file.releases).toHaveLength(2);
      // What `custos escrow submit` reads back is what `sign` wrote.
      expect(parseReleasesFile(JSON.stringify(file))).toEqual(file);
    }
    for (const o of [alice, bob]) {
      const releases = signed.map((file) => {
        const r = file.releases.find((x) => x.owner === o.tss.address)!;
        // The chain checks this signature: the member's key over the release payload.
        const payload = escrowReleasePayload(
          chain,
          r.owner,
          r.incarnation,
          r.memberIndex,
          hexToU8a(r.sealed),
        );
        expect(
          sr25519Signed(
            blake2AsU8a(payload, 256),
            hexToU8a(r.signature),
            members[r.memberIndex]!.signer.publicKey,
          ),
        ).toBe(true);
        return { memberIndex: r.memberIndex, sealed: hexToU8a(r.sealed) };
      });
      expect(await kekFrom(o, releases)).toEqual(o.kek);
    }
  });

  it('refuses an escrow key the restart key did not sign (a networked machine substituting its own)', async () => {
    const attacker = await generateHpkeKeyPair();
    const request = { ...exported(alice, 1), escrowKey: u8aToHex(attacker.publicKey) };
    const out = await signEscrowExport(
      exportFor(1, [request, exported(bob, 1)]),
      members[1]!,
      genesisHash,
      trustExport,
    );
    expect(out.refused).toEqual([
      expect.objectContaining({
        request: `${alice.tss.address}/2`,
        code: 'REQUEST_SIGNATURE_INVALID',
      }),
    ]);
    // Only Bob's untouched request was released.
    expect(out.releases.map((r) => r.owner)).toEqual([bob.tss.address]);
  });

  it('refuses recovery keys the restart key did not sign', async () => {
    const request = { ...exported(alice, 1), recoveryKeys: [u8aToHex(randomAsU8a(32))] };
    const out = await signEscrowExport(
      exportFor(1, [request]),
      members[1]!,
      genesisHash,
      trustExport,
    );
    expect(out.refused.map((r) => r.code)).toEqual(['REQUEST_SIGNATURE_INVALID']);
    expect(out.releases).toEqual([]);
  });

  it('cannot be made to open the real share under a restart key the attacker holds', async () => {
    // The attacker signs a request for its own escrow key with its own "restart key": the
    // signature checks, but the owner bound its real restart key into the deposit.
    const fake = keyring().addFromUri('//Attacker/restart');
    const attackerKey = await generateHpkeKeyPair();
    const signature = signPayload(
      fake,
      coldRequestPayload(chain, alice.tss.address, 2, alice.recoveryKeys, attackerKey.publicKey),
    );
    const request: ExportedRequest = {
      ...exported(alice, 1),
      restartKey: u8aToHex(fake.publicKey),
      escrowKey: u8aToHex(attackerKey.publicKey),
      requestSignature: u8aToHex(signature),
    };
    const out = await signEscrowExport(
      exportFor(1, [request]),
      members[1]!,
      genesisHash,
      trustExport,
    );
    expect(out.refused.map((r) => r.code)).toEqual(['SHARE_UNOPENABLE']);
    expect(out.releases).toEqual([]);
  });

  it("refuses one owner's deposit paired with another owner's request, epoch or generation", async () => {
    const swapped = { ...exported(alice, 1), deposit: exported(bob, 1).deposit };
    const otherEpoch = { ...exported(alice, 1), epoch: 8 };
    for (const request of [swapped, otherEpoch]) {
      const out = await signEscrowExport(
        exportFor(1, [request]),
        members[1]!,
        genesisHash,
        trustExport,
      );
      expect(out.refused.map((r) => r.code)).toEqual(['SHARE_UNOPENABLE']);
    }
    const otherGeneration = exported(alice, 1);
    otherGeneration.deposit.generation = 4;
    // Another member index than the one the share was sealed for.
    const otherIndex = exported(alice, 1);
    otherIndex.deposit.memberIndex = 0;
    for (const request of [otherGeneration, otherIndex]) {
      const out = await signEscrowExport(
        exportFor(1, [request]),
        members[1]!,
        genesisHash,
        trustExport,
      );
      expect(out.refused.map((r) => r.code)).toEqual(['SHARE_UNOPENABLE']);
    }
    // The right share under a commitment that is not its own.
    const wrongCommitment = {
      ...exported(alice, 1),
      deposit: { ...exported(alice, 1).deposit, commitment: exported(alice, 0).deposit.commitment },
    };
    const mismatch = await signEscrowExport(
      exportFor(1, [wrongCommitment]),
      members[1]!,
      genesisHash,
      trustExport,
    );
    expect(mismatch.refused.map((r) => r.code)).toEqual(['COMMITMENT_MISMATCH']);
  });

  it('releases to neither request of an owner named twice, whatever their order', async () => {
    const a = exported(alice, 1, 2);
    const b = exported(bob, 1, 2);
    const replayed = exported(alice, 1, 1);
    // Another spelling of the same account (hex instead of SS58) is the same owner.
    const respelled = { ...exported(alice, 1, 2), owner: u8aToHex(alice.tss.publicKey) };
    for (const requests of [
      [a, b, replayed],
      [replayed, b, a],
      [respelled, b, a],
    ]) {
      const out = await signEscrowExport(
        exportFor(1, requests),
        members[1]!,
        genesisHash,
        trustExport,
      );
      expect(out.releases.map((r) => `${r.owner}/${r.incarnation}`)).toEqual([
        `${bob.tss.address}/2`,
      ]);
      expect(out.refused.map((r) => r.code)).toEqual(['DUPLICATE_REQUEST', 'DUPLICATE_REQUEST']);
    }
  });

  it('refuses a low-order escrow key the restart key signed, and still releases the others', async () => {
    for (const lowOrder of [new Uint8Array(32), Uint8Array.from([1, ...new Array(31).fill(0)])]) {
      const signature = signPayload(
        alice.restart,
        coldRequestPayload(chain, alice.tss.address, 2, alice.recoveryKeys, lowOrder),
      );
      const request: ExportedRequest = {
        ...exported(alice, 1),
        escrowKey: u8aToHex(lowOrder),
        requestSignature: u8aToHex(signature),
      };
      const out = await signEscrowExport(
        exportFor(1, [request, exported(bob, 1)]),
        members[1]!,
        genesisHash,
        trustExport,
      );
      expect(out.refused.map((r) => r.code)).toEqual(['ESCROW_KEY_INVALID']);
      expect(out.releases.map((r) => r.owner)).toEqual([bob.tss.address]);
    }
  });

  it('refuses, as a whole, a file for another member or chain', async () => {
    const file = exportFor(1, [exported(alice, 1)]);
    await expect(
      signEscrowExport(file, members[0]!, genesisHash, trustExport),
    ).rejects.toMatchObject({
      code: 'WRONG_MEMBER',
    });
    await expect(
      signEscrowExport(file, members[1]!, randomAsU8a(32), trustExport),
    ).rejects.toMatchObject({
      code: 'WRONG_CHAIN',
    });
    const pinned = await signEscrowExport(file, members[1]!, genesisHash, trustExport);
    expect(pinned.releases).toHaveLength(1);
  });
});

describe('requests of several committee generations', () => {
  it('releases each under its own generation and index, and refuses one whose committee registers another sealing key', async () => {
    // Carol deposited for generation 5, where member 1 of generation 3 sits at index 0
    // (governance replaced the committee while she was down, or after).
    const carol = await owner('Carol', { generation: 5, members: [members[1]!, members[2]!] });
    const inGeneration5 = (index: number) => exported(carol, index);
    const out = await signEscrowExport(
      exportFor(1, [exported(alice, 1), inGeneration5(0)]),
      members[1]!,
      genesisHash,
      trustExport,
    );
    expect(out.refused).toEqual([]);
    expect(out.releases.map((r) => [r.owner, r.memberIndex])).toEqual([
      [alice.tss.address, 1],
      [carol.tss.address, 0],
    ]);
    // Carol gets her KEK from generation 5's two members (member 2 sits at index 1 there).
    const second = await signEscrowExport(
      exportFor(2, [inGeneration5(1)]),
      members[2]!,
      genesisHash,
      trustExport,
    );
    const releases = [...out.releases, ...second.releases]
      .filter((r) => r.owner === carol.tss.address)
      .map((r) => ({ memberIndex: r.memberIndex, sealed: hexToU8a(r.sealed) }));
    expect(await kekFrom(carol, releases)).toEqual(carol.kek);
    // A request whose committee registers another sealing key for this member is refused,
    // the others still released.
    const foreignKey = inGeneration5(0);
    foreignKey.deposit.sealingKey = u8aToHex(members[0]!.sealingKey);
    const mixed = await signEscrowExport(
      exportFor(1, [foreignKey, exported(alice, 1)]),
      members[1]!,
      genesisHash,
      trustExport,
    );
    expect(mixed.refused.map((r) => r.code)).toEqual(['SEALING_KEY_MISMATCH']);
    expect(mixed.releases.map((r) => r.owner)).toEqual([alice.tss.address]);
  });
});

/**
 * With `--block`: the export carries a read proof, and the member checks every request
 * against the state it proves at the block its operator trusts. The states here are real
 * tries (built with the same smoldot code that checks them) under real headers; the
 * validator outage test runs the same against a real node's proofs.
 */
describe('with a state proof of a trusted block', () => {
  const types = new TypeRegistry();
  types.register(lookup as unknown as RegistryTypes);
  const encode = (type: string, value: unknown) => types.createType(type, value).toU8a();
  const operatorOf = (o: Owner) => blake2AsU8a(o.tss.publicKey, 256);
  const committeeValue = (generation: number, seats: EscrowMemberKeys[]) =>
    encode('PalletCustosBackupsEscrowEscrowCommittee', {
      generation,
      threshold: 2,
      members: seats.map((m) => ({ account: m.signer.publicKey, sealingKey: m.sealingKey })),
    });

  /** The chain's state after governance approved `owners`' requests for incarnation 2. */
  function approvedState(owners: Owner[]): Map<string, Uint8Array> {
    const state = new Map<string, Uint8Array>();
    const put = (key: Uint8Array, value: Uint8Array) => state.set(u8aToHex(key), value);
    put(storageKeys.genesisHash(), genesisHash);
    put(storageKeys.committee(), committeeValue(3, members));
    for (const o of owners) {
      const account = o.tss.publicKey;
      put(
        storageKeys.coldRequest(account),
        encode('PalletCustosBackupsEscrowColdRequest', {
          incarnation: 2,
          epoch: 7,
          escrowKey: o.escrowKey.publicKey,
          requestedAt: 100,
          approvedAt: 104,
        }),
      );
      put(
        storageKeys.attestation(account),
        encode('PalletCustosAttestationAttestationRecord', {
          incarnation: 2,
          recoveryKeysRoot: recoveryKeysRoot([
            ...o.recoveryKeys,
            escrowKeyEntry(o.escrowKey.publicKey),
          ]),
          attestedAt: 99,
          measurement: new Uint8Array(32),
        }),
      );
      put(storageKeys.tssOperator(account), operatorOf(o));
      put(
        storageKeys.validator(operatorOf(o)),
        encode('PalletCustosRegistryValidatorInfo', {
          server: {
            tssAccount: account,
            x25519PublicKey: new Uint8Array(32),
            endpoint: 'http://127.0.0.1:1',
            restartKey: o.restart.publicKey,
          },
          status: 'Validating',
          bond: 1,
          registeredAt: 1,
        }),
      );
      put(
        storageKeys.escrowDeposit(account, 7),
        encode('PalletCustosBackupsEscrowEscrowDeposit', {
          generation: o.context.generation,
          sequence: 1,
          sealed: o.deposit.sealed,
          commitments: o.deposit.commitments,
        }),
      );
    }
    return state;
  }

  /** A proof of all of `state` under a header for block 110; `block` is its hash. */
  async function prove(
    state: Map<string, Uint8Array>,
  ): Promise<{ proof: StateProof; block: Uint8Array }> {
    const updates = new Map([...state].map(([key, value]) => [key, u8aToHex(value)]));
    const [stateRoot, nodes] = (await executor.create_proof([], updates)) as [string, string[]];
    const header = types.createType('Header', {
      parentHash: randomAsU8a(32),
      number: 110,
      stateRoot,
      extrinsicsRoot: randomAsU8a(32),
      digest: { logs: [] },
    });
    return { proof: { header: header.toHex(), nodes }, block: header.hash.toU8a() };
  }

  async function signProven(
    index: number,
    requests: ExportedRequest[],
    state: Map<string, Uint8Array>,
    trustedBlock?: Uint8Array,
  ) {
    const { proof, block } = await prove(state);
    return signEscrowExport(
      { ...exportFor(index, requests), proof },
      members[index]!,
      genesisHash,
      { trustedBlock: trustedBlock ?? block },
    );
  }

  const codes = (out: EscrowReleasesFile) =>
    out.refused.map((r) => [r.request.split('/')[0], r.code]);

  it('releases what the proven state shows, and each owner gets its exact KEK back', async () => {
    const state = approvedState([alice, bob]);
    const signed = await Promise.all(
      [0, 1].map((i) => signProven(i, [exported(alice, i), exported(bob, i)], state)),
    );
    for (const out of signed) {
      expect(out.refused).toEqual([]);
      expect(out.provenAt?.number).toBe(110);
      expect(parseReleasesFile(JSON.stringify(out))).toEqual(out);
    }
    for (const o of [alice, bob]) {
      const releases = signed.map((out) => {
        const r = out.releases.find((x) => x.owner === o.tss.address)!;
        return { memberIndex: r.memberIndex, sealed: hexToU8a(r.sealed) };
      });
      expect(await kekFrom(o, releases)).toEqual(o.kek);
    }
  });

  it('refuses an escrow key swapped in by someone holding the restart key, which the signature check alone lets through', async () => {
    // The threat the proof closes: the owner's host can read its restart key, sign a
    // request for its own escrow key and hand that to the member.
    const attacker = await generateHpkeKeyPair();
    const forged = exported(alice, 1);
    forged.escrowKey = u8aToHex(attacker.publicKey);
    forged.requestSignature = u8aToHex(
      signPayload(
        alice.restart,
        coldRequestPayload(chain, alice.tss.address, 2, alice.recoveryKeys, attacker.publicKey),
      ),
    );
    const unproven = await signEscrowExport(
      exportFor(1, [forged]),
      members[1]!,
      genesisHash,
      trustExport,
    );
    expect(unproven.releases).toHaveLength(1);
    const out = await signProven(1, [forged, exported(bob, 1)], approvedState([alice, bob]));
    expect(codes(out)).toEqual([[alice.tss.address, 'STATE_MISMATCH']]);
    expect(out.refused[0]!.reason).toContain('escrowKey');
    expect(out.releases.map((r) => r.owner)).toEqual([bob.tss.address]);
  });

  it('refuses the whole file for a proof of another block, or a state the networked machine made up', async () => {
    const state = approvedState([alice]);
    const trusted = (await prove(state)).block;
    // The same state under another header (the machine's own), checked against the
    // trusted hash: nothing is released.
    await expect(signProven(1, [exported(alice, 1)], state, trusted)).rejects.toMatchObject({
      code: 'PROOF_BLOCK_MISMATCH',
    });
    const { proof } = await prove(state);
    await expect(
      signEscrowExport(
        { ...exportFor(1, [exported(alice, 1)]), proof: null },
        members[1]!,
        genesisHash,
        {
          trustedBlock: trusted,
        },
      ),
    ).rejects.toMatchObject({ code: 'PROOF_MISSING' });
    // Nodes that belong to no trie under the header (padding, or another block's) are refused.
    const padded = { ...proof, nodes: [...proof.nodes, '0x80ffff'] };
    const withPadding = { ...exportFor(1, [exported(alice, 1)]), proof: padded };
    await expect(
      signEscrowExport(withPadding, members[1]!, genesisHash, {
        trustedBlock: blake2AsU8a(hexToU8a(proof.header), 256),
      }),
    ).rejects.toMatchObject({ code: 'PROOF_MALFORMED' });
    // A header with a byte more hashes to another block; the same bytes trusted still do
    // not decode as one header.
    const longer = { ...proof, header: `${proof.header}00` };
    await expect(
      signEscrowExport(
        { ...exportFor(1, [exported(alice, 1)]), proof: longer },
        members[1]!,
        genesisHash,
        {
          trustedBlock: blake2AsU8a(hexToU8a(longer.header), 256),
        },
      ),
    ).rejects.toMatchObject({ code: 'PROOF_MALFORMED' });
  });

  it('refuses the whole file when the proven state records another genesis, or none', async () => {
    const other = approvedState([alice]);
    other.set(u8aToHex(storageKeys.genesisHash()), randomAsU8a(32));
    await expect(signProven(1, [exported(alice, 1)], other)).rejects.toMatchObject({
      code: 'WRONG_CHAIN',
    });
    const none = approvedState([alice]);
    none.delete(u8aToHex(storageKeys.genesisHash()));
    await expect(signProven(1, [exported(alice, 1)], none)).rejects.toMatchObject({
      code: 'NOT_PROVEN',
    });
  });

  it('refuses, request by request, what the proven state does not support', async () => {
    const cases: [string, (state: Map<string, Uint8Array>) => void, string][] = [
      [
        'an unapproved request',
        (s) =>
          s.set(
            u8aToHex(storageKeys.coldRequest(alice.tss.publicKey)),
            encode('PalletCustosBackupsEscrowColdRequest', {
              incarnation: 2,
              epoch: 7,
              escrowKey: alice.escrowKey.publicKey,
              requestedAt: 100,
              approvedAt: null,
            }),
          ),
        'NOT_APPROVED',
      ],
      [
        'a newer attested incarnation',
        (s) =>
          s.set(
            u8aToHex(storageKeys.attestation(alice.tss.publicKey)),
            encode('PalletCustosAttestationAttestationRecord', {
              incarnation: 3,
              recoveryKeysRoot: new Uint8Array(32),
              attestedAt: 105,
              measurement: new Uint8Array(32),
            }),
          ),
        'SUPERSEDED',
      ],
      [
        'keys the restart quote did not bind',
        (s) =>
          s.set(
            u8aToHex(storageKeys.attestation(alice.tss.publicKey)),
            encode('PalletCustosAttestationAttestationRecord', {
              incarnation: 2,
              recoveryKeysRoot: randomAsU8a(32),
              attestedAt: 99,
              measurement: new Uint8Array(32),
            }),
          ),
        'KEYS_NOT_ATTESTED',
      ],
      [
        'another registered restart key',
        (s) =>
          s.set(
            u8aToHex(storageKeys.validator(operatorOf(alice))),
            encode('PalletCustosRegistryValidatorInfo', {
              server: {
                tssAccount: alice.tss.publicKey,
                x25519PublicKey: new Uint8Array(32),
                endpoint: 'http://127.0.0.1:1',
                restartKey: randomAsU8a(32),
              },
              status: 'Validating',
              bond: 1,
              registeredAt: 1,
            }),
          ),
        'STATE_MISMATCH',
      ],
      [
        'a deposit of another owner',
        (s) =>
          s.set(
            u8aToHex(storageKeys.escrowDeposit(alice.tss.publicKey, 7)),
            s.get(u8aToHex(storageKeys.escrowDeposit(bob.tss.publicKey, 7)))!,
          ),
        'STATE_MISMATCH',
      ],
      [
        'no deposit in the proof',
        (s) => s.delete(u8aToHex(storageKeys.escrowDeposit(alice.tss.publicKey, 7))),
        'NOT_PROVEN',
      ],
      [
        'a value with a non-canonical Option tag (polkadot.js reads 0x02 as Some)',
        (s) => {
          const key = u8aToHex(storageKeys.coldRequest(alice.tss.publicKey));
          const value = s.get(key)!.slice();
          value[44] = 2; // incarnation, epoch, escrow key, requested-at: the tag follows
          s.set(key, value);
        },
        'NOT_PROVEN',
      ],
      [
        'a value that does not decode',
        (s) =>
          s.set(u8aToHex(storageKeys.coldRequest(alice.tss.publicKey)), new Uint8Array([1, 2])),
        'NOT_PROVEN',
      ],
    ];
    for (const [what, change, code] of cases) {
      const state = approvedState([alice, bob]);
      change(state);
      const out = await signProven(1, [exported(alice, 1), exported(bob, 1)], state);
      expect(codes(out), what).toEqual([[alice.tss.address, code]]);
      expect(
        out.releases.map((r) => r.owner),
        what,
      ).toEqual([bob.tss.address]);
    }
  });

  it('finds a retired committee of the deposit’s generation, and refuses when the proof lacks it', async () => {
    const carol = await owner('Carol', { generation: 2, members: [members[2]!, members[1]!] });
    const state = approvedState([carol]);
    state.set(
      u8aToHex(storageKeys.retiredCommittee(2)),
      committeeValue(2, [members[2]!, members[1]!]),
    );
    const out = await signProven(1, [exported(carol, 1)], state);
    expect(out.refused).toEqual([]);
    expect(out.releases.map((r) => r.memberIndex)).toEqual([1]);
    state.delete(u8aToHex(storageKeys.retiredCommittee(2)));
    expect(codes(await signProven(1, [exported(carol, 1)], state))).toEqual([
      [carol.tss.address, 'NOT_PROVEN'],
    ]);
  });
});

describe('export and releases files', () => {
  const valid = () => JSON.parse(JSON.stringify(exportFor(1, [exported(alice, 1)])));

  it('parse back what was written', () => {
    const file = valid();
    expect(parseEscrowExport(JSON.stringify(file))).toEqual(file);
  });

  it.each([
    ['not JSON', () => '{', 'export: not JSON'],
    ['another format', () => ({ ...valid(), format: 'custos/escrow-export/1' }), 'format'],
    ['a short escrow key', () => withRequest({ escrowKey: '0x1234' }), 'requests.0.escrowKey'],
    [
      'upper-case hex',
      () =>
        withRequest({ restartKey: u8aToHex(randomAsU8a(32)).toUpperCase().replace('0X', '0x') }),
      'requests.0.restartKey',
    ],
    [
      'a sealed share of the wrong size',
      () => withRequest({ deposit: { ...valid().requests[0].deposit, sealedShare: '0x00' } }),
      'requests.0.deposit.sealedShare',
    ],
    [
      'a member index beyond the committee bound',
      () => withRequest({ deposit: { ...valid().requests[0].deposit, memberIndex: 256 } }),
      'requests.0.deposit.memberIndex',
    ],
    [
      'a missing signature',
      () => withRequest({ requestSignature: undefined }),
      'requests.0.requestSignature',
    ],
    ['an extra field', () => withRequest({ note: 'trust me' }), 'requests.0'],
    ['no proof field', () => ({ ...valid(), proof: undefined }), 'proof'],
    [
      'a proof node of odd length',
      () => ({ ...valid(), proof: { header: '0x00', nodes: ['0x123'] } }),
      'proof.nodes.0',
    ],
    [
      'an oversized proof node',
      () => ({ ...valid(), proof: { header: '0x00', nodes: [`0x${'ab'.repeat(70_000)}`] } }),
      'proof.nodes.0',
    ],
    [
      'an oversized header',
      () => ({ ...valid(), proof: { header: `0x${'ab'.repeat(3000)}`, nodes: [] } }),
      'proof.header',
    ],
    [
      'an extra proof field',
      () => ({ ...valid(), proof: { header: '0x00', nodes: [], root: '0x00' } }),
      'proof',
    ],
    ['incarnation 0', () => withRequest({ incarnation: 0 }), 'requests.0.incarnation'],
    ['a negative epoch', () => withRequest({ epoch: -1 }), 'requests.0.epoch'],
    ['a bad owner', () => withRequest({ owner: 'not-an-account' }), 'requests.0.owner'],
    ['a huge owner string', () => withRequest({ owner: '5'.repeat(400_000) }), 'requests.0.owner'],
    [
      'too many recovery keys',
      () => withRequest({ recoveryKeys: Array(65).fill(u8aToHex(randomAsU8a(32))) }),
      'requests.0.recoveryKeys',
    ],
    [
      'too many requests',
      () => ({ ...valid(), requests: Array(1001).fill(valid().requests[0]) }),
      'requests',
    ],
  ])('refuse %s, naming the field', (_what, make, field) => {
    const value = make();
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    expect(() => parseEscrowExport(text)).toThrow(
      expect.objectContaining({ code: 'FILE_MALFORMED', message: expect.stringContaining(field) }),
    );
  });

  it('refuse a file larger than the limit before parsing it', () => {
    const text = `${JSON.stringify(valid())}${' '.repeat(MAX_OFFLINE_FILE_BYTES)}`;
    expect(() => parseEscrowExport(text)).toThrow(
      expect.objectContaining({ code: 'FILE_TOO_LARGE' }),
    );
    expect(() => parseReleasesFile(text)).toThrow(
      expect.objectContaining({ code: 'FILE_TOO_LARGE' }),
    );
  });

  it('refuse a releases file with a malformed release', () => {
    const file = {
      format: 'custos/escrow-releases/3',
      genesisHash: u8aToHex(genesisHash),
      member: { account: members[0]!.signer.address },
      provenAt: null,
      releases: [
        {
          owner: alice.tss.address,
          incarnation: 2,
          memberIndex: 0,
          sealed: '0x00',
          signature: u8aToHex(randomAsU8a(64)),
        },
      ],
      refused: [],
    };
    expect(() => parseReleasesFile(JSON.stringify(file))).toThrow(
      expect.objectContaining({ message: expect.stringContaining('releases.0.sealed') }),
    );
  });

  function withRequest(change: Record<string, unknown>) {
    const file = valid();
    file.requests[0] = { ...file.requests[0], ...change };
    return file;
  }
});
