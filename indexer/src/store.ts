// The processor's database: PostgreSQL through the schema's TypeORM entities, written in bulk.
//
// SQD's `TypeormDatabase` builds each INSERT with one bound parameter per value; on a chain whose
// blocks are full of evaluations, building those statements was a third of the processor's time
// (docs/performance.md). Here every table of a batch is written by one statement per 5,000 rows
// with one array parameter per column (`INSERT … SELECT * FROM unnest($1::type[], …)`), so the
// statement's text and its parameters' count do not grow with the rows.
//
// The progress record is the one `TypeormDatabase` keeps (`squid_processor.status`: the height and
// hash of the last block written, and a nonce that a second processor on the same database would
// trip over), so an index that `TypeormDatabase` wrote without hot blocks, as this indexer always
// ran it, continues here. Only finalized blocks are written (no hot blocks; a database holding some
// is refused), each batch in one SERIALIZABLE transaction with its new height.
import assert from 'node:assert';
import { createOrmConfig } from '@subsquid/typeorm-config';
import type { FinalDatabase, FinalTxInfo, HashAndHeight } from '@subsquid/util-internal-processor-tools';
import { DataSource, EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

const SCHEMA = 'squid_processor';
const ROWS_PER_STATEMENT = 5_000;

export interface Entity {
  id: string;
}

export interface EntityClass<E extends Entity> {
  new (props?: Partial<E>): E;
}

/** How one table is read and written. */
interface Table {
  metadata: EntityMetadata;
  name: string;
  /** The columns in the order of `columns` in the statements, with their array casts. */
  columns: ColumnMetadata[];
  casts: string[];
  insert: string;
  upsert: string;
}

/** The handler's view of the database inside one batch's transaction. */
export class Store {
  private tables = new Map<Function, Table>();
  private open = true;

  constructor(private readonly em: EntityManager) {}

  /** Ends the store's part in its transaction: a query after this is a handler that did not await. */
  close() {
    this.open = false;
  }

  private query(sql: string, parameters: unknown[]): Promise<any> {
    assert(this.open, 'a query after its batch was written: something in the handler was not awaited');
    return this.em.query(sql, parameters);
  }

  private table(target: Function): Table {
    let table = this.tables.get(target);
    if (table) return table;
    const metadata = this.em.connection.getMetadata(target);
    const driver = this.em.connection.driver;
    const columns = metadata.columns;
    for (const c of columns) {
      // `unnest` would flatten a list column's arrays into their elements.
      assert(
        !c.isArray,
        `${metadata.tableName}.${c.databaseName}: list columns are not supported by the store`,
      );
    }
    const names = columns.map((c) => `"${c.databaseName}"`);
    const casts = columns.map((c) => `${driver.normalizeType(c)}[]`);
    const name = `"${metadata.tableName}"`;
    const select = `SELECT * FROM unnest(${casts.map((cast, i) => `$${i + 1}::${cast}`).join(', ')})`;
    const insert = `INSERT INTO ${name} (${names.join(', ')}) ${select}`;
    const updates = columns
      .filter((c) => !c.isPrimary)
      .map((c) => `"${c.databaseName}" = EXCLUDED."${c.databaseName}"`);
    const primary = metadata.primaryColumns.map((c) => `"${c.databaseName}"`).join(', ');
    const upsert =
      updates.length === 0
        ? `${insert} ON CONFLICT (${primary}) DO NOTHING`
        : `${insert} ON CONFLICT (${primary}) DO UPDATE SET ${updates.join(', ')}`;
    table = { metadata, name, columns, casts, insert, upsert };
    this.tables.set(target, table);
    return table;
  }

  /** The rows of `target` whose `column` (the id, or a relation's id) is one of `values`. */
  async find<E extends Entity>(target: EntityClass<E>, wanted: string[], column = 'id'): Promise<E[]> {
    const values = [...new Set(wanted)];
    if (values.length === 0) return [];
    const table = this.table(target);
    const where = table.metadata.findColumnWithPropertyName(column);
    assert(where, `${table.name} has no column ${column}`);
    const driver = this.em.connection.driver;
    const out: E[] = [];
    for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
      const rows: Record<string, unknown>[] = await this.query(
        `SELECT * FROM ${table.name} WHERE "${where.databaseName}" = ANY($1::text[])`,
        [values.slice(i, i + ROWS_PER_STATEMENT)],
      );
      for (const row of rows) {
        const entity = new target();
        for (const c of table.columns) {
          const value = row[c.databaseName];
          const relation = c.relationMetadata;
          // A relation is loaded as a reference: its id only, which is all a later write needs.
          (entity as any)[c.propertyName] = relation
            ? value == null
              ? value
              : Object.assign(new (relation.inverseEntityMetadata.target as any)(), { id: value })
            : driver.prepareHydratedValue(value, c);
        }
        out.push(entity);
      }
    }
    return out;
  }

  /** Adds rows; a row whose id exists already fails the batch. */
  insert<E extends Entity>(entities: E[]): Promise<void> {
    return this.write(entities, 'insert');
  }

  /** Adds rows, or replaces every column of the rows whose id exists. */
  upsert<E extends Entity>(entities: E[]): Promise<void> {
    return this.write(entities, 'upsert');
  }

  private async write<E extends Entity>(entities: E[], how: 'insert' | 'upsert') {
    if (entities.length === 0) return;
    const target = entities[0].constructor;
    assert(
      entities.every((e) => e.constructor === target),
      'one write, one table: the entities are of different classes',
    );
    const table = this.table(target);
    const driver = this.em.connection.driver;
    for (let i = 0; i < entities.length; i += ROWS_PER_STATEMENT) {
      const part = entities.slice(i, i + ROWS_PER_STATEMENT);
      const arrays = table.columns.map((c) =>
        part.map((entity) => {
          // The column's transformer (a bigint to its digits) is applied here, once.
          const value = driver.preparePersistentValue(c.getEntityValue(entity), c);
          return value === undefined ? null : value;
        }),
      );
      await this.query(table[how], arrays);
    }
  }
}

