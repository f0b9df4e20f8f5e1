/**
 * The events this project indexes: pallet (event section) → event → field names, in
 * metadata order and camelCase as @polkadot/types names them. No imports, so the root's
 * unit tests can check it against chain/artifacts/metadata.json and the built manifest.
 */
export const EVENT_FIELDS = {
  registry: {
    ValidatorRegistered: [
      'operator',
      'tssAccount',
      'x25519PublicKey',
      'endpoint',
      'restartKey',
      'bond',
    ],
    ValidatorChilled: ['operator'],
    ValidatorResumed: ['operator'],
    ValidatorLeft: ['operator', 'tssAccount'],
    ValidatorRemoved: ['operator', 'tssAccount'],
    NewSession: ['index', 'active', 'entered', 'left'],
    SessionLengthChanged: ['blocks'],
  },
  attestation: {
    Attested: ['tssAccount', 'incarnation', 'measurement', 'recoveryPublicKey'],
    RestartAttested: [
      'tssAccount',
      'incarnation',
      'recoveryKeysRoot',
      'measurement',
      'quotedBlock',
      'quoteHash',
    ],
    AttestationRejected: ['tssAccount', 'incarnation', 'reason'],
    MeasurementAdded: ['measurement'],
    MeasurementRemoved: ['measurement'],
    TrustPolicyChanged: ['intelEnabled', 'devPckKeys'],
    TdPolicySet: ['policy'],
    CollateralCached: ['key', 'tcbEvaluationNumber', 'expiresAt', 'uploader'],
    CollateralRemoved: ['key'],
    CollateralExpiring: ['key', 'expiresAt'],
    CollateralPolicySet: ['policy'],
  },
  backups: {
    ProvidersAssigned: ['owner', 'epoch', 'providers', 'threshold'],
    Reassigned: ['owner', 'epoch', 'added', 'removed', 'forced'],
    UnderProvisioned: ['owner', 'have', 'need'],
    ReshareNeeded: ['provider', 'owners'],
    EpochConfirmed: ['owner', 'epoch', 'holders', 'commitments', 'threshold', 'storeVersion'],
    CheckpointAnchored: ['owner', 'storeVersion'],
    ReleaseRecorded: ['provider', 'owner', 'incarnation'],
    OwnerRemoved: ['owner'],
    ParamsChanged: ['params'],
    RollbackAccepted: ['owner', 'incarnation', 'anchoredVersion', 'acceptedVersion'],
    BadShareProven: ['owner', 'provider', 'incarnation', 'epoch', 'commitment', 'kind', 'released'],
    EscrowCommitteeSet: ['generation', 'members', 'threshold'],
    EscrowCommitteeCleared: ['generation'],
    EscrowDeposited: ['owner', 'epoch', 'generation', 'commitments'],
    ColdRecoveryRequested: ['owner', 'incarnation', 'epoch', 'escrowKey', 'intactHolders'],
    ColdRecoveryApproved: ['owner', 'incarnation'],
    ColdApprovalSkipped: ['owner', 'incarnation', 'reason'],
    EscrowShareReleased: ['owner', 'incarnation', 'memberIndex', 'member'],
    ColdRecoveryClosed: ['owner', 'incarnation', 'epoch'],
  },
} as const;
