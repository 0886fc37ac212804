/**
 * @module time
 * CI writes times in China Standard Time with a colon-less offset: `2022-10-18T18:22:05+0800` in TaskFinish,
 * `2022-08-09 14:54:17+0800` in WorkflowFinish. Formatting is done by hand at a fixed +08:00 so the output never
 * depends on the machine's time zone.
 */

const CST_OFFSET_MS = 8 * 3600 * 1000;

/** The date generated jobs fall before, unless a caller picks another: pinned so a seed means the same bytes on any day. */
export const DEFAULT_REFERENCE_DATE = new Date('2025-06-30T12:00:00+08:00');

function cstParts(epochMs: number): { date: string; time: string } {
  const iso = new Date(epochMs + CST_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** `2022-10-18T18:22:05+0800`, as in TaskFinish callbacks. */
export function formatTaskTime(epochMs: number): string {
  const { date, time } = cstParts(epochMs);
  return `${date}T${time}+0800`;
}

/** `2022-08-09 14:54:17+0800`, as in WorkflowFinish callbacks. */
export function formatWorkflowTime(epochMs: number): string {
  const { date, time } = cstParts(epochMs);
  return `${date} ${time}+0800`;
}

/** Parses either CI time format back to epoch milliseconds (NaN when it is neither). */
export function parseCiTime(text: string): number {
  const match = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)\+0800$/.exec(text);
  if (!match) return Number.NaN;
  return Date.parse(`${match[1]}T${match[2]}+08:00`);
}

/** `2021-08-10T21:01:08+08:00`, as in content-moderation callbacks (an offset with a colon, unlike TaskFinish). */
export function formatReviewTime(epochMs: number): string {
  const { date, time } = cstParts(epochMs);
  return `${date}T${time}+08:00`;
}
