// The harness itself, without a real node: it must fail fast and clearly, and leave nothing
// behind, when the binary is missing or dies at start-up.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { freePorts, nodeBinary, startNode } from '../lib/node.js';

const scratch = mkdtempSync(join(tmpdir(), 'covalue-e2e-harness-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function baseDirs() {
  return readdirSync(tmpdir()).filter((name) => /^covalue-e2e-(?!harness-)/.test(name));
}

async function withNodeBinary(path, body) {
  const saved = process.env.COVALUE_NODE;
  process.env.COVALUE_NODE = path;
  try {
    return await body();
  } finally {
    if (saved === undefined) {
      delete process.env.COVALUE_NODE;
    } else {
      process.env.COVALUE_NODE = saved;
    }
  }
}

test('freePorts gives distinct ports', async () => {
  const [a, b] = await freePorts(2);
  assert.ok(Number.isInteger(a) && a > 0 && a < 65536);
  assert.ok(Number.isInteger(b) && b > 0 && b < 65536);
  assert.notEqual(a, b);
});

test('COVALUE_NODE selects the binary', async () => {
  await withNodeBinary('/opt/somewhere/covalue-node', () => {
    assert.equal(nodeBinary(), '/opt/somewhere/covalue-node');
  });
});

test('a missing binary is reported at once, naming the path', async () => {
  const missing = join(scratch, 'no-such-covalue-node');
  const started = Date.now();
  await withNodeBinary(missing, () =>
    assert.rejects(startNode(), (error) => {
      assert.match(error.message, /covalue-node binary not found or not executable/);
      assert.ok(error.message.includes(missing), error.message);
      return true;
    }),
  );
  assert.ok(Date.now() - started < 5_000, 'took too long to fail');
});

test('a node that dies at start-up is reported with its output, and cleaned up', async () => {
  const fake = join(scratch, 'dying-node');
  writeFileSync(
    fake,
    '#!/bin/sh\necho "fake node called with: $*"\necho "Error: the fake node gives up" >&2\nexit 3\n',
  );
  chmodSync(fake, 0o755);
  const dirsBefore = baseDirs();
  const started = Date.now();

  await withNodeBinary(fake, () =>
    assert.rejects(startNode(), (error) => {
      assert.match(error.message, /exited early \(code 3/);
      assert.match(error.message, /the fake node gives up/);
      assert.match(error.message, /--dev --sealing instant --base-path \S+ --rpc-port \d+ --port \d+ --no-prometheus --no-telemetry --no-mdns --rpc-cors all/);
      return true;
    }),
  );
  assert.ok(Date.now() - started < 10_000, 'took too long to fail');
  assert.deepEqual(baseDirs(), dirsBefore, 'the base path was not removed');
});
