import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v300 from '../v300'

export const contributions =  {
    /**
     *  The contributions.
     */
    v300: new StorageType('ProofOfValue.Contributions', 'Optional', [sts.bigint()], v300.Contribution) as ContributionsV300,
}

/**
 *  The contributions.
 */
export interface ContributionsV300  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: bigint): Promise<(v300.Contribution | undefined)>
    getMany(block: Block, keys: bigint[]): Promise<(v300.Contribution | undefined)[]>
    getKeys(block: Block): Promise<bigint[]>
    getKeys(block: Block, key: bigint): Promise<bigint[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<bigint[]>
    getKeysPaged(pageSize: number, block: Block, key: bigint): AsyncIterable<bigint[]>
    getPairs(block: Block): Promise<[k: bigint, v: (v300.Contribution | undefined)][]>
    getPairs(block: Block, key: bigint): Promise<[k: bigint, v: (v300.Contribution | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: bigint, v: (v300.Contribution | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: bigint): AsyncIterable<[k: bigint, v: (v300.Contribution | undefined)][]>
}
