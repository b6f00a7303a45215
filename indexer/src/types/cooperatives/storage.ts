import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v300 from '../v300'

export const cooperatives =  {
    /**
     *  The DCs.
     */
    v300: new StorageType('Cooperatives.Cooperatives', 'Optional', [sts.number()], v300.Cooperative) as CooperativesV300,
}

/**
 *  The DCs.
 */
export interface CooperativesV300  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: number): Promise<(v300.Cooperative | undefined)>
    getMany(block: Block, keys: number[]): Promise<(v300.Cooperative | undefined)[]>
    getKeys(block: Block): Promise<number[]>
    getKeys(block: Block, key: number): Promise<number[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<number[]>
    getKeysPaged(pageSize: number, block: Block, key: number): AsyncIterable<number[]>
    getPairs(block: Block): Promise<[k: number, v: (v300.Cooperative | undefined)][]>
    getPairs(block: Block, key: number): Promise<[k: number, v: (v300.Cooperative | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: number, v: (v300.Cooperative | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: number): AsyncIterable<[k: number, v: (v300.Cooperative | undefined)][]>
}

export const tokenBooks =  {
    /**
     *  The books of each DC's token: what was minted and burned.
     */
    v300: new StorageType('Cooperatives.TokenBooks', 'Default', [sts.number()], v300.TokenLedger) as TokenBooksV300,
}

/**
 *  The books of each DC's token: what was minted and burned.
 */
export interface TokenBooksV300  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): v300.TokenLedger
    get(block: Block, key: number): Promise<(v300.TokenLedger | undefined)>
    getMany(block: Block, keys: number[]): Promise<(v300.TokenLedger | undefined)[]>
    getKeys(block: Block): Promise<number[]>
    getKeys(block: Block, key: number): Promise<number[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<number[]>
    getKeysPaged(pageSize: number, block: Block, key: number): AsyncIterable<number[]>
    getPairs(block: Block): Promise<[k: number, v: (v300.TokenLedger | undefined)][]>
    getPairs(block: Block, key: number): Promise<[k: number, v: (v300.TokenLedger | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: number, v: (v300.TokenLedger | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: number): AsyncIterable<[k: number, v: (v300.TokenLedger | undefined)][]>
}
