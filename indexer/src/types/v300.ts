import {sts, Result, Option, Bytes, BitSequence} from './support'

export interface ReserveState {
    asset: NativeOrWithId
    priceCap: FixedU128
    balance: bigint
}

export type FixedU128 = bigint

export type NativeOrWithId = NativeOrWithId_Native | NativeOrWithId_WithId

export interface NativeOrWithId_Native {
    __kind: 'Native'
}

export interface NativeOrWithId_WithId {
    __kind: 'WithId'
    value: number
}

export const ReserveState: sts.Type<ReserveState> = sts.struct(() => {
    return  {
        asset: NativeOrWithId,
        priceCap: FixedU128,
        balance: sts.bigint(),
    }
})

export interface Contribution {
    dc: number
    kind: ContributionKind
    depositor: AccountId32
    deposit: bigint
    contributors: [AccountId32, Permill][]
    contentHash: H256
    uri: Bytes
    submitted: number
    parameters: Parameters
    totalAtSubmission: bigint
    need: bigint
    buckets: Bucket[]
    escrow: bigint
    pot: bigint
    paid: number
    evaluations: number
    status: Status
}

export type Status = Status_Closed | Status_Closing | Status_Open

export interface Status_Closed {
    __kind: 'Closed'
    median?: (number | undefined)
    burned: bigint
}

export interface Status_Closing {
    __kind: 'Closing'
    value: Settlement
}

export interface Status_Open {
    __kind: 'Open'
}

export interface Settlement {
    median?: (number | undefined)
    potWeight: bigint
    phase: SettlementPhase
    settled: number
    released: bigint
    payouts: bigint
}

export type SettlementPhase = SettlementPhase_PayingEarnings | SettlementPhase_ReturningStakes

export interface SettlementPhase_PayingEarnings {
    __kind: 'PayingEarnings'
}

export interface SettlementPhase_ReturningStakes {
    __kind: 'ReturningStakes'
}

export interface Bucket {
    weight: bigint
    accumulator: bigint
}

export interface Parameters {
    minScore: number
    maxScore: number
    quorum: Perbill
    stake: Perbill
    alignmentRadius: number
    tokenPerPoint: bigint
    reputationPerPoint: bigint
    evaluationPeriod: number
}

export type Perbill = number

export type H256 = Bytes

export type Permill = number

export type ContributionKind = ContributionKind_Proposal | ContributionKind_Work

export interface ContributionKind_Proposal {
    __kind: 'Proposal'
}

export interface ContributionKind_Work {
    __kind: 'Work'
}

export const Contribution: sts.Type<Contribution> = sts.struct(() => {
    return  {
        dc: sts.number(),
        kind: ContributionKind,
        depositor: AccountId32,
        deposit: sts.bigint(),
        contributors: sts.array(() => sts.tuple(() => [AccountId32, Permill])),
        contentHash: H256,
        uri: sts.bytes(),
        submitted: sts.number(),
        parameters: Parameters,
        totalAtSubmission: sts.bigint(),
        need: sts.bigint(),
        buckets: sts.array(() => Bucket),
        escrow: sts.bigint(),
        pot: sts.bigint(),
        paid: sts.number(),
        evaluations: sts.number(),
        status: Status,
    }
})

export const Status: sts.Type<Status> = sts.closedEnum(() => {
    return  {
        Closed: sts.enumStruct({
            median: sts.option(() => sts.number()),
            burned: sts.bigint(),
        }),
        Closing: Settlement,
        Open: sts.unit(),
    }
})

export const Settlement: sts.Type<Settlement> = sts.struct(() => {
    return  {
        median: sts.option(() => sts.number()),
        potWeight: sts.bigint(),
        phase: SettlementPhase,
        settled: sts.number(),
        released: sts.bigint(),
        payouts: sts.bigint(),
    }
})

export const SettlementPhase: sts.Type<SettlementPhase> = sts.closedEnum(() => {
    return  {
        PayingEarnings: sts.unit(),
        ReturningStakes: sts.unit(),
    }
})

export const Bucket: sts.Type<Bucket> = sts.struct(() => {
    return  {
        weight: sts.bigint(),
        accumulator: sts.bigint(),
    }
})

export const Permill = sts.number()

export const ContributionKind: sts.Type<ContributionKind> = sts.closedEnum(() => {
    return  {
        Proposal: sts.unit(),
        Work: sts.unit(),
    }
})

export interface TokenLedger {
    minted: bigint
    burned: bigint
}

export const TokenLedger: sts.Type<TokenLedger> = sts.struct(() => {
    return  {
        minted: sts.bigint(),
        burned: sts.bigint(),
    }
})

