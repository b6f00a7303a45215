// A contribution's score buckets as an SVG bar chart: per score the reputation that gave it (dark
// bars) and the reputation at or above it (light bars, §4's `Above(v)`), the quorum line at the
// threshold `need`, and the median — the highest score whose light bar reaches the line —
// marked. Pure: it returns the markup, so that tests can read it.

import { escapeText } from './dom';
import { formatReputation } from './format';

export interface ChartBucket {
  score: number;
  weight: bigint;
}

export interface ChartInput {
  buckets: ChartBucket[];
  need: bigint;
  median: number | null;
  /** The reputation the threshold was taken from (`R₀`): the top of the scale. */
  total: bigint;
}

const WIDTH = 480;
const HEIGHT = 220;
const LEFT = 44;
const RIGHT = 12;
const TOP = 18;
const BOTTOM = 34;

/** `Above(v)`: the reputation that scored `v` or more, per bucket. */
export function cumulativeFromTop(buckets: ChartBucket[]): Map<number, bigint> {
  const above = new Map<number, bigint>();
  let sum = 0n;
  for (const b of [...buckets].sort((x, y) => y.score - x.score)) {
    sum += b.weight;
    above.set(b.score, sum);
  }
  return above;
}

export function bucketChart({ buckets, need, median, total }: ChartInput): string {
  const above = cumulativeFromTop(buckets);
  const top = [total, need, ...above.values()].reduce((m, v) => (v > m ? v : m), 1n);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (v: bigint) => TOP + plotHeight - Number((v * BigInt(plotHeight * 1000)) / top) / 1000;
  const slot = (WIDTH - LEFT - RIGHT) / Math.max(1, buckets.length);
  const bar = Math.max(4, slot * 0.62);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" ` +
      `aria-label="${escapeText(chartLabel({ buckets, need, median, total }))}">`,
  );
  parts.push(`<line class="axis" x1="${LEFT}" y1="${y(0n)}" x2="${WIDTH - RIGHT}" y2="${y(0n)}"/>`);
  parts.push(
    `<text class="tick" x="${LEFT - 6}" y="${y(top) + 4}" text-anchor="end">${formatReputation(top)}</text>`,
  );
  parts.push(`<text class="tick" x="${LEFT - 6}" y="${y(0n) + 4}" text-anchor="end">0</text>`);
  buckets.forEach((b, i) => {
    const x = LEFT + i * slot + (slot - bar) / 2;
    const cx = LEFT + i * slot + slot / 2;
    const a = above.get(b.score) ?? 0n;
    const isMedian = median === b.score;
    parts.push(
      `<rect class="above" data-score="${b.score}" x="${x}" y="${y(a)}" width="${bar}" height="${y(0n) - y(a)}"/>`,
    );
    parts.push(
      `<rect class="bucket${isMedian ? ' median' : ''}" data-score="${b.score}" data-weight="${b.weight}" ` +
        `x="${x + bar * 0.2}" y="${y(b.weight)}" width="${bar * 0.6}" height="${y(0n) - y(b.weight)}"/>`,
    );
    if (b.weight > 0n) {
      parts.push(
        `<text class="value" x="${cx}" y="${y(b.weight) - 4}" text-anchor="middle">${formatReputation(b.weight)}</text>`,
      );
    }
    parts.push(
      `<text class="score${isMedian ? ' median' : ''}" x="${cx}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${b.score}</text>`,
    );
  });
  parts.push(
    `<line class="quorum" data-need="${need}" x1="${LEFT}" y1="${y(need)}" x2="${WIDTH - RIGHT}" y2="${y(need)}"/>`,
  );
  parts.push(
    `<text class="quorum-label" x="${WIDTH - RIGHT}" y="${y(need) - 5}" text-anchor="end">quorum ${formatReputation(need)}</text>`,
  );
  parts.push(
    `<text class="axis-label" x="${LEFT + (WIDTH - LEFT - RIGHT) / 2}" y="${HEIGHT - 4}" text-anchor="middle">score</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

/** The chart in words, for screen readers and for the tests. */
export function chartLabel({ buckets, need, median }: ChartInput): string {
  const scored = buckets
    .filter((b) => b.weight > 0n)
    .map((b) => `${formatReputation(b.weight)} at ${b.score}`);
  const votes = scored.length ? scored.join(', ') : 'no evaluations yet';
  const outcome = median === null ? 'no score has the quorum yet' : `median ${median}`;
  return `Reputation per score: ${votes}; quorum ${formatReputation(need)}; ${outcome}.`;
}
