import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v300 from '../v300'

export const asset =  {
    /**
     *  Details of an asset.
     */
    v300: new StorageType('Assets.Asset', 'Optional', [sts.number()], v300.AssetDetails) as AssetV300,
}

/**
 *  Details of an asset.
 */
export interface AssetV300  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: number): Promise<(v300.AssetDetails | undefined)>
    getMany(block: Block, keys: number[]): Promise<(v300.AssetDetails | undefined)[]>
    getKeys(block: Block): Promise<number[]>
    getKeys(block: Block, key: number): Promise<number[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<number[]>
    getKeysPaged(pageSize: number, block: Block, key: number): AsyncIterable<number[]>
    getPairs(block: Block): Promise<[k: number, v: (v300.AssetDetails | undefined)][]>
    getPairs(block: Block, key: number): Promise<[k: number, v: (v300.AssetDetails | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: number, v: (v300.AssetDetails | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: number): AsyncIterable<[k: number, v: (v300.AssetDetails | undefined)][]>
}

export const account =  {
    /**
     *  The holdings of a specific account for a specific asset.
     */
    v300: new StorageType('Assets.Account', 'Optional', [sts.number(), v300.AccountId32], v300.AssetAccount) as AccountV300,
}

/**
 *  The holdings of a specific account for a specific asset.
 */
export interface AccountV300  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: number, key2: v300.AccountId32): Promise<(v300.AssetAccount | undefined)>
    getMany(block: Block, keys: [number, v300.AccountId32][]): Promise<(v300.AssetAccount | undefined)[]>
    getKeys(block: Block): Promise<[number, v300.AccountId32][]>
    getKeys(block: Block, key1: number): Promise<[number, v300.AccountId32][]>
    getKeys(block: Block, key1: number, key2: v300.AccountId32): Promise<[number, v300.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[number, v300.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[number, v300.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: v300.AccountId32): AsyncIterable<[number, v300.AccountId32][]>
    getPairs(block: Block): Promise<[k: [number, v300.AccountId32], v: (v300.AssetAccount | undefined)][]>
    getPairs(block: Block, key1: number): Promise<[k: [number, v300.AccountId32], v: (v300.AssetAccount | undefined)][]>
    getPairs(block: Block, key1: number, key2: v300.AccountId32): Promise<[k: [number, v300.AccountId32], v: (v300.AssetAccount | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [number, v300.AccountId32], v: (v300.AssetAccount | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[k: [number, v300.AccountId32], v: (v300.AssetAccount | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: v300.AccountId32): AsyncIterable<[k: [number, v300.AccountId32], v: (v300.AssetAccount | undefined)][]>
}