export interface Cooperative {
    name: BoundedVec
    admin: AccountId32
    agent: AccountId32
    parameters: Parameters
    depositor: AccountId32
    deposit: HoldConsideration
}

export type HoldConsideration = bigint

export type BoundedVec = Bytes

export const Cooperative: sts.Type<Cooperative> = sts.struct(() => {
    return  {
        name: BoundedVec,
        admin: AccountId32,
        agent: AccountId32,
        parameters: Parameters,
        depositor: AccountId32,
        deposit: HoldConsideration,
    }
})

export const HoldConsideration = sts.bigint()

export const BoundedVec = sts.bytes()

export interface Ledger {
    total: bigint
    initial: bigint
    issued: bigint
    burned: bigint
    escrowed: bigint
    staked: bigint
}

export const Ledger: sts.Type<Ledger> = sts.struct(() => {
    return  {
        total: sts.bigint(),
        initial: sts.bigint(),
        issued: sts.bigint(),
        burned: sts.bigint(),
        escrowed: sts.bigint(),
        staked: sts.bigint(),
    }
})

export interface Standing {
    vested: bigint
    escrowed: bigint
    pending: Pending[]
}

export interface Pending {
    amount: bigint
    vestsAt: number
}

export const Standing: sts.Type<Standing> = sts.struct(() => {
    return  {
        vested: sts.bigint(),
        escrowed: sts.bigint(),
        pending: sts.array(() => Pending),
    }
})

export const Pending: sts.Type<Pending> = sts.struct(() => {
    return  {
        amount: sts.bigint(),
        vestsAt: sts.number(),
    }
})

export type AccountId32 = Bytes

export interface AssetAccount {
    balance: bigint
    status: AccountStatus
    reason: ExistenceReason
}

export type ExistenceReason = ExistenceReason_Consumer | ExistenceReason_DepositFrom | ExistenceReason_DepositHeld | ExistenceReason_DepositRefunded | ExistenceReason_Sufficient

export interface ExistenceReason_Consumer {
    __kind: 'Consumer'
}

export interface ExistenceReason_DepositFrom {
    __kind: 'DepositFrom'
    value: [AccountId32, bigint]
}

export interface ExistenceReason_DepositHeld {
    __kind: 'DepositHeld'
    value: bigint
}

export interface ExistenceReason_DepositRefunded {
    __kind: 'DepositRefunded'
}

export interface ExistenceReason_Sufficient {
    __kind: 'Sufficient'
}

export type AccountStatus = AccountStatus_Blocked | AccountStatus_Frozen | AccountStatus_Liquid

export interface AccountStatus_Blocked {
    __kind: 'Blocked'
}

export interface AccountStatus_Frozen {
    __kind: 'Frozen'
}

export interface AccountStatus_Liquid {
    __kind: 'Liquid'
}

export const AssetAccount: sts.Type<AssetAccount> = sts.struct(() => {
    return  {
        balance: sts.bigint(),
        status: AccountStatus,
        reason: ExistenceReason,
    }
})

export const ExistenceReason: sts.Type<ExistenceReason> = sts.closedEnum(() => {
    return  {
        Consumer: sts.unit(),
        DepositFrom: sts.tuple(() => [AccountId32, sts.bigint()]),
        DepositHeld: sts.bigint(),
        DepositRefunded: sts.unit(),
        Sufficient: sts.unit(),
    }
})

export const AccountStatus: sts.Type<AccountStatus> = sts.closedEnum(() => {
    return  {
        Blocked: sts.unit(),
        Frozen: sts.unit(),
        Liquid: sts.unit(),
    }
})

export interface AssetDetails {
    owner: AccountId32
    issuer: AccountId32
    admin: AccountId32
    freezer: AccountId32
    supply: bigint
    deposit: bigint
    minBalance: bigint
    isSufficient: boolean
    accounts: number
    sufficients: number
    approvals: number
    status: AssetStatus
}

export type AssetStatus = AssetStatus_Destroying | AssetStatus_Frozen | AssetStatus_Live

export interface AssetStatus_Destroying {
    __kind: 'Destroying'
}

export interface AssetStatus_Frozen {
    __kind: 'Frozen'
}

export interface AssetStatus_Live {
    __kind: 'Live'
}

export const AssetDetails: sts.Type<AssetDetails> = sts.struct(() => {
    return  {
        owner: AccountId32,
        issuer: AccountId32,
        admin: AccountId32,
        freezer: AccountId32,
        supply: sts.bigint(),
        deposit: sts.bigint(),
        minBalance: sts.bigint(),
        isSufficient: sts.boolean(),
        accounts: sts.number(),
        sufficients: sts.number(),
        approvals: sts.number(),
        status: AssetStatus,
    }
})

