import { expect, test } from 'vitest';

import { type Change, describeChange, indexerUrl } from '../src/history';
import { lastPerBlock, stepPath, timelineChart } from '../src/timeline';

const rep = (v: bigint) => String(v);
const mkr = (v: bigint) => `${v} MKR`;

function change(partial: Partial<Change>): Change {
  return {
    dc: 0,
    block: 1,
    cause: 'Stake',
    reputationChange: 0n,
    atStakeChange: 0n,
    tokensChange: 0n,
    reputation: 0n,
    atStake: 0n,
    tokens: 0n,
    contribution: null,
    ...partial,
  };
}

test('the indexer is named by ?indexer=, else by the server’s config, else none', () => {
  expect(indexerUrl('?indexer=http://127.0.0.1:1/graphql', { indexer: 'http://x/graphql' })).toBe(
    'http://127.0.0.1:1/graphql',
  );
  expect(indexerUrl('?rpc=ws://a', { indexer: 'http://x/graphql' })).toBe('http://x/graphql');
  expect(indexerUrl('', { node: 'ws://a' } as { indexer?: string })).toBeNull();
  expect(indexerUrl('', null)).toBeNull();
});

test('each change of the record in words', () => {
  expect(describeChange(change({ cause: 'Endowment', reputationChange: 400n }), rep, mkr)).toBe(
    'Endowed with 400 reputation when the DC was created',
  );
  expect(describeChange(change({ cause: 'Stake', atStakeChange: 40n, contribution: 0 }), rep, mkr)).toBe(
    'Evaluated #0, staking 40',
  );
  expect(
    describeChange(
      change({ cause: 'Settlement', atStakeChange: -30n, reputationChange: -30n, contribution: 0 }),
      rep,
      mkr,
    ),
  ).toBe('Evaluation of #0 settled: lost 30 of the 30 staked');
  expect(
    describeChange(change({ cause: 'Settlement', atStakeChange: -40n, contribution: 0 }), rep, mkr),
  ).toBe('Evaluation of #0 settled: the 40 staked came back');
  expect(
    describeChange(change({ cause: 'Earnings', reputationChange: 24n, contribution: 0 }), rep, mkr),
  ).toBe('Earned 24 reputation (pending) evaluating #0');
  expect(
    describeChange(change({ cause: 'TokensMinted', tokensChange: 40n, contribution: 3 }), rep, mkr),
  ).toBe('Received 40 MKR for contribution #3');
  expect(describeChange(change({ cause: 'TokensMinted', tokensChange: 5n }), rep, mkr)).toBe(
    'Bought 5 MKR from the reserve',
  );
  expect(describeChange(change({ cause: 'TokensBurned', tokensChange: -5n }), rep, mkr)).toBe(
    'Redeemed 5 MKR',
  );
  expect(describeChange(change({ cause: 'TokensSent', tokensChange: -7n }), rep, mkr)).toBe('Sent 7 MKR');
  expect(describeChange(change({ cause: 'TokensSwappedOut', tokensChange: -7n }), rep, mkr)).toBe(
    'Paid 7 MKR into a market swap',
  );
  expect(describeChange(change({ cause: 'TokensSwappedIn', tokensChange: 3n }), rep, mkr)).toBe(
    'Got 3 MKR from a market swap',
  );
});

test('several changes in one block draw as one step, at the block’s last value', () => {
  expect(
    lastPerBlock([
      { block: 1, value: 400n },
      { block: 3, value: 400n },
      { block: 14, value: 400n },
      { block: 14, value: 424n },
    ]),
  ).toEqual([
    { block: 1, value: 400n },
    { block: 3, value: 400n },
    { block: 14, value: 424n },
  ]);
});

test('the step line holds each value until the next one and runs to the current block', () => {
  const x = (b: number) => b * 10;
  const y = (v: bigint) => 100 - Number(v);
  expect(
    stepPath(
      [
        { block: 1, value: 40n },
        { block: 4, value: 60n },
      ],
      9,
      x,
      y,
    ),
  ).toBe('M10.0,60.0H40.0V40.0H90.0');
  expect(stepPath([], 9, x, y)).toBe('');
});

test('the timeline carries its points, its title with the last value and its range', () => {
  const markup = timelineChart({
    id: 'reputation-over-time-0',
    title: 'Reputation',
    points: [
      { block: 1, value: 400n },
      { block: 3, value: 400n },
      { block: 14, value: 400n },
      { block: 14, value: 424n },
    ],
    until: 20,
    format: rep,
  });
  expect(markup).toContain('id="reputation-over-time-0"');
  expect(markup).toContain('data-blocks="1,3,14" data-values="400,400,424"');
  expect(markup).toContain('>Reputation: 424</text>');
  expect(markup).toContain('>block 1</text>');
  expect(markup).toContain('>block 20</text>');
  expect(markup.match(/<circle/g)).toHaveLength(3);
  expect(markup).toContain('aria-label="Reputation: 400 from block 1, 400 from block 3, 424 from block 14."');
});

test('an all-zero timeline has no top tick', () => {
  const markup = timelineChart({ title: 'MKR', points: [{ block: 2, value: 0n }], until: 5, format: mkr });
  expect(markup).not.toContain('1 MKR');
  expect(markup).toContain('>MKR: 0 MKR</text>');
});
