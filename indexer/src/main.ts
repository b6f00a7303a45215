// The indexer's process: follows the node named by COVALUE_RPC (default ws://127.0.0.1:9944) from
// genesis, writing each batch of finalized blocks to PostgreSQL in one transaction together with
// the height it reached, so that a restart resumes after the last block written.
import { makeProcessor, settingsFromEnv } from './processor';
import { handleBatch } from './mapping';
import { Database } from './store';

const processor = makeProcessor(settingsFromEnv());
processor.run(new Database(), handleBatch);

// Stopped by its supervisor: exit at once (each batch is one transaction, so nothing is half
// written), through `process.exit`, so that a CPU profile (`COVALUE_INDEXER_PROFILE`) is saved.
process.on('SIGTERM', () => process.exit(0));
