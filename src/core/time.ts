/**
 * @module time
 * CI writes times in China Standard Time with a colon-less offset: `2022-10-18T18:22:05+0800` in TaskFinish,
 * `2022-08-09 14:54:17+0800` in WorkflowFinish. Formatting is done by hand at a fixed +08:00 so the output never
 * depends on the machine's time zone.
 */

const CST_OFFSET_MS = 8 * 3600 * 1000;

/** The date generated jobs fall before, unless a caller picks another: pinned so a seed means the same bytes on any day. */
export const DEFAULT_REFERENCE_DATE = new Date('2025-06-30T12:00:00+08:00');

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/**
 * `YYYY-MM-DD` of the days formatted so far (days since the epoch, in CST), up to a bound: generated jobs fall in
 * the year before a reference date, and toISOString cost more than the rest of a time's formatting.
 */
const datesByDay = new Map<number, string>();
const MAX_DAYS = 4_096;

function cstParts(epochMs: number): { date: string; time: string } {
  const local = epochMs + CST_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  const date = Number.isInteger(local) ? datesByDay.get(day) : undefined;
  if (date === undefined) {
    const iso = new Date(local).toISOString();
    // Only whole milliseconds in years 0000-9999 (toISOString's 24 characters) are worked out by hand.
    if (iso.length === 24 && Number.isInteger(local)) {
      if (datesByDay.size >= MAX_DAYS) datesByDay.clear();
      datesByDay.set(day, iso.slice(0, 10));
    }
    return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
  }
  const seconds = Math.floor((local - day * DAY_MS) / 1000);
  const minutes = Math.floor(seconds / 60);
  return {
    date,
    time: `${TWO_DIGITS[Math.floor(minutes / 60)]}:${TWO_DIGITS[minutes % 60]}:${TWO_DIGITS[seconds % 60]}`,
  };
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
