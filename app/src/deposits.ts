// Deposits, priced as the runtime prices them (`HoldConsideration` with a `LinearStoragePrice`):
// a base plus 0.0001 COV per byte the record stores. The byte counts follow the records' SCALE
// layout; docs/api.md lists them, and the browser test compares the preview with what the chain
// holds.

const COV = 10n ** 12n;
/** 0.0001 COV per byte (`deposit(0, 1)`). */
export const PER_BYTE = 100_000_000n;
const ACCOUNT = 32;
/** min, max, quorum, stake, radius, token/point, reputation/point, period (a u32 block number). */
const PARAMETERS = 1 + 1 + 4 + 4 + 1 + 16 + 16 + 4;
const TICKET = 16;
/** A standing: vested, escrowed, two pending amounts with their block. */
const STANDING = 16 + 16 + 2 * (16 + 4);

/** The length prefix of a list: 1 byte below 64 entries, 2 below 16,384. */
function compactLength(n: number): number {
  return n < 64 ? 1 : n < 16_384 ? 2 : 4;
}

/** A DC's deposit: 100 COV plus its record, its reputation books and epoch length, and a standing
 * per initial member. `nameBytes` is the UTF-8 length of the name. */
export function dcDeposit(nameBytes: number, members: number): bigint {
  const record = compactLength(nameBytes) + nameBytes + 3 * ACCOUNT + PARAMETERS + TICKET;
  const books = 6 * 16 + 4;
  return 100n * COV + BigInt(record + books + members * (ACCOUNT + STANDING)) * PER_BYTE;
}

/** A contribution's deposit: 1 COV plus its record with a URI of `uriBytes` bytes, `contributors`
 * (account, share) entries and `buckets` score buckets (`max_score − min_score + 1`). */
export function contributionDeposit(uriBytes: number, contributors: number, buckets: number): bigint {
  // DC, kind, depositor, ticket, content hash, submitted, parameters, R₀, need, escrow, pot,
  // paid, evaluation count, status (56: a closing's progress is the largest variant)
  const fixed = 4 + 1 + ACCOUNT + TICKET + 32 + 4 + PARAMETERS + 4 * 16 + 1 + 4 + 56;
  const lists =
    compactLength(uriBytes) +
    uriBytes +
    compactLength(contributors) +
    contributors * (ACCOUNT + 4) +
    compactLength(buckets) +
    buckets * 32;
  return COV + BigInt(fixed + lists) * PER_BYTE;
}

/** The UTF-8 length of a string, as the chain stores it. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