export const AssetStatus: sts.Type<AssetStatus> = sts.closedEnum(() => {
    return  {
        Destroying: sts.unit(),
        Frozen: sts.unit(),
        Live: sts.unit(),
    }
})

export const NativeOrWithId: sts.Type<NativeOrWithId> = sts.closedEnum(() => {
    return  {
        Native: sts.unit(),
        WithId: sts.number(),
    }
})

export const FixedU128 = sts.bigint()

export const H256 = sts.bytes()

export const DispatchError: sts.Type<DispatchError> = sts.closedEnum(() => {
    return  {
        Arithmetic: ArithmeticError,
        BadOrigin: sts.unit(),
        CannotLookup: sts.unit(),
        ConsumerRemaining: sts.unit(),
        Corruption: sts.unit(),
        Exhausted: sts.unit(),
        Module: ModuleError,
        NoProviders: sts.unit(),
        Other: sts.unit(),
        RootNotAllowed: sts.unit(),
        Token: TokenError,
        TooManyConsumers: sts.unit(),
        Transactional: TransactionalError,
        Trie: TrieError,
        Unavailable: sts.unit(),
    }
})

export const TrieError: sts.Type<TrieError> = sts.closedEnum(() => {
    return  {
        DecodeError: sts.unit(),
        DecoderError: sts.unit(),
        DuplicateKey: sts.unit(),
        ExtraneousHashReference: sts.unit(),
        ExtraneousNode: sts.unit(),
        ExtraneousValue: sts.unit(),
        IncompleteDatabase: sts.unit(),
        IncompleteProof: sts.unit(),
        InvalidChildReference: sts.unit(),
        InvalidHash: sts.unit(),
        InvalidStateRoot: sts.unit(),
        RootMismatch: sts.unit(),
        ValueAtIncompleteKey: sts.unit(),
        ValueMismatch: sts.unit(),
    }
})

export type TrieError = TrieError_DecodeError | TrieError_DecoderError | TrieError_DuplicateKey | TrieError_ExtraneousHashReference | TrieError_ExtraneousNode | TrieError_ExtraneousValue | TrieError_IncompleteDatabase | TrieError_IncompleteProof | TrieError_InvalidChildReference | TrieError_InvalidHash | TrieError_InvalidStateRoot | TrieError_RootMismatch | TrieError_ValueAtIncompleteKey | TrieError_ValueMismatch

export interface TrieError_DecodeError {
    __kind: 'DecodeError'
}

export interface TrieError_DecoderError {
    __kind: 'DecoderError'
}

export interface TrieError_DuplicateKey {
    __kind: 'DuplicateKey'
}

export interface TrieError_ExtraneousHashReference {
    __kind: 'ExtraneousHashReference'
}

export interface TrieError_ExtraneousNode {
    __kind: 'ExtraneousNode'
}

export interface TrieError_ExtraneousValue {
    __kind: 'ExtraneousValue'
}

export interface TrieError_IncompleteDatabase {
    __kind: 'IncompleteDatabase'
}

export interface TrieError_IncompleteProof {
    __kind: 'IncompleteProof'
}

export interface TrieError_InvalidChildReference {
    __kind: 'InvalidChildReference'
}

export interface TrieError_InvalidHash {
    __kind: 'InvalidHash'
}

export interface TrieError_InvalidStateRoot {
    __kind: 'InvalidStateRoot'
}

export interface TrieError_RootMismatch {
    __kind: 'RootMismatch'
}

export interface TrieError_ValueAtIncompleteKey {
    __kind: 'ValueAtIncompleteKey'
}

export interface TrieError_ValueMismatch {
    __kind: 'ValueMismatch'
}

export const TransactionalError: sts.Type<TransactionalError> = sts.closedEnum(() => {
    return  {
        LimitReached: sts.unit(),
        NoLayer: sts.unit(),
    }
})

export type TransactionalError = TransactionalError_LimitReached | TransactionalError_NoLayer

export interface TransactionalError_LimitReached {
    __kind: 'LimitReached'
}

export interface TransactionalError_NoLayer {
    __kind: 'NoLayer'
}

