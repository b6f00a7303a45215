// A quantity over blocks as an SVG step chart: each point holds its value until the next one
// (balances change only at events), up to the current block. Pure: it returns the markup, with
// the points in `data-blocks`/`data-values`, so that tests can read what is drawn.

import { escapeText } from './dom';

export interface TimelinePoint {
  block: number;
  value: bigint;
}

export interface TimelineInput {
  title: string;
  points: TimelinePoint[];
  /** The block the line runs to (the chain's current one). */
  until: number;
  format: (value: bigint) => string;
  /** A CSS class for the line's colour. */
  tone?: string;
  id?: string;
}

const WIDTH = 360;
const HEIGHT = 150;
const LEFT = 52;
const RIGHT = 10;
const TOP = 22;
const BOTTOM = 24;

/** The step line's path through `points`, with x and y given as functions. */
export function stepPath(
  points: TimelinePoint[],
  until: number,
  x: (b: number) => number,
  y: (v: bigint) => number,
): string {
  if (points.length === 0) return '';
  const d: string[] = [`M${x(points[0].block).toFixed(1)},${y(points[0].value).toFixed(1)}`];
  for (let i = 1; i < points.length; i++) {
    d.push(`H${x(points[i].block).toFixed(1)}`, `V${y(points[i].value).toFixed(1)}`);
  }
  d.push(`H${x(Math.max(until, points[points.length - 1].block)).toFixed(1)}`);
  return d.join('');
}

/** The last value of each block: several changes in one block draw as one step. */
export function lastPerBlock(points: TimelinePoint[]): TimelinePoint[] {
  const out: TimelinePoint[] = [];
  for (const p of points) {
    if (out.length > 0 && out[out.length - 1].block === p.block) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

export function timelineChart({
  title,
  points,
  until,
  format,
  tone = 'reputation',
  id,
}: TimelineInput): string {
  const steps = lastPerBlock(points);
  const first = steps.length ? steps[0].block : 0;
  const last = Math.max(until, steps.length ? steps[steps.length - 1].block : 0, first + 1);
  const highest = steps.reduce((m, p) => (p.value > m ? p.value : m), 0n);
  // All zero: the line lies on the axis, and the scale has no top to label.
  const top = highest || 1n;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (b: number) => LEFT + ((b - first) * (WIDTH - LEFT - RIGHT)) / (last - first);
  const y = (v: bigint) => TOP + plotHeight - Number((v * BigInt(plotHeight * 1000)) / top) / 1000;
  const now = steps.length ? format(steps[steps.length - 1].value) : 'nothing yet';
  const label = `${title}: ${steps.map((p) => `${format(p.value)} from block ${p.block}`).join(', ') || 'no changes'}.`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline"${id ? ` id="${escapeText(id)}"` : ''} viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeText(label)}">`,
    `<text class="chart-title" x="${LEFT}" y="14">${escapeText(title)}: ${escapeText(now)}</text>`,
    `<line class="axis" x1="${LEFT}" y1="${y(0n)}" x2="${WIDTH - RIGHT}" y2="${y(0n)}"/>`,
    highest > 0n
      ? `<text class="tick" x="${LEFT - 6}" y="${y(top) + 4}" text-anchor="end">${escapeText(format(top))}</text>`
      : '',
    `<text class="tick" x="${LEFT - 6}" y="${y(0n) + 4}" text-anchor="end">0</text>`,
    `<text class="tick" x="${LEFT}" y="${HEIGHT - 6}" text-anchor="start">block ${first}</text>`,
    `<text class="tick" x="${WIDTH - RIGHT}" y="${HEIGHT - 6}" text-anchor="end">block ${last}</text>`,
    `<path class="line ${escapeText(tone)}" d="${stepPath(steps, last, x, y)}" ` +
      `data-blocks="${steps.map((p) => p.block).join(',')}" data-values="${steps.map((p) => p.value).join(',')}"/>`,
    ...steps.map(
      (p) =>
        `<circle class="dot ${escapeText(tone)}" cx="${x(p.block).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="2.5"/>`,
    ),
    '</svg>',
  ];
  return parts.join('');
}
