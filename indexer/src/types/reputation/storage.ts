import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v300 from '../v300'

export const reputationOf =  {
    /**
     *  Reputation per DC and account; no entry for an account with nothing.
     */
    v300: new StorageType('Reputation.ReputationOf', 'Default', [sts.number(), v300.AccountId32], v300.Standing) as ReputationOfV300,
}

/**
 *  Reputation per DC and account; no entry for an account with nothing.
 */
export interface ReputationOfV300  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): v300.Standing
    get(block: Block, key1: number, key2: v300.AccountId32): Promise<(v300.Standing | undefined)>
    getMany(block: Block, keys: [number, v300.AccountId32][]): Promise<(v300.Standing | undefined)[]>
    getKeys(block: Block): Promise<[number, v300.AccountId32][]>
    getKeys(block: Block, key1: number): Promise<[number, v300.AccountId32][]>
    getKeys(block: Block, key1: number, key2: v300.AccountId32): Promise<[number, v300.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[number, v300.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[number, v300.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: v300.AccountId32): AsyncIterable<[number, v300.AccountId32][]>
    getPairs(block: Block): Promise<[k: [number, v300.AccountId32], v: (v300.Standing | undefined)][]>
    getPairs(block: Block, key1: number): Promise<[k: [number, v300.AccountId32], v: (v300.Standing | undefined)][]>
    getPairs(block: Block, key1: number, key2: v300.AccountId32): Promise<[k: [number, v300.AccountId32], v: (v300.Standing | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [number, v300.AccountId32], v: (v300.Standing | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[k: [number, v300.AccountId32], v: (v300.Standing | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: v300.AccountId32): AsyncIterable<[k: [number, v300.AccountId32], v: (v300.Standing | undefined)][]>
}

export const ledgers =  {
    /**
     *  The books of each DC.
     */
    v300: new StorageType('Reputation.Ledgers', 'Optional', [sts.number()], v300.Ledger) as LedgersV300,
}

/**
 *  The books of each DC.
 */
export interface LedgersV300  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: number): Promise<(v300.Ledger | undefined)>
    getMany(block: Block, keys: number[]): Promise<(v300.Ledger | undefined)[]>
    getKeys(block: Block): Promise<number[]>
    getKeys(block: Block, key: number): Promise<number[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<number[]>
    getKeysPaged(pageSize: number, block: Block, key: number): AsyncIterable<number[]>
    getPairs(block: Block): Promise<[k: number, v: (v300.Ledger | undefined)][]>
    getPairs(block: Block, key: number): Promise<[k: number, v: (v300.Ledger | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: number, v: (v300.Ledger | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: number): AsyncIterable<[k: number, v: (v300.Ledger | undefined)][]>
}
