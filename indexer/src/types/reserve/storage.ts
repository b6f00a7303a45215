import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v300 from '../v300'

export const reserves =  {
    /**
     *  Each DC's reserve, from the moment its admin sets a price cap.
     */
    v300: new StorageType('Reserve.Reserves', 'Optional', [sts.number()], v300.ReserveState) as ReservesV300,
}

/**
 *  Each DC's reserve, from the moment its admin sets a price cap.
 */
export interface ReservesV300  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: number): Promise<(v300.ReserveState | undefined)>
    getMany(block: Block, keys: number[]): Promise<(v300.ReserveState | undefined)[]>
    getKeys(block: Block): Promise<number[]>
    getKeys(block: Block, key: number): Promise<number[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<number[]>
    getKeysPaged(pageSize: number, block: Block, key: number): AsyncIterable<number[]>
    getPairs(block: Block): Promise<[k: number, v: (v300.ReserveState | undefined)][]>
    getPairs(block: Block, key: number): Promise<[k: number, v: (v300.ReserveState | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: number, v: (v300.ReserveState | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: number): AsyncIterable<[k: number, v: (v300.ReserveState | undefined)][]>
}