export const TokenError: sts.Type<TokenError> = sts.closedEnum(() => {
    return  {
        BelowMinimum: sts.unit(),
        Blocked: sts.unit(),
        CannotCreate: sts.unit(),
        CannotCreateHold: sts.unit(),
        Frozen: sts.unit(),
        FundsUnavailable: sts.unit(),
        NotExpendable: sts.unit(),
        OnlyProvider: sts.unit(),
        UnknownAsset: sts.unit(),
        Unsupported: sts.unit(),
    }
})

export type TokenError = TokenError_BelowMinimum | TokenError_Blocked | TokenError_CannotCreate | TokenError_CannotCreateHold | TokenError_Frozen | TokenError_FundsUnavailable | TokenError_NotExpendable | TokenError_OnlyProvider | TokenError_UnknownAsset | TokenError_Unsupported

export interface TokenError_BelowMinimum {
    __kind: 'BelowMinimum'
}

export interface TokenError_Blocked {
    __kind: 'Blocked'
}

export interface TokenError_CannotCreate {
    __kind: 'CannotCreate'
}

export interface TokenError_CannotCreateHold {
    __kind: 'CannotCreateHold'
}

export interface TokenError_Frozen {
    __kind: 'Frozen'
}

export interface TokenError_FundsUnavailable {
    __kind: 'FundsUnavailable'
}

export interface TokenError_NotExpendable {
    __kind: 'NotExpendable'
}

export interface TokenError_OnlyProvider {
    __kind: 'OnlyProvider'
}

export interface TokenError_UnknownAsset {
    __kind: 'UnknownAsset'
}

export interface TokenError_Unsupported {
    __kind: 'Unsupported'
}

export const ModuleError: sts.Type<ModuleError> = sts.struct(() => {
    return  {
        index: sts.number(),
        error: sts.bytes(),
    }
})

export interface ModuleError {
    index: number
    error: Bytes
}

export const ArithmeticError: sts.Type<ArithmeticError> = sts.closedEnum(() => {
    return  {
        DivisionByZero: sts.unit(),
        Overflow: sts.unit(),
        Underflow: sts.unit(),
    }
})

export type ArithmeticError = ArithmeticError_DivisionByZero | ArithmeticError_Overflow | ArithmeticError_Underflow

export interface ArithmeticError_DivisionByZero {
    __kind: 'DivisionByZero'
}

export interface ArithmeticError_Overflow {
    __kind: 'Overflow'
}

export interface ArithmeticError_Underflow {
    __kind: 'Underflow'
}

export type DispatchError = DispatchError_Arithmetic | DispatchError_BadOrigin | DispatchError_CannotLookup | DispatchError_ConsumerRemaining | DispatchError_Corruption | DispatchError_Exhausted | DispatchError_Module | DispatchError_NoProviders | DispatchError_Other | DispatchError_RootNotAllowed | DispatchError_Token | DispatchError_TooManyConsumers | DispatchError_Transactional | DispatchError_Trie | DispatchError_Unavailable

export interface DispatchError_Arithmetic {
    __kind: 'Arithmetic'
    value: ArithmeticError
}

export interface DispatchError_BadOrigin {
    __kind: 'BadOrigin'
}

export interface DispatchError_CannotLookup {
    __kind: 'CannotLookup'
}

export interface DispatchError_ConsumerRemaining {
    __kind: 'ConsumerRemaining'
}

export interface DispatchError_Corruption {
    __kind: 'Corruption'
}

export interface DispatchError_Exhausted {
    __kind: 'Exhausted'
}

export interface DispatchError_Module {
    __kind: 'Module'
    value: ModuleError
}

export interface DispatchError_NoProviders {
    __kind: 'NoProviders'
}

export interface DispatchError_Other {
    __kind: 'Other'
}

export interface DispatchError_RootNotAllowed {
    __kind: 'RootNotAllowed'
}

export interface DispatchError_Token {
    __kind: 'Token'
    value: TokenError
}

export interface DispatchError_TooManyConsumers {
    __kind: 'TooManyConsumers'
}

export interface DispatchError_Transactional {
    __kind: 'Transactional'
    value: TransactionalError
}

export interface DispatchError_Trie {
    __kind: 'Trie'
    value: TrieError
}

export interface DispatchError_Unavailable {
    __kind: 'Unavailable'
}

export const Parameters: sts.Type<Parameters> = sts.struct(() => {
    return  {
        minScore: sts.number(),
        maxScore: sts.number(),
        quorum: Perbill,
        stake: Perbill,
        alignmentRadius: sts.number(),
        tokenPerPoint: sts.bigint(),
        reputationPerPoint: sts.bigint(),
        evaluationPeriod: sts.number(),
    }
})

export const Perbill = sts.number()

export const AccountId32 = sts.bytes()
