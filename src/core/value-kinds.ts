/**
 * @module value-kinds
 * What kind of text a leaf holds — a CI time, an ID, an integer, a decimal or free text — judged by pattern. CI
 * sends every value as a string, so a receiver's contract (src/pact/pact-body.ts) and its schema
 * (src/schema/) both match a value by these patterns rather than by type; they share them so the two agree.
 */

/** A TaskFinish time: `2022-10-18T18:22:05+0800`. */
export const TASK_TIME = '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0800$';
/** A letter then 32 to 34 hex digits: JobId, QueueId, RunId, WorkflowId, TemplateId. */
export const ID = '^[a-z][0-9a-f]{32,34}$';
export const INTEGER = '^-?\\d+$';
export const DECIMAL = '^-?\\d+\\.\\d+$';

export type ValueKind = 'time' | 'id' | 'integer' | 'decimal' | 'text';

const KIND_PATTERNS: [ValueKind, RegExp][] = [
  ['time', new RegExp(TASK_TIME)],
  ['id', new RegExp(ID)],
  ['integer', new RegExp(INTEGER)],
  ['decimal', new RegExp(DECIMAL)],
];

export const KIND_PATTERN: Record<Exclude<ValueKind, 'text'>, string> = {
  time: TASK_TIME,
  id: ID,
  integer: INTEGER,
  decimal: DECIMAL,
};

/** The kind of one value; an ID needs a hex letter, so a long run of digits stays an integer. */
export function kindOf(value: string): ValueKind {
  const found = KIND_PATTERNS.find(
    ([kind, pattern]) => pattern.test(value) && (kind !== 'id' || /[a-f]/.test(value)),
  );
  return found ? found[0] : 'text';
}
