export enum ReserveOperationKind {
    PriceCapSet = "PriceCapSet",
    Purchase = "Purchase",
    Redemption = "Redemption",
    Revenue = "Revenue",
}
