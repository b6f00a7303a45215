// What the indexer asks of the node: every finalized block's events of the DC pallets and of the
// assets pallet (a market swap moves DC tokens as a withdrawal and a deposit), with the block's
// timestamp; block 0 always, for the genesis DCs.
import {
  BlockHeader,
  DataHandlerContext,
  SubstrateBatchProcessor,
  SubstrateBatchProcessorFields,
  Event as _Event,
} from '@subsquid/substrate-processor';

export const EVENTS = [
  'Cooperatives.CooperativeCreated',
  'Cooperatives.ParametersSet',
  'Cooperatives.AdminTransferred',
  'Reputation.Endowed',
  'Reputation.Issued',
  'Reputation.Burned',
  'ProofOfValue.Contributed',
  'ProofOfValue.Proposed',
  'ProofOfValue.ProposalEnacted',
  'ProofOfValue.ProposalRejected',
  'ProofOfValue.Evaluated',
  'ProofOfValue.RewardIssued',
  'ProofOfValue.EvaluationSettled',
  'ProofOfValue.EarningsPaid',
  'ProofOfValue.ClosingProgressed',
  'ProofOfValue.Closed',
  'ProofOfValue.CleanedUp',
  'Reserve.PriceCapSet',
  'Reserve.Bought',
  'Reserve.Redeemed',
  'Reserve.RevenueDeposited',
  'Assets.Issued',
  'Assets.Burned',
  'Assets.Transferred',
  'Assets.TransferredApproved',
  'Assets.Withdrawn',
  'Assets.Deposited',
];

export interface Settings {
  /** The node's WebSocket or HTTP RPC address. */
  rpc: string;
  /** Parallel RPC requests. */
  capacity: number;
  /** Calls per JSON-RPC batch. */
  batchSize: number;
  /** How often to ask for a new finalized head, in ms. */
  headPollInterval: number;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    rpc: env.COVALUE_RPC ?? 'ws://127.0.0.1:9944',
    capacity: Number(env.COVALUE_RPC_CAPACITY ?? 10),
    batchSize: Number(env.COVALUE_RPC_BATCH ?? 100),
    headPollInterval: Number(env.COVALUE_HEAD_POLL_MS ?? 1000),
  };
}

export function makeProcessor(settings: Settings) {
  return (
    new SubstrateBatchProcessor()
      .setRpcEndpoint({
        url: settings.rpc,
        capacity: settings.capacity,
        maxBatchCallSize: settings.batchSize,
      })
      .setRpcDataIngestionSettings({ headPollInterval: settings.headPollInterval })
      // The database never holds an unfinalized block (TypeormDatabase without hot blocks), so a
      // fork of unfinalized blocks never reaches it and nothing has to be rolled back.
      .setBlockRange({ from: 0 })
      .includeAllBlocks({ from: 0, to: 0 })
      .setFields({ block: { timestamp: true } })
      .addEvent({ name: EVENTS })
  );
}

export type Fields = SubstrateBatchProcessorFields<ReturnType<typeof makeProcessor>>;
export type Block = BlockHeader<Fields>;
export type Event = _Event<Fields>;
export type ProcessorContext<Store> = DataHandlerContext<Store, Fields>;
