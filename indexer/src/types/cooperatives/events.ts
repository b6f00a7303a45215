import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v300 from '../v300'

export const cooperativeCreated =  {
    name: 'Cooperatives.CooperativeCreated',
    /**
     * A DC was created.
     */
    v300: new EventType(
        'Cooperatives.CooperativeCreated',
        sts.struct({
            /**
             * Its id; also the asset id of its token.
             */
            dc: sts.number(),
            /**
             * The creator, now its admin.
             */
            admin: v300.AccountId32,
            /**
             * Its keyless agent account.
             */
            agent: v300.AccountId32,
        })
    ),
}

export const parametersSet =  {
    name: 'Cooperatives.ParametersSet',
    /**
     * A DC's parameters were replaced; open contributions keep their snapshot.
     */
    v300: new EventType(
        'Cooperatives.ParametersSet',
        sts.struct({
            /**
             * The DC.
             */
            dc: sts.number(),
            /**
             * The new parameters.
             */
            parameters: v300.Parameters,
        })
    ),
}

export const adminTransferred =  {
    name: 'Cooperatives.AdminTransferred',
    /**
     * A DC's admin role was handed over.
     */
    v300: new EventType(
        'Cooperatives.AdminTransferred',
        sts.struct({
            /**
             * The DC.
             */
            dc: sts.number(),
            /**
             * The former admin.
             */
            from: v300.AccountId32,
            /**
             * The new admin.
             */
            to: v300.AccountId32,
        })
    ),
}

export const agentDispatched =  {
    name: 'Cooperatives.AgentDispatched',
    /**
     * The admin dispatched a call as the DC's agent account.
     */
    v300: new EventType(
        'Cooperatives.AgentDispatched',
        sts.struct({
            /**
             * The DC.
             */
            dc: sts.number(),
            /**
             * The call's own result.
             */
            result: sts.result(() => sts.unit(), () => v300.DispatchError),
        })
    ),
}
