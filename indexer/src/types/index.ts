export * as v300 from './v300'
export * as events from './events'
export * as storage from './storage'
