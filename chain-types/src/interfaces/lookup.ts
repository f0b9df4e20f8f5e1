// Auto-generated via `yarn polkadot-types-from-defs`, do not edit
/* eslint-disable */

/* eslint-disable sort-keys */

export default {
  /**
   * Lookup9: frame_system::pallet::Call<T>
   **/
  FrameSystemCall: {
    _enum: {
      remark: {
        remark: 'Bytes',
      },
      set_heap_pages: {
        pages: 'u64',
      },
      set_code: {
        code: 'Bytes',
      },
      set_code_without_checks: {
        code: 'Bytes',
      },
      set_storage: {
        items: 'Vec<(Bytes,Bytes)>',
      },
      kill_storage: {
        _alias: {
          keys_: 'keys',
        },
        keys_: 'Vec<Bytes>',
      },
      kill_prefix: {
        prefix: 'Bytes',
        subkeys: 'u32',
      },
      remark_with_event: {
        remark: 'Bytes',
      },
      __Unused8: 'Null',
      authorize_upgrade: {
        codeHash: 'H256',
      },
      authorize_upgrade_without_checks: {
        codeHash: 'H256',
      },
      apply_authorized_upgrade: {
        code: 'Bytes'
      }
    }
  },
  /**
   * Lookup16: pallet_timestamp::pallet::Call<T>
   **/
  PalletTimestampCall: {
    _enum: {
      set: {
        now: 'Compact<u64>'
      }
    }
  },
  /**
   * Lookup18: pallet_balances::pallet::Call<T, I>
   **/
  PalletBalancesCall: {
    _enum: {
      transfer_allow_death: {
        dest: 'MultiAddress',
        value: 'Compact<u128>',
      },
      __Unused1: 'Null',
      force_transfer: {
        source: 'MultiAddress',
        dest: 'MultiAddress',
        value: 'Compact<u128>',
      },
      transfer_keep_alive: {
        dest: 'MultiAddress',
        value: 'Compact<u128>',
      },
      transfer_all: {
        dest: 'MultiAddress',
        keepAlive: 'bool',
      },
      force_unreserve: {
        who: 'MultiAddress',
        amount: 'u128',
      },
      upgrade_accounts: {
        who: 'Vec<AccountId32>',
      },
      __Unused7: 'Null',
      force_set_balance: {
        who: 'MultiAddress',
        newFree: 'Compact<u128>',
      },
      force_adjust_total_issuance: {
        direction: 'PalletBalancesAdjustmentDirection',
        delta: 'Compact<u128>',
      },
      burn: {
        value: 'Compact<u128>',
        keepAlive: 'bool'
      }
    }
  },
  /**
   * Lookup23: pallet_balances::types::AdjustmentDirection
   **/
  PalletBalancesAdjustmentDirection: {
    _enum: ['Increase', 'Decrease']
  },
  /**
   * Lookup24: pallet_sudo::pallet::Call<T>
   **/
  PalletSudoCall: {
    _enum: {
      sudo: {
        call: 'Call',
      },
      sudo_unchecked_weight: {
        call: 'Call',
        weight: 'SpWeightsWeightV2Weight',
      },
      set_key: {
        _alias: {
          new_: 'new',
        },
        new_: 'MultiAddress',
      },
      sudo_as: {
        who: 'MultiAddress',
        call: 'Call',
      },
      remove_key: 'Null'
    }
  },
  /**
   * Lookup25: sp_weights::weight_v2::Weight
   **/
  SpWeightsWeightV2Weight: {
    refTime: 'Compact<u64>',
    proofSize: 'Compact<u64>'
  },
  /**
   * Lookup26: pallet_grandpa::pallet::Call<T>
   **/
  PalletGrandpaCall: {
    _enum: {
      report_equivocation: {
        equivocationProof: 'SpConsensusGrandpaEquivocationProof',
        keyOwnerProof: 'SpCoreVoid',
      },
      report_equivocation_unsigned: {
        equivocationProof: 'SpConsensusGrandpaEquivocationProof',
        keyOwnerProof: 'SpCoreVoid',
      },
      note_stalled: {
        delay: 'u32',
        bestFinalizedBlockNumber: 'u32'
      }
    }
  },
  /**
   * Lookup27: sp_consensus_grandpa::EquivocationProof<primitive_types::H256, N>
   **/
  SpConsensusGrandpaEquivocationProof: {
    setId: 'u64',
    equivocation: 'SpConsensusGrandpaEquivocation'
  },
  /**
   * Lookup28: sp_consensus_grandpa::Equivocation<primitive_types::H256, N>
   **/
  SpConsensusGrandpaEquivocation: {
    _enum: {
      Prevote: 'FinalityGrandpaEquivocationPrevote',
      Precommit: 'FinalityGrandpaEquivocationPrecommit'
    }
  },
  /**
   * Lookup29: finality_grandpa::Equivocation<sp_consensus_grandpa::app::Public, finality_grandpa::Prevote<primitive_types::H256, N>, sp_consensus_grandpa::app::Signature>
   **/
  FinalityGrandpaEquivocationPrevote: {
    roundNumber: 'u64',
    identity: 'SpConsensusGrandpaAppPublic',
    first: '(FinalityGrandpaPrevote,SpConsensusGrandpaAppSignature)',
    second: '(FinalityGrandpaPrevote,SpConsensusGrandpaAppSignature)'
  },
  /**
   * Lookup30: sp_consensus_grandpa::app::Public
   **/
  SpConsensusGrandpaAppPublic: '[u8;32]',
  /**
   * Lookup31: finality_grandpa::Prevote<primitive_types::H256, N>
   **/
  FinalityGrandpaPrevote: {
    targetHash: 'H256',
    targetNumber: 'u32'
  },
  /**
   * Lookup32: sp_consensus_grandpa::app::Signature
   **/
  SpConsensusGrandpaAppSignature: '[u8;64]',
  /**
   * Lookup35: finality_grandpa::Equivocation<sp_consensus_grandpa::app::Public, finality_grandpa::Precommit<primitive_types::H256, N>, sp_consensus_grandpa::app::Signature>
   **/
  FinalityGrandpaEquivocationPrecommit: {
    roundNumber: 'u64',
    identity: 'SpConsensusGrandpaAppPublic',
    first: '(FinalityGrandpaPrecommit,SpConsensusGrandpaAppSignature)',
    second: '(FinalityGrandpaPrecommit,SpConsensusGrandpaAppSignature)'
  },
  /**
   * Lookup36: finality_grandpa::Precommit<primitive_types::H256, N>
   **/
  FinalityGrandpaPrecommit: {
    targetHash: 'H256',
    targetNumber: 'u32'
  },
  /**
   * Lookup38: sp_core::Void
   **/
  SpCoreVoid: 'Null',
  /**
   * Lookup39: pallet_custos_registry::pallet::Call<T>
   **/
  PalletCustosRegistryCall: {
    _enum: {
      register: {
        server: 'PalletCustosRegistryServerInfo',
        evidence: 'PalletCustosAttestationQuoteEvidence',
      },
      chill: 'Null',
      resume: 'Null',
      leave: 'Null',
      set_session_length: {
        blocks: 'u32',
      },
      remove_validator: {
        operator: 'AccountId32'
      }
    }
  },
  /**
   * Lookup40: pallet_custos_registry::types::ServerInfo<sp_core::crypto::AccountId32, MaxEndpointLen>
   **/
  PalletCustosRegistryServerInfo: {
    tssAccount: 'AccountId32',
    x25519PublicKey: '[u8;32]',
    endpoint: 'Bytes',
    restartKey: '[u8;32]'
  },
  /**
   * Lookup42: pallet_custos_attestation::types::QuoteEvidence<BlockNumber, primitive_types::H256, MaxQuoteLen, MaxCollateralLen>
   **/
  PalletCustosAttestationQuoteEvidence: {
    quote: 'Bytes',
    collateral: 'PalletCustosAttestationQuoteCollateral',
    genesisHash: 'H256',
    blockNumber: 'u32',
    blockHash: 'H256'
  },
  /**
   * Lookup44: pallet_custos_attestation::types::QuoteCollateral<MaxCollateralLen>
   **/
  PalletCustosAttestationQuoteCollateral: {
    _enum: {
      Dev: 'Null',
      Intel: 'Bytes',
      IntelCached: 'Null'
    }
  },
  /**
   * Lookup46: pallet_custos_attestation::pallet::Call<T>
   **/
  PalletCustosAttestationCall: {
    _enum: {
      attest_restart: {
        attestation: 'PalletCustosAttestationRestartAttestation',
        signature: '[u8;64]',
      },
      add_measurement: {
        measurement: '[u8;32]',
      },
      remove_measurement: {
        measurement: '[u8;32]',
      },
      set_trust_policy: {
        policy: 'PalletCustosAttestationTrustPolicy',
      },
      set_td_policy: {
        policy: 'PalletCustosAttestationTdPolicy',
      },
      upload_collateral: {
        quote: 'Bytes',
        collateral: 'Bytes',
      },
      remove_collateral: {
        key: 'CustosPrimitivesCollateralCollateralKey',
      },
      set_collateral_policy: {
        minTcbEvaluationNumber: 'u32',
        graceSecs: 'u64',
        expiryWarningBlocks: 'u32'
      }
    }
  },
  /**
   * Lookup47: pallet_custos_attestation::types::RestartAttestation<sp_core::crypto::AccountId32, BlockNumber, primitive_types::H256, MaxQuoteLen, MaxCollateralLen>
   **/
  PalletCustosAttestationRestartAttestation: {
    tssAccount: 'AccountId32',
    incarnation: 'u32',
    recoveryKeysRoot: '[u8;32]',
    evidence: 'PalletCustosAttestationQuoteEvidence'
  },
  /**
   * Lookup48: pallet_custos_attestation::types::TrustPolicy<MaxDevKeys>
   **/
  PalletCustosAttestationTrustPolicy: {
    intel: 'Option<CustosPrimitivesVerifyIntelTrust>',
    devPckKeys: 'Vec<[u8;64]>'
  },
  /**
   * Lookup50: custos_primitives::verify::IntelTrust
   **/
  CustosPrimitivesVerifyIntelTrust: {
    acceptSwHardeningNeeded: 'bool',
    acceptConfigurationNeeded: 'bool',
    acceptOutOfDate: 'bool'
  },
  /**
   * Lookup53: pallet_custos_attestation::types::TdPolicy
   **/
  PalletCustosAttestationTdPolicy: {
    attributesMask: 'u64',
    attributesValue: 'u64',
    xfam: 'Option<u64>',
    mrConfigId: 'Option<PalletCustosAttestationTdRegister>',
    mrOwner: 'Option<PalletCustosAttestationTdRegister>',
    mrOwnerConfig: 'Option<PalletCustosAttestationTdRegister>',
    rtmr3: 'Option<PalletCustosAttestationTdRegister>'
  },
  /**
   * Lookup56: pallet_custos_attestation::types::TdRegister
   **/
  PalletCustosAttestationTdRegister: '[u8;48]',
  /**
   * Lookup58: custos_primitives::collateral::CollateralKey
   **/
  CustosPrimitivesCollateralCollateralKey: {
    fmspc: '[u8;6]',
    pckCa: 'CustosPrimitivesCollateralPckCaKind'
  },
  /**
   * Lookup60: custos_primitives::collateral::PckCaKind
   **/
  CustosPrimitivesCollateralPckCaKind: {
    _enum: ['Processor', 'Platform']
  },
  /**
   * Lookup61: pallet_custos_backups::pallet::Call<T>
   **/
  PalletCustosBackupsCall: {
    _enum: {
      confirm_epoch: {
        owner: 'AccountId32',
        epoch: 'u32',
        storeVersion: 'u64',
        acks: 'Vec<PalletCustosBackupsAcknowledgement>',
        signature: '[u8;64]',
      },
      checkpoint: {
        owner: 'AccountId32',
        storeVersion: 'u64',
        signature: '[u8;64]',
      },
      record_release: {
        provider: 'AccountId32',
        owner: 'AccountId32',
        incarnation: 'u32',
        signature: '[u8;64]',
      },
      force_reassign: {
        owner: 'AccountId32',
      },
      set_params: {
        params: 'PalletCustosBackupsBackupParams',
      },
      accept_rollback: {
        owner: 'AccountId32',
        incarnation: 'u32',
        storeVersion: 'u64',
        signature: '[u8;64]',
      },
      report_bad_share: {
        report: 'PalletCustosBackupsBadShareReport',
      },
      set_escrow_committee: {
        members: 'Vec<PalletCustosBackupsEscrowEscrowMember>',
        threshold: 'u32',
      },
      clear_escrow_committee: 'Null',
      deposit_escrow: {
        owner: 'AccountId32',
        epoch: 'u32',
        deposit: 'PalletCustosBackupsEscrowEscrowDeposit',
        signature: '[u8;64]',
      },
      request_cold_recovery: {
        owner: 'AccountId32',
        incarnation: 'u32',
        recoveryKeys: 'Vec<[u8;32]>',
        escrowKey: '[u8;32]',
        signature: '[u8;64]',
      },
      approve_cold_recovery: {
        requests: 'Vec<(AccountId32,u32)>',
      },
      release_escrow_share: {
        owner: 'AccountId32',
        incarnation: 'u32',
        memberIndex: 'u32',
        sealed: '[u8;113]',
        signature: '[u8;64]'
      }
    }
  },
  /**
   * Lookup63: pallet_custos_backups::types::Acknowledgement<sp_core::crypto::AccountId32>
   **/
  PalletCustosBackupsAcknowledgement: {
    provider: 'AccountId32',
    providerIncarnation: 'u32',
    shareCommitment: '[u8;32]',
    signature: '[u8;64]'
  },
  /**
   * Lookup65: pallet_custos_backups::types::BackupParams
   **/
  PalletCustosBackupsBackupParams: {
    n: 'u32',
    t: 'u32',
    maxLoad: 'u32'
  },
  /**
   * Lookup66: pallet_custos_backups::types::BadShareReport<sp_core::crypto::AccountId32, MaxKeys>
   **/
  PalletCustosBackupsBadShareReport: {
    owner: 'AccountId32',
    provider: 'AccountId32',
    incarnation: 'u32',
    epoch: 'u32',
    recoveryKeys: 'Vec<[u8;32]>',
    revealedKey: '[u8;32]',
    enc: '[u8;32]',
    ciphertext: 'Bytes',
    signature: '[u8;64]'
  },
  /**
   * Lookup71: pallet_custos_backups::escrow::EscrowMember<sp_core::crypto::AccountId32>
   **/
  PalletCustosBackupsEscrowEscrowMember: {
    account: 'AccountId32',
    sealingKey: '[u8;32]'
  },
  /**
   * Lookup73: pallet_custos_backups::escrow::EscrowDeposit<MaxMembers>
   **/
  PalletCustosBackupsEscrowEscrowDeposit: {
    generation: 'u32',
    sequence: 'u32',
    sealed: 'Vec<[u8;113]>',
    commitments: 'Vec<[u8;32]>'
  },
  /**
   * Lookup81: sp_runtime::MultiSignature
   **/
  SpRuntimeMultiSignature: {
    _enum: {
      Ed25519: '[u8;64]',
      Sr25519: '[u8;64]',
      Ecdsa: '[u8;65]',
      Eth: '[u8;65]'
    }
  },
  /**
   * Lookup83: frame_system::extensions::check_non_zero_sender::CheckNonZeroSender<T>
   **/
  FrameSystemExtensionsCheckNonZeroSender: 'Null',
  /**
   * Lookup84: frame_system::extensions::check_spec_version::CheckSpecVersion<T>
   **/
  FrameSystemExtensionsCheckSpecVersion: 'Null',
  /**
   * Lookup85: frame_system::extensions::check_tx_version::CheckTxVersion<T>
   **/
  FrameSystemExtensionsCheckTxVersion: 'Null',
  /**
   * Lookup86: frame_system::extensions::check_genesis::CheckGenesis<T>
   **/
  FrameSystemExtensionsCheckGenesis: 'Null',
  /**
   * Lookup89: frame_system::extensions::check_nonce::CheckNonce<T>
   **/
  FrameSystemExtensionsCheckNonce: 'Compact<u32>',
  /**
   * Lookup91: frame_system::extensions::check_weight::CheckWeight<T>
   **/
  FrameSystemExtensionsCheckWeight: 'Null',
  /**
   * Lookup92: pallet_transaction_payment::ChargeTransactionPayment<T>
   **/
  PalletTransactionPaymentChargeTransactionPayment: 'Compact<u128>',
  /**
   * Lookup93: frame_system::extensions::weight_reclaim::WeightReclaim<T>
   **/
  FrameSystemExtensionsWeightReclaim: 'Null',
  /**
   * Lookup95: frame_system::AccountInfo<Nonce, pallet_balances::types::AccountData<Balance>>
   **/
  FrameSystemAccountInfo: {
    nonce: 'u32',
    consumers: 'u32',
    providers: 'u32',
    sufficients: 'u32',
    data: 'PalletBalancesAccountData'
  },
  /**
   * Lookup96: pallet_balances::types::AccountData<Balance>
   **/
  PalletBalancesAccountData: {
    free: 'u128',
    reserved: 'u128',
    frozen: 'u128',
    flags: 'u128'
  },
  /**
   * Lookup98: frame_support::dispatch::PerDispatchClass<sp_weights::weight_v2::Weight>
   **/
  FrameSupportDispatchPerDispatchClassWeight: {
    normal: 'SpWeightsWeightV2Weight',
    operational: 'SpWeightsWeightV2Weight',
    mandatory: 'SpWeightsWeightV2Weight'
  },
  /**
   * Lookup99: sp_runtime::generic::digest::Digest
   **/
  SpRuntimeDigest: {
    logs: 'Vec<SpRuntimeDigestDigestItem>'
  },
  /**
   * Lookup101: sp_runtime::generic::digest::DigestItem
   **/
  SpRuntimeDigestDigestItem: {
    _enum: {
      Other: 'Bytes',
      __Unused1: 'Null',
      __Unused2: 'Null',
      __Unused3: 'Null',
      Consensus: '([u8;4],Bytes)',
      Seal: '([u8;4],Bytes)',
      PreRuntime: '([u8;4],Bytes)',
      __Unused7: 'Null',
      RuntimeEnvironmentUpdated: 'Null'
    }
  },
  /**
   * Lookup104: frame_system::EventRecord<custos_runtime::RuntimeEvent, primitive_types::H256>
   **/
  FrameSystemEventRecord: {
    phase: 'FrameSystemPhase',
    event: 'Event',
    topics: 'Vec<H256>'
  },
  /**
   * Lookup106: frame_system::pallet::Event<T>
   **/
  FrameSystemEvent: {
    _enum: {
      ExtrinsicSuccess: {
        dispatchInfo: 'FrameSystemDispatchEventInfo',
      },
      ExtrinsicFailed: {
        dispatchError: 'SpRuntimeDispatchError',
        dispatchInfo: 'FrameSystemDispatchEventInfo',
      },
      CodeUpdated: {
        _alias: {
          hash_: 'hash',
        },
        hash_: 'H256',
      },
      NewAccount: {
        account: 'AccountId32',
      },
      KilledAccount: {
        account: 'AccountId32',
      },
      Remarked: {
        _alias: {
          hash_: 'hash',
        },
        sender: 'AccountId32',
        hash_: 'H256',
      },
      UpgradeAuthorized: {
        codeHash: 'H256',
        checkVersion: 'bool',
      },
      RejectedInvalidAuthorizedUpgrade: {
        codeHash: 'H256',
        error: 'SpRuntimeDispatchError'
      }
    }
  },
  /**
   * Lookup107: frame_system::DispatchEventInfo
   **/
  FrameSystemDispatchEventInfo: {
    weight: 'SpWeightsWeightV2Weight',
    class: 'FrameSupportDispatchDispatchClass',
    paysFee: 'FrameSupportDispatchPays'
  },
  /**
   * Lookup108: frame_support::dispatch::DispatchClass
   **/
  FrameSupportDispatchDispatchClass: {
    _enum: ['Normal', 'Operational', 'Mandatory']
  },
  /**
   * Lookup109: frame_support::dispatch::Pays
   **/
  FrameSupportDispatchPays: {
    _enum: ['Yes', 'No']
  },
  /**
   * Lookup110: sp_runtime::DispatchError
   **/
  SpRuntimeDispatchError: {
    _enum: {
      Other: 'Null',
      CannotLookup: 'Null',
      BadOrigin: 'Null',
      Module: 'SpRuntimeModuleError',
      ConsumerRemaining: 'Null',
      NoProviders: 'Null',
      TooManyConsumers: 'Null',
      Token: 'SpRuntimeTokenError',
      Arithmetic: 'SpArithmeticArithmeticError',
      Transactional: 'SpRuntimeTransactionalError',
      Exhausted: 'Null',
      Corruption: 'Null',
      Unavailable: 'Null',
      RootNotAllowed: 'Null',
      Trie: 'SpRuntimeProvingTrieTrieError'
    }
  },
  /**
   * Lookup111: sp_runtime::ModuleError
   **/
  SpRuntimeModuleError: {
    index: 'u8',
    error: '[u8;4]'
  },
  /**
   * Lookup112: sp_runtime::TokenError
   **/
  SpRuntimeTokenError: {
    _enum: ['FundsUnavailable', 'OnlyProvider', 'BelowMinimum', 'CannotCreate', 'UnknownAsset', 'Frozen', 'Unsupported', 'CannotCreateHold', 'NotExpendable', 'Blocked']
  },
  /**
   * Lookup113: sp_arithmetic::ArithmeticError
   **/
  SpArithmeticArithmeticError: {
    _enum: ['Underflow', 'Overflow', 'DivisionByZero']
  },
  /**
   * Lookup114: sp_runtime::TransactionalError
   **/
  SpRuntimeTransactionalError: {
    _enum: ['LimitReached', 'NoLayer']
  },
  /**
   * Lookup115: sp_runtime::proving_trie::TrieError
   **/
  SpRuntimeProvingTrieTrieError: {
    _enum: ['InvalidStateRoot', 'IncompleteDatabase', 'ValueAtIncompleteKey', 'DecoderError', 'InvalidHash', 'DuplicateKey', 'ExtraneousNode', 'ExtraneousValue', 'ExtraneousHashReference', 'InvalidChildReference', 'ValueMismatch', 'IncompleteProof', 'RootMismatch', 'DecodeError']
  },
  /**
   * Lookup116: pallet_balances::pallet::Event<T, I>
   **/
  PalletBalancesEvent: {
    _enum: {
      Endowed: {
        account: 'AccountId32',
        freeBalance: 'u128',
      },
      DustLost: {
        account: 'AccountId32',
        amount: 'u128',
      },
      Transfer: {
        from: 'AccountId32',
        to: 'AccountId32',
        amount: 'u128',
      },
      BalanceSet: {
        who: 'AccountId32',
        free: 'u128',
      },
      Reserved: {
        who: 'AccountId32',
        amount: 'u128',
      },
      Unreserved: {
        who: 'AccountId32',
        amount: 'u128',
      },
      ReserveRepatriated: {
        from: 'AccountId32',
        to: 'AccountId32',
        amount: 'u128',
        destinationStatus: 'FrameSupportTokensMiscBalanceStatus',
      },
      Deposit: {
        who: 'AccountId32',
        amount: 'u128',
      },
      Withdraw: {
        who: 'AccountId32',
        amount: 'u128',
      },
      Slashed: {
        who: 'AccountId32',
        amount: 'u128',
      },
      Minted: {
        who: 'AccountId32',
        amount: 'u128',
      },
      MintedCredit: {
        amount: 'u128',
      },
      Burned: {
        who: 'AccountId32',
        amount: 'u128',
      },
      BurnedDebt: {
        amount: 'u128',
      },
      Suspended: {
        who: 'AccountId32',
        amount: 'u128',
      },
      Restored: {
        who: 'AccountId32',
        amount: 'u128',
      },
      Upgraded: {
        who: 'AccountId32',
      },
      Issued: {
        amount: 'u128',
      },
      Rescinded: {
        amount: 'u128',
      },
      Locked: {
        who: 'AccountId32',
        amount: 'u128',
      },
      Unlocked: {
        who: 'AccountId32',
        amount: 'u128',
      },
      Frozen: {
        who: 'AccountId32',
        amount: 'u128',
      },
      Thawed: {
        who: 'AccountId32',
        amount: 'u128',
      },
      TotalIssuanceForced: {
        _alias: {
          new_: 'new',
        },
        old: 'u128',
        new_: 'u128',
      },
      Held: {
        reason: 'CustosRuntimeRuntimeHoldReason',
        who: 'AccountId32',
        amount: 'u128',
      },
      BurnedHeld: {
        reason: 'CustosRuntimeRuntimeHoldReason',
        who: 'AccountId32',
        amount: 'u128',
      },
      TransferOnHold: {
        reason: 'CustosRuntimeRuntimeHoldReason',
        source: 'AccountId32',
        dest: 'AccountId32',
        amount: 'u128',
      },
      TransferAndHold: {
        reason: 'CustosRuntimeRuntimeHoldReason',
        source: 'AccountId32',
        dest: 'AccountId32',
        transferred: 'u128',
      },
      Released: {
        reason: 'CustosRuntimeRuntimeHoldReason',
        who: 'AccountId32',
        amount: 'u128',
      },
      Unexpected: 'PalletBalancesUnexpectedKind'
    }
  },
  /**
   * Lookup117: frame_support::traits::tokens::misc::BalanceStatus
   **/
  FrameSupportTokensMiscBalanceStatus: {
    _enum: ['Free', 'Reserved']
  },
  /**
   * Lookup118: custos_runtime::RuntimeHoldReason
   **/
  CustosRuntimeRuntimeHoldReason: {
    _enum: {
      __Unused0: 'Null',
      __Unused1: 'Null',
      __Unused2: 'Null',
      __Unused3: 'Null',
      __Unused4: 'Null',
      __Unused5: 'Null',
      __Unused6: 'Null',
      __Unused7: 'Null',
      __Unused8: 'Null',
      __Unused9: 'Null',
      Registry: 'PalletCustosRegistryHoldReason'
    }
  },
  /**
   * Lookup119: pallet_custos_registry::pallet::HoldReason
   **/
  PalletCustosRegistryHoldReason: {
    _enum: ['ValidatorBond']
  },
  /**
   * Lookup120: pallet_balances::pallet::UnexpectedKind
   **/
  PalletBalancesUnexpectedKind: {
    _enum: ['BalanceUpdated', 'FailedToMutateAccount']
  },
  /**
   * Lookup121: pallet_transaction_payment::pallet::Event<T>
   **/
  PalletTransactionPaymentEvent: {
    _enum: {
      TransactionFeePaid: {
        who: 'AccountId32',
        actualFee: 'u128',
        tip: 'u128'
      }
    }
  },
  /**
   * Lookup122: pallet_sudo::pallet::Event<T>
   **/
  PalletSudoEvent: {
    _enum: {
      Sudid: {
        sudoResult: 'Result<Null, SpRuntimeDispatchError>',
      },
      KeyChanged: {
        _alias: {
          new_: 'new',
        },
        old: 'Option<AccountId32>',
        new_: 'AccountId32',
      },
      KeyRemoved: 'Null',
      SudoAsDone: {
        sudoResult: 'Result<Null, SpRuntimeDispatchError>'
      }
    }
  },
  /**
   * Lookup125: pallet_grandpa::pallet::Event
   **/
  PalletGrandpaEvent: {
    _enum: {
      NewAuthorities: {
        authoritySet: 'Vec<(SpConsensusGrandpaAppPublic,u64)>',
      },
      Paused: 'Null',
      Resumed: 'Null'
    }
  },
  /**
   * Lookup128: pallet_custos_registry::pallet::Event<T>
   **/
  PalletCustosRegistryEvent: {
    _enum: {
      ValidatorRegistered: {
        operator: 'AccountId32',
        tssAccount: 'AccountId32',
        x25519PublicKey: '[u8;32]',
        endpoint: 'Bytes',
        restartKey: '[u8;32]',
        bond: 'u128',
      },
      ValidatorChilled: {
        operator: 'AccountId32',
      },
      ValidatorResumed: {
        operator: 'AccountId32',
      },
      ValidatorLeft: {
        operator: 'AccountId32',
        tssAccount: 'AccountId32',
      },
      ValidatorRemoved: {
        operator: 'AccountId32',
        tssAccount: 'AccountId32',
      },
      NewSession: {
        index: 'u32',
        active: 'u32',
        entered: 'Vec<AccountId32>',
        left: 'Vec<AccountId32>',
      },
      SessionLengthChanged: {
        blocks: 'u32'
      }
    }
  },
  /**
   * Lookup129: pallet_custos_attestation::pallet::Event<T>
   **/
  PalletCustosAttestationEvent: {
    _enum: {
      Attested: {
        tssAccount: 'AccountId32',
        incarnation: 'u32',
        measurement: '[u8;32]',
        recoveryPublicKey: '[u8;32]',
        tcb: 'Option<PalletCustosAttestationTcbLevel>',
      },
      RestartAttested: {
        tssAccount: 'AccountId32',
        incarnation: 'u32',
        recoveryKeysRoot: '[u8;32]',
        measurement: '[u8;32]',
        quotedBlock: 'u32',
        quoteHash: '[u8;32]',
        tcb: 'Option<PalletCustosAttestationTcbLevel>',
      },
      AttestationRejected: {
        tssAccount: 'AccountId32',
        incarnation: 'u32',
        reason: 'PalletCustosAttestationError',
      },
      MeasurementAdded: {
        measurement: '[u8;32]',
      },
      MeasurementRemoved: {
        measurement: '[u8;32]',
      },
      TrustPolicyChanged: {
        intelEnabled: 'bool',
        devPckKeys: 'u32',
      },
      TdPolicySet: {
        policy: 'PalletCustosAttestationTdPolicy',
      },
      CollateralCached: {
        key: 'CustosPrimitivesCollateralCollateralKey',
        tcbEvaluationNumber: 'u32',
        expiresAt: 'u64',
        uploader: 'Option<AccountId32>',
      },
      CollateralRemoved: {
        key: 'CustosPrimitivesCollateralCollateralKey',
      },
      CollateralExpiring: {
        key: 'CustosPrimitivesCollateralCollateralKey',
        expiresAt: 'u64',
      },
      CollateralPolicySet: {
        policy: 'PalletCustosAttestationCollateralPolicy'
      }
    }
  },
  /**
   * Lookup131: pallet_custos_attestation::types::TcbLevel
   **/
  PalletCustosAttestationTcbLevel: {
    collateral: 'CustosPrimitivesCollateralCollateralKey',
    tcbEvaluationNumber: 'u32'
  },
  /**
   * Lookup132: pallet_custos_attestation::pallet::Error<T>
   **/
  PalletCustosAttestationError: {
    _enum: ['NotRegistered', 'BadRestartSignature', 'WrongGenesis', 'UnknownBlock', 'StaleBlock', 'ReplayedAttestation', 'IncarnationGap', 'RateLimited', 'IntelPathDisabled', 'DevPathDisabled', 'MalformedQuote', 'MalformedCollateral', 'QuoteSignatureInvalid', 'UnknownPckKey', 'TcbStatusNotAccepted', 'DebugTd', 'MeasurementNotAccepted', 'ReportDataMismatch', 'AlreadyAttested', 'MeasurementAlreadyAccepted', 'MeasurementNotFound', 'TooManyMeasurements', 'TdAttributesNotAllowed', 'XfamMismatch', 'MrConfigIdMismatch', 'MrOwnerMismatch', 'MrOwnerConfigMismatch', 'Rtmr3Mismatch', 'ReservedTdAttributes', 'SeptVeNotDisabled', 'MigratableTd', 'ServiceTdBound', 'UnsupportedCertificationData', 'UnsatisfiableTdPolicy', 'CollateralNotCached', 'CachedCollateralExpired', 'TcbEvaluationTooOld', 'CollateralExpired', 'CollateralNotYetValid', 'CollateralFmspcMismatch', 'CollateralSignatureInvalid', 'CollateralNotNewer', 'CollateralCacheFull', 'CollateralNotFound', 'CollateralStillValid', 'PckCaNotCached']
  },
  /**
   * Lookup133: pallet_custos_attestation::types::CollateralPolicy
   **/
  PalletCustosAttestationCollateralPolicy: {
    minTcbEvaluationNumber: 'u32',
    previousAcceptedUntil: 'u64',
    expiryWarningBlocks: 'u32'
  },
  /**
   * Lookup134: pallet_custos_backups::pallet::Event<T>
   **/
  PalletCustosBackupsEvent: {
    _enum: {
      ProvidersAssigned: {
        owner: 'AccountId32',
        epoch: 'u32',
        providers: 'Vec<AccountId32>',
        threshold: 'u32',
      },
      Reassigned: {
        owner: 'AccountId32',
        epoch: 'u32',
        added: 'Vec<AccountId32>',
        removed: 'Vec<AccountId32>',
        forced: 'bool',
      },
      UnderProvisioned: {
        owner: 'AccountId32',
        have: 'u32',
        need: 'u32',
      },
      ReshareNeeded: {
        provider: 'AccountId32',
        owners: 'Vec<AccountId32>',
      },
      EpochConfirmed: {
        owner: 'AccountId32',
        epoch: 'u32',
        holders: 'Vec<AccountId32>',
        commitments: 'Vec<[u8;32]>',
        threshold: 'u32',
        storeVersion: 'u64',
      },
      CheckpointAnchored: {
        owner: 'AccountId32',
        storeVersion: 'u64',
      },
      ReleaseRecorded: {
        provider: 'AccountId32',
        owner: 'AccountId32',
        incarnation: 'u32',
      },
      RollbackAccepted: {
        owner: 'AccountId32',
        incarnation: 'u32',
        anchoredVersion: 'u64',
        acceptedVersion: 'u64',
      },
      OwnerRemoved: {
        owner: 'AccountId32',
      },
      ParamsChanged: {
        params: 'PalletCustosBackupsBackupParams',
      },
      BadShareProven: {
        owner: 'AccountId32',
        provider: 'AccountId32',
        incarnation: 'u32',
        epoch: 'u32',
        commitment: '[u8;32]',
        kind: 'PalletCustosBackupsBadShareKind',
        released: 'Bytes',
      },
      EscrowCommitteeSet: {
        generation: 'u32',
        members: 'Vec<AccountId32>',
        threshold: 'u32',
      },
      EscrowCommitteeCleared: {
        generation: 'u32',
      },
      EscrowDeposited: {
        owner: 'AccountId32',
        epoch: 'u32',
        generation: 'u32',
        commitments: 'Vec<[u8;32]>',
      },
      ColdRecoveryRequested: {
        owner: 'AccountId32',
        incarnation: 'u32',
        epoch: 'u32',
        escrowKey: '[u8;32]',
        intactHolders: 'u32',
      },
      ColdRecoveryApproved: {
        owner: 'AccountId32',
        incarnation: 'u32',
      },
      ColdApprovalSkipped: {
        owner: 'AccountId32',
        incarnation: 'u32',
        reason: 'PalletCustosBackupsEscrowColdApprovalSkip',
      },
      EscrowShareReleased: {
        owner: 'AccountId32',
        incarnation: 'u32',
        memberIndex: 'u32',
        member: 'AccountId32',
      },
      ColdRecoveryClosed: {
        owner: 'AccountId32',
        incarnation: 'u32',
        epoch: 'u32'
      }
    }
  },
  /**
   * Lookup135: pallet_custos_backups::types::BadShareKind
   **/
  PalletCustosBackupsBadShareKind: {
    _enum: ['Undecryptable', 'WrongLength', 'CommitmentMismatch']
  },
  /**
   * Lookup136: pallet_custos_backups::escrow::ColdApprovalSkip
   **/
  PalletCustosBackupsEscrowColdApprovalSkip: {
    _enum: ['NotFound', 'Superseded', 'Expired', 'AlreadyApproved']
  },
  /**
   * Lookup137: frame_system::Phase
   **/
  FrameSystemPhase: {
    _enum: {
      ApplyExtrinsic: 'u32',
      Finalization: 'Null',
      Initialization: 'Null'
    }
  },
  /**
   * Lookup141: frame_system::LastRuntimeUpgradeInfo
   **/
  FrameSystemLastRuntimeUpgradeInfo: {
    specVersion: 'Compact<u32>',
    specName: 'Text'
  },
  /**
   * Lookup144: frame_system::CodeUpgradeAuthorization<T>
   **/
  FrameSystemCodeUpgradeAuthorization: {
    codeHash: 'H256',
    checkVersion: 'bool'
  },
  /**
   * Lookup145: frame_system::limits::BlockWeights
   **/
  FrameSystemLimitsBlockWeights: {
    baseBlock: 'SpWeightsWeightV2Weight',
    maxBlock: 'SpWeightsWeightV2Weight',
    perClass: 'FrameSupportDispatchPerDispatchClassWeightsPerClass'
  },
  /**
   * Lookup146: frame_support::dispatch::PerDispatchClass<frame_system::limits::WeightsPerClass>
   **/
  FrameSupportDispatchPerDispatchClassWeightsPerClass: {
    normal: 'FrameSystemLimitsWeightsPerClass',
    operational: 'FrameSystemLimitsWeightsPerClass',
    mandatory: 'FrameSystemLimitsWeightsPerClass'
  },
  /**
   * Lookup147: frame_system::limits::WeightsPerClass
   **/
  FrameSystemLimitsWeightsPerClass: {
    baseExtrinsic: 'SpWeightsWeightV2Weight',
    maxExtrinsic: 'Option<SpWeightsWeightV2Weight>',
    maxTotal: 'Option<SpWeightsWeightV2Weight>',
    reserved: 'Option<SpWeightsWeightV2Weight>'
  },
  /**
   * Lookup149: frame_system::limits::BlockLength
   **/
  FrameSystemLimitsBlockLength: {
    max: 'FrameSupportDispatchPerDispatchClassU32',
    maxHeaderSize: 'Option<u32>'
  },
  /**
   * Lookup150: frame_support::dispatch::PerDispatchClass<T>
   **/
  FrameSupportDispatchPerDispatchClassU32: {
    normal: 'u32',
    operational: 'u32',
    mandatory: 'u32'
  },
  /**
   * Lookup152: sp_weights::RuntimeDbWeight
   **/
  SpWeightsRuntimeDbWeight: {
    read: 'u64',
    write: 'u64'
  },
  /**
   * Lookup153: sp_version::RuntimeVersion
   **/
  SpVersionRuntimeVersion: {
    specName: 'Text',
    implName: 'Text',
    authoringVersion: 'u32',
    specVersion: 'u32',
    implVersion: 'u32',
    apis: 'Vec<([u8;8],u32)>',
    transactionVersion: 'u32',
    systemVersion: 'u8'
  },
  /**
   * Lookup159: frame_system::pallet::Error<T>
   **/
  FrameSystemError: {
    _enum: ['InvalidSpecName', 'SpecVersionNeedsToIncrease', 'FailedToExtractRuntimeVersion', 'NonDefaultComposite', 'NonZeroRefCount', 'CallFiltered', 'MultiBlockMigrationsOngoing', 'NothingAuthorized', 'Unauthorized']
  },
  /**
   * Lookup161: pallet_balances::types::BalanceLock<Balance>
   **/
  PalletBalancesBalanceLock: {
    id: '[u8;8]',
    amount: 'u128',
    reasons: 'PalletBalancesReasons'
  },
  /**
   * Lookup162: pallet_balances::types::Reasons
   **/
  PalletBalancesReasons: {
    _enum: ['Fee', 'Misc', 'All']
  },
  /**
   * Lookup165: pallet_balances::types::ReserveData<ReserveIdentifier, Balance>
   **/
  PalletBalancesReserveData: {
    id: 'Null',
    amount: 'u128'
  },
  /**
   * Lookup171: frame_support::traits::tokens::misc::IdAmount<Id, Balance>
   **/
  FrameSupportTokensMiscIdAmount: {
    id: 'Null',
    amount: 'u128'
  },
  /**
   * Lookup173: pallet_balances::pallet::Error<T, I>
   **/
  PalletBalancesError: {
    _enum: ['VestingBalance', 'LiquidityRestrictions', 'InsufficientBalance', 'ExistentialDeposit', 'Expendability', 'ExistingVestingSchedule', 'DeadAccount', 'TooManyReserves', 'TooManyHolds', 'TooManyFreezes', 'IssuanceDeactivated', 'DeltaZero']
  },
  /**
   * Lookup175: pallet_transaction_payment::Releases
   **/
  PalletTransactionPaymentReleases: {
    _enum: ['V1Ancient', 'V2']
  },
  /**
   * Lookup176: frame_support::traits::storage::NoDrop<frame_support::traits::tokens::fungible::imbalance::Imbalance<B, OnDrop, OppositeOnDrop>>
   **/
  FrameSupportStorageNoDrop: 'FrameSupportTokensFungibleImbalance',
  /**
   * Lookup177: frame_support::traits::tokens::fungible::imbalance::Imbalance<B, OnDrop, OppositeOnDrop>
   **/
  FrameSupportTokensFungibleImbalance: {
    amount: 'u128'
  },
  /**
   * Lookup178: pallet_sudo::pallet::Error<T>
   **/
  PalletSudoError: {
    _enum: ['RequireSudo']
  },
  /**
   * Lookup181: sp_consensus_aura::sr25519::app_sr25519::Public
   **/
  SpConsensusAuraSr25519AppSr25519Public: '[u8;32]',
  /**
   * Lookup184: pallet_grandpa::StoredState<N>
   **/
  PalletGrandpaStoredState: {
    _enum: {
      Live: 'Null',
      PendingPause: {
        scheduledAt: 'u32',
        delay: 'u32',
      },
      Paused: 'Null',
      PendingResume: {
        scheduledAt: 'u32',
        delay: 'u32'
      }
    }
  },
  /**
   * Lookup185: pallet_grandpa::StoredPendingChange<N, Limit>
   **/
  PalletGrandpaStoredPendingChange: {
    scheduledAt: 'u32',
    delay: 'u32',
    nextAuthorities: 'Vec<(SpConsensusGrandpaAppPublic,u64)>',
    forced: 'Option<u32>'
  },
  /**
   * Lookup187: pallet_grandpa::pallet::Error<T>
   **/
  PalletGrandpaError: {
    _enum: ['PauseFailed', 'ResumeFailed', 'ChangePending', 'TooSoon', 'InvalidKeyOwnershipProof', 'InvalidEquivocationProof', 'DuplicateOffenceReport']
  },
  /**
   * Lookup188: pallet_custos_registry::types::ValidatorInfo<sp_core::crypto::AccountId32, Balance, BlockNumber, MaxEndpointLen>
   **/
  PalletCustosRegistryValidatorInfo: {
    server: 'PalletCustosRegistryServerInfo',
    status: 'PalletCustosRegistryValidatorStatus',
    bond: 'u128',
    registeredAt: 'u32'
  },
  /**
   * Lookup189: pallet_custos_registry::types::ValidatorStatus
   **/
  PalletCustosRegistryValidatorStatus: {
    _enum: ['Validating', 'Chilled']
  },
  /**
   * Lookup191: pallet_custos_registry::traits::ActiveValidator<sp_core::crypto::AccountId32>
   **/
  PalletCustosRegistryActiveValidator: {
    operator: 'AccountId32',
    tssAccount: 'AccountId32'
  },
  /**
   * Lookup193: pallet_custos_registry::pallet::Error<T>
   **/
  PalletCustosRegistryError: {
    _enum: ['AlreadyRegistered', 'TssAccountInUse', 'OperatorIsTssAccount', 'InvalidEndpoint', 'TooManyValidators', 'NotRegistered', 'AlreadyChilled', 'NotChilled', 'InsufficientBond', 'ZeroSessionLength']
  },
  /**
   * Lookup195: pallet_custos_attestation::types::AttestationRecord<BlockNumber>
   **/
  PalletCustosAttestationAttestationRecord: {
    incarnation: 'u32',
    recoveryKeysRoot: '[u8;32]',
    attestedAt: 'u32',
    measurement: '[u8;32]'
  },
  /**
   * Lookup196: pallet_custos_attestation::types::CachedCollateral<BlockNumber>
   **/
  PalletCustosAttestationCachedCollateral: {
    facts: 'CustosPrimitivesCollateralCollateralFacts',
    cachedAt: 'u32',
    expiryAnnounced: 'bool'
  },
  /**
   * Lookup197: custos_primitives::collateral::CollateralFacts
   **/
  CustosPrimitivesCollateralCollateralFacts: {
    key: 'CustosPrimitivesCollateralCollateralKey',
    tcbEvaluationNumber: 'u32',
    issuedAt: 'u64',
    expiresAt: 'u64'
  },
  /**
   * Lookup198: pallet_custos_attestation::types::SignatureMemo
   **/
  PalletCustosAttestationSignatureMemo: {
    bundle: 'Vec<[u8;32]>',
    pckCa: 'Vec<[u8;32]>'
  },
  /**
   * Lookup200: pallet_custos_backups::types::BackupState<sp_core::crypto::AccountId32, BlockNumber, MaxProviders>
   **/
  PalletCustosBackupsBackupState: {
    epoch: 'u32',
    providers: 'Vec<AccountId32>',
    threshold: 'u32',
    confirmedEpoch: 'u32',
    confirmedProviders: 'Vec<AccountId32>',
    confirmedThreshold: 'u32',
    confirmedStoreVersion: 'u64',
    epochOpenedAt: 'u32',
    confirmedAt: 'u32',
    underProvisioned: 'bool'
  },
  /**
   * Lookup204: pallet_custos_backups::types::ReassignmentRound<sp_core::crypto::AccountId32, BlockNumber>
   **/
  PalletCustosBackupsReassignmentRound: {
    session: 'u32',
    seed: '[u8;32]',
    openedAt: 'u32',
    fillsLeft: 'u32',
    fillCursor: 'Option<AccountId32>'
  },
  /**
   * Lookup208: pallet_custos_backups::escrow::EscrowCommittee<sp_core::crypto::AccountId32, MaxMembers>
   **/
  PalletCustosBackupsEscrowEscrowCommittee: {
    generation: 'u32',
    threshold: 'u32',
    members: 'Vec<PalletCustosBackupsEscrowEscrowMember>'
  },
  /**
   * Lookup209: pallet_custos_backups::escrow::ColdRequest<BlockNumber>
   **/
  PalletCustosBackupsEscrowColdRequest: {
    incarnation: 'u32',
    epoch: 'u32',
    escrowKey: '[u8;32]',
    requestedAt: 'u32',
    approvedAt: 'Option<u32>'
  },
  /**
   * Lookup211: pallet_custos_backups::escrow::EscrowRelease<BlockNumber>
   **/
  PalletCustosBackupsEscrowEscrowRelease: {
    sealed: '[u8;113]',
    at: 'u32'
  },
  /**
   * Lookup212: pallet_custos_backups::types::BadShareRecord<BlockNumber>
   **/
  PalletCustosBackupsBadShareRecord: {
    epoch: 'u32',
    kind: 'PalletCustosBackupsBadShareKind',
    reportedAt: 'u32'
  },
  /**
   * Lookup213: pallet_custos_backups::pallet::Error<T>
   **/
  PalletCustosBackupsError: {
    _enum: ['UnknownOwner', 'BadSignature', 'EpochAlreadyConfirmed', 'WrongEpoch', 'NotEnoughAcknowledgements', 'UnexpectedAcknowledgement', 'DuplicateAcknowledgement', 'BadAcknowledgement', 'StoreVersionDecreased', 'StoreVersionNotIncreased', 'RateLimited', 'NotAConfirmedHolder', 'StaleIncarnation', 'DuplicateReceipt', 'InvalidParams', 'NotARollback', 'StaleAcknowledgement', 'ReportEpochNotConfirmed', 'ReportedProviderNotHolder', 'ReportIncarnationNotCurrent', 'RecoveryKeysMismatch', 'RevealedKeyMismatch', 'BadReleaseSignature', 'BadShareAlreadyReported', 'ShareMatchesCommitment', 'NoEscrowCommittee', 'InvalidEscrowCommittee', 'WrongEscrowGeneration', 'WrongEscrowShareCount', 'EscrowDepositMissing', 'NoEscrowDeposit', 'HoldersIntact', 'ColdRequestExists', 'ColdRequestNotFound', 'ColdRequestExpired', 'ColdRequestNotApproved', 'ColdRequestAlreadyApproved', 'NotAnEscrowMember', 'EscrowShareAlreadyReleased', 'AttestationTooOld', 'StaleEscrowDeposit', 'LowOrderSealingKey']
  },
  /**
   * Lookup214: custos_runtime::Runtime
   **/
  CustosRuntimeRuntime: 'Null',
  /**
   * Lookup215: sp_runtime::generic::block::LazyBlock<sp_runtime::generic::header::Header<Number, Hash>, sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic<sp_runtime::multiaddress::MultiAddress<sp_core::crypto::AccountId32, AccountIndex>, custos_runtime::RuntimeCall, sp_runtime::MultiSignature, Extra>>
   **/
  SpRuntimeBlockLazyBlock: {
    header: 'SpRuntimeHeader',
    extrinsics: 'Vec<Bytes>'
  },
  /**
   * Lookup216: sp_runtime::generic::header::Header<Number, Hash>
   **/
  SpRuntimeHeader: {
    parentHash: 'H256',
    number: 'Compact<u32>',
    stateRoot: 'H256',
    extrinsicsRoot: 'H256',
    digest: 'SpRuntimeDigest'
  },
  /**
   * Lookup220: sp_runtime::ExtrinsicInclusionMode
   **/
  SpRuntimeExtrinsicInclusionMode: {
    _enum: ['AllExtrinsics', 'OnlyInherents']
  },
  /**
   * Lookup224: sp_runtime::transaction_validity::TransactionValidityError
   **/
  SpRuntimeTransactionValidityTransactionValidityError: {
    _enum: {
      Invalid: 'SpRuntimeTransactionValidityInvalidTransaction',
      Unknown: 'SpRuntimeTransactionValidityUnknownTransaction'
    }
  },
  /**
   * Lookup225: sp_runtime::transaction_validity::InvalidTransaction
   **/
  SpRuntimeTransactionValidityInvalidTransaction: {
    _enum: {
      Call: 'Null',
      Payment: 'Null',
      Future: 'Null',
      Stale: 'Null',
      BadProof: 'Null',
      AncientBirthBlock: 'Null',
      ExhaustsResources: 'Null',
      Custom: 'u8',
      BadMandatory: 'Null',
      MandatoryValidation: 'Null',
      BadSigner: 'Null',
      IndeterminateImplicit: 'Null',
      UnknownOrigin: 'Null'
    }
  },
  /**
   * Lookup226: sp_runtime::transaction_validity::UnknownTransaction
   **/
  SpRuntimeTransactionValidityUnknownTransaction: {
    _enum: {
      CannotLookup: 'Null',
      NoUnsignedValidator: 'Null',
      Custom: 'u8'
    }
  },
  /**
   * Lookup227: sp_inherents::InherentData
   **/
  SpInherentsInherentData: {
    data: 'BTreeMap<[u8;8], Bytes>'
  },
  /**
   * Lookup232: sp_inherents::CheckInherentsResult
   **/
  SpInherentsCheckInherentsResult: {
    okay: 'bool',
    fatalError: 'bool',
    errors: 'SpInherentsInherentData'
  },
  /**
   * Lookup233: sp_runtime::transaction_validity::TransactionSource
   **/
  SpRuntimeTransactionValidityTransactionSource: {
    _enum: ['InBlock', 'Local', 'External']
  },
  /**
   * Lookup235: sp_runtime::transaction_validity::ValidTransaction
   **/
  SpRuntimeTransactionValidityValidTransaction: {
    priority: 'u64',
    requires: 'Vec<Bytes>',
    provides: 'Vec<Bytes>',
    longevity: 'u64',
    propagate: 'bool'
  },
  /**
   * Lookup237: sp_session::runtime_api::OpaqueGeneratedSessionKeys
   **/
  SpSessionRuntimeApiOpaqueGeneratedSessionKeys: {
    _alias: {
      keys_: 'keys'
    },
    keys_: 'Bytes',
    proof: 'Bytes'
  },
  /**
   * Lookup241: sp_core::crypto::KeyTypeId
   **/
  SpCoreCryptoKeyTypeId: '[u8;4]',
  /**
   * Lookup246: pallet_transaction_payment::types::RuntimeDispatchInfo<Balance, sp_weights::weight_v2::Weight>
   **/
  PalletTransactionPaymentRuntimeDispatchInfo: {
    weight: 'SpWeightsWeightV2Weight',
    class: 'FrameSupportDispatchDispatchClass',
    partialFee: 'u128'
  },
  /**
   * Lookup247: pallet_transaction_payment::types::FeeDetails<Balance>
   **/
  PalletTransactionPaymentFeeDetails: {
    inclusionFee: 'Option<PalletTransactionPaymentInclusionFee>',
    tip: 'u128'
  },
  /**
   * Lookup249: pallet_transaction_payment::types::InclusionFee<Balance>
   **/
  PalletTransactionPaymentInclusionFee: {
    baseFee: 'u128',
    lenFee: 'u128',
    adjustedWeightFee: 'u128'
  },
  /**
   * Lookup253: custos_runtime::RuntimeError
   **/
  CustosRuntimeRuntimeError: {
    _enum: {
      System: 'FrameSystemError',
      __Unused1: 'Null',
      Balances: 'PalletBalancesError',
      __Unused3: 'Null',
      Sudo: 'PalletSudoError',
      __Unused5: 'Null',
      __Unused6: 'Null',
      Grandpa: 'PalletGrandpaError',
      __Unused8: 'Null',
      __Unused9: 'Null',
      Registry: 'PalletCustosRegistryError',
      Attestation: 'PalletCustosAttestationError',
      Backups: 'PalletCustosBackupsError'
    }
  }
};
