/**
 * The SubQuery manifest (typed). `subql build` turns it into project.yaml next to dist/.
 * `chainId` is the genesis hash of the committed development chain spec; the runner
 * (tools/indexer/) writes a per-run copy with the genesis hash of the chain it indexes, so
 * the same build serves any chain running our runtime.
 */
import { SubstrateDatasourceKind, SubstrateHandlerKind, type SubstrateProject } from '@subql/types';

/** Every event of our pallets, each with its own handler `handle<Pallet><Event>`. */
const EVENTS = {
  registry: [
    'ValidatorRegistered',
    'ValidatorChilled',
    'ValidatorResumed',
    'ValidatorLeft',
    'NewSession',
    'SessionLengthChanged',
  ],
  attestation: [
    'Attested',
    'RestartAttested',
    'AttestationRejected',
    'MeasurementAdded',
    'MeasurementRemoved',
    'TrustPolicyChanged',
    'TdPolicySet',
    'CollateralCached',
    'CollateralRemoved',
    'CollateralExpiring',
    'CollateralPolicySet',
  ],
  backups: [
    'ProvidersAssigned',
    'Reassigned',
    'UnderProvisioned',
    'ReshareNeeded',
    'EpochConfirmed',
    'CheckpointAnchored',
    'ReleaseRecorded',
    'OwnerRemoved',
    'ParamsChanged',
    'RollbackAccepted',
    'BadShareProven',
    'EscrowCommitteeSet',
    'EscrowCommitteeCleared',
    'EscrowDeposited',
    'ColdRecoveryRequested',
    'ColdRecoveryApproved',
    'EscrowShareReleased',
    'ColdRecoveryClosed',
  ],
} as const;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const project: SubstrateProject = {
  specVersion: '1.0.0',
  version: '0.1.0',
  name: 'custos-indexer',
  description: 'custos: validators, attestations, backups and derived misbehaviour',
  runner: {
    node: { name: '@subql/node', version: '>=6.0.0' },
    query: { name: '@subql/query', version: '*' },
  },
  schema: { file: './schema.graphql' },
  network: {
    chainId: '0x0000000000000000000000000000000000000000000000000000000000000000',
    endpoint: ['ws://127.0.0.1:9944'],
  },
  dataSources: [
    {
      kind: SubstrateDatasourceKind.Runtime,
      startBlock: 1,
      mapping: {
        file: './dist/index.js',
        handlers: [
          // Deadlines (DID_NOT_SERVE, AT_RISK, ESCROW_DID_NOT_SERVE) are checked once per block, before its events.
          { kind: SubstrateHandlerKind.Block, handler: 'handleBlockDeadlines' },
          ...Object.entries(EVENTS).flatMap(([module, methods]) =>
            methods.map((method) => ({
              kind: SubstrateHandlerKind.Event as const,
              handler: `handle${capitalise(module)}${method}`,
              filter: { module, method },
            })),
          ),
        ],
      },
    },
  ],
};

export default project;
