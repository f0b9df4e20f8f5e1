/**
 * The SubQuery manifest (typed). `subql build` turns it into project.yaml next to dist/.
 * `chainId` is the genesis hash of the committed development chain spec; the runner
 * (tools/indexer/) writes a per-run copy with the genesis hash of the chain it indexes, so
 * the same build serves any chain running our runtime.
 */
import { SubstrateDatasourceKind, SubstrateHandlerKind, type SubstrateProject } from '@subql/types';

/**
 * One handler per event of our pallets, written out: the handler's name is the export of
 * indexer/src/mappings/ that runs for it (test/unit/indexerEvents.test.ts checks both
 * against the runtime's metadata).
 */
const onEvent = (module: string, method: string, handler: string) => ({
  kind: SubstrateHandlerKind.Event as const,
  handler,
  filter: { module, method },
});

const EVENT_HANDLERS = [
  onEvent('registry', 'ValidatorRegistered', 'handleRegistryValidatorRegistered'),
  onEvent('registry', 'ValidatorChilled', 'handleRegistryValidatorChilled'),
  onEvent('registry', 'ValidatorResumed', 'handleRegistryValidatorResumed'),
  onEvent('registry', 'ValidatorLeft', 'handleRegistryValidatorLeft'),
  onEvent('registry', 'ValidatorRemoved', 'handleRegistryValidatorRemoved'),
  onEvent('registry', 'NewSession', 'handleRegistryNewSession'),
  onEvent('registry', 'SessionLengthChanged', 'handleRegistrySessionLengthChanged'),
  onEvent('attestation', 'Attested', 'handleAttestationAttested'),
  onEvent('attestation', 'RestartAttested', 'handleAttestationRestartAttested'),
  onEvent('attestation', 'AttestationRejected', 'handleAttestationAttestationRejected'),
  onEvent('attestation', 'MeasurementAdded', 'handleAttestationMeasurementAdded'),
  onEvent('attestation', 'MeasurementRemoved', 'handleAttestationMeasurementRemoved'),
  onEvent('attestation', 'TrustPolicyChanged', 'handleAttestationTrustPolicyChanged'),
  onEvent('attestation', 'TdPolicySet', 'handleAttestationTdPolicySet'),
  onEvent('attestation', 'CollateralCached', 'handleAttestationCollateralCached'),
  onEvent('attestation', 'CollateralRemoved', 'handleAttestationCollateralRemoved'),
  onEvent('attestation', 'CollateralExpiring', 'handleAttestationCollateralExpiring'),
  onEvent('attestation', 'CollateralPolicySet', 'handleAttestationCollateralPolicySet'),
  onEvent('backups', 'ProvidersAssigned', 'handleBackupsProvidersAssigned'),
  onEvent('backups', 'Reassigned', 'handleBackupsReassigned'),
  onEvent('backups', 'UnderProvisioned', 'handleBackupsUnderProvisioned'),
  onEvent('backups', 'ReshareNeeded', 'handleBackupsReshareNeeded'),
  onEvent('backups', 'EpochConfirmed', 'handleBackupsEpochConfirmed'),
  onEvent('backups', 'CheckpointAnchored', 'handleBackupsCheckpointAnchored'),
  onEvent('backups', 'ReleaseRecorded', 'handleBackupsReleaseRecorded'),
  onEvent('backups', 'OwnerRemoved', 'handleBackupsOwnerRemoved'),
  onEvent('backups', 'ParamsChanged', 'handleBackupsParamsChanged'),
  onEvent('backups', 'RollbackAccepted', 'handleBackupsRollbackAccepted'),
  onEvent('backups', 'BadShareProven', 'handleBackupsBadShareProven'),
  onEvent('backups', 'EscrowCommitteeSet', 'handleBackupsEscrowCommitteeSet'),
  onEvent('backups', 'EscrowCommitteeCleared', 'handleBackupsEscrowCommitteeCleared'),
  onEvent('backups', 'EscrowDeposited', 'handleBackupsEscrowDeposited'),
  onEvent('backups', 'ColdRecoveryRequested', 'handleBackupsColdRecoveryRequested'),
  onEvent('backups', 'ColdRecoveryApproved', 'handleBackupsColdRecoveryApproved'),
  onEvent('backups', 'ColdApprovalSkipped', 'handleBackupsColdApprovalSkipped'),
  onEvent('backups', 'EscrowShareReleased', 'handleBackupsEscrowShareReleased'),
  onEvent('backups', 'ColdRecoveryClosed', 'handleBackupsColdRecoveryClosed'),
];

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
          ...EVENT_HANDLERS,
        ],
      },
    },
  ],
};

export default project;