/** SQD's database contract for a processor of finalized blocks only. */
export class Database implements FinalDatabase<Store> {
  readonly supportsHotBlocks = false as const;
  private connection?: DataSource;

  async connect(): Promise<HashAndHeight> {
    assert(this.connection === undefined, 'already connected');
    const connection = new DataSource(createOrmConfig({ projectDir: process.cwd() }));
    await connection.initialize();
    try {
      const state = await connection.transaction('SERIALIZABLE', async (em) => {
        await em.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
        await em.query(
          `CREATE TABLE IF NOT EXISTS ${SCHEMA}.status ` +
            `(id int4 primary key, height int4 not null, hash text DEFAULT '0x', nonce int4 DEFAULT 0)`,
        );
        // Unfinalized blocks are never written, but the GraphQL server's `squidStatus` reads this
        // table too: it stays empty.
        await em.query(
          `CREATE TABLE IF NOT EXISTS ${SCHEMA}.hot_block (height int4 primary key, hash text not null)`,
        );
        await em.query(
          `INSERT INTO ${SCHEMA}.status (id, height, hash) VALUES (0, -1, '0x') ON CONFLICT DO NOTHING`,
        );
        // `TypeormDatabase` with hot blocks leaves unfinalized blocks here, to be rolled back by
        // the next batch; this store never writes any and does not roll them back.
        const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM ${SCHEMA}.hot_block`);
        assert.strictEqual(
          count,
          0,
          'the database holds unfinalized blocks written by another processor: index into a new database',
        );
        return status(em);
      });
      this.connection = connection;
      return { height: state.height, hash: state.hash };
    } catch (e) {
      await connection.destroy().catch(() => {});
      throw e;
    }
  }

  async disconnect(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.destroy();
  }

  async transact(info: FinalTxInfo, cb: (store: Store) => Promise<void>): Promise<void> {
    const connection = this.connection;
    assert(connection, 'not connected');
    for (let retries = 3; ; retries--) {
      try {
        return await connection.transaction('SERIALIZABLE', async (em) => {
          const state = await status(em);
          assert.strictEqual(state.hash, info.prevHead.hash, RACE);
          assert.strictEqual(state.height, info.prevHead.height, RACE);
          assert(info.prevHead.height < info.nextHead.height);
          assert.notStrictEqual(info.prevHead.hash, info.nextHead.hash);
          const store = new Store(em);
          try {
            await cb(store);
          } finally {
            store.close();
          }
          const [, changed] = await em.query(
            `UPDATE ${SCHEMA}.status SET height = $1, hash = $2, nonce = nonce + 1 WHERE id = 0 AND nonce = $3`,
            [info.nextHead.height, info.nextHead.hash, state.nonce],
          );
          assert.strictEqual(changed, 1, RACE);
        });
      } catch (e: any) {
        // A serialization failure (another writer on the same rows): the batch is tried again.
        if (e?.code !== '40001' || retries === 0) throw e;
      }
    }
  }
}

const RACE =
  'the progress record changed under the processor: is another processor writing to this database?';

async function status(em: EntityManager): Promise<{ height: number; hash: string; nonce: number }> {
  const rows = await em.query(`SELECT height, hash, nonce FROM ${SCHEMA}.status WHERE id = 0`);
  assert.strictEqual(rows.length, 1);
  const [{ height, hash, nonce }] = rows;
  assert(Number.isSafeInteger(height));
  return { height, hash, nonce };
}
