/**
 * @module faults/catalog
 * The delivery faults as data: what each sends and what a robust receiver answers. The probe battery and the
 * option grammar both read this list, so a fault is described in one place (docs/faults-and-probes.md for people).
 */

export const FAULT_NAMES = [
  'duplicate',
  'reorder',
  'burst',
  'slow-body',
  'truncated',
  'content-type',
  'malformed',
  'unknown-fields',
  'reordered-elements',
  'unknown-tag',
  'special-chars',
  'large',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

/**
 * `body`: a different body (or Content-Type) over a normal request; `transport`: a normal body over a broken
 * connection (raw sockets); `delivery`: normal requests, sent again, in another order or all at once.
 */
export type FaultKind = 'body' | 'transport' | 'delivery';

export interface FaultDefinition {
  name: FaultName;
  kind: FaultKind;
  /** What is sent. */
  sends: string;
  /** What a robust receiver answers: the probe's pass condition, in words. */
  expects: string;
  /** Whether it can shape a single delivery of emit/send/schedules/load (reorder and burst need a batch). */
  perDelivery: boolean;
}

export const FAULTS: readonly FaultDefinition[] = [
  {
    name: 'duplicate',
    kind: 'delivery',
    sends: 'the same body again (same JobId), after a delay, as its own delivery that points at the original',
    expects: '2xx again (idempotent acknowledgement)',
    perDelivery: true,
  },
  {
    name: 'reorder',
    kind: 'delivery',
    sends:
      "a workflow run's TaskFinish callbacks and its WorkflowFinish, WorkflowFinish first; a batch in reverse",
    expects: '2xx for each, whatever the order',
    perDelivery: false,
  },
  {
    name: 'burst',
    kind: 'delivery',
    sends: 'N callbacks at once (concurrency N)',
    expects: 'no 5xx, no dropped connection',
    perDelivery: false,
  },
  {
    name: 'slow-body',
    kind: 'transport',
    sends: 'headers, then the body dribbled in chunks; also a body that stalls half-way',
    expects: '2xx, or a clean 408/4xx (or a close) after its own timeout — never a hang',
    perDelivery: true,
  },
  {
    name: 'truncated',
    kind: 'transport',
    sends: 'a Content-Length larger than the body, then the connection closes; also a reset mid-body',
    expects: 'stays up: the next callback is accepted',
    perDelivery: true,
  },
  {
    name: 'content-type',
    kind: 'body',
    sends:
      'application/xml; charset=utf-8, text/xml, application/json; charset=UTF-8 (accept); no Content-Type, XML labelled JSON (mismatches)',
    expects: '2xx for the variants; 4xx (or 2xx if it sniffs the body) for the mismatches — never 5xx',
    perDelivery: true,
  },
  {
    name: 'malformed',
    kind: 'body',
    sends:
      'invalid XML/JSON (cut short, unclosed element, trailing garbage), an empty body, a root that is not Response',
    expects: '4xx, never 5xx or a crash',
    perDelivery: true,
  },
  {
    name: 'unknown-fields',
    kind: 'body',
    sends: 'extra elements and fields CI might add tomorrow, at every level',
    expects: '2xx (forward compatibility)',
    perDelivery: true,
  },
  {
    name: 'reordered-elements',
    kind: 'body',
    sends: 'the same elements in reverse order, at every level',
    expects: '2xx',
    perDelivery: true,
  },
  {
    name: 'unknown-tag',
    kind: 'body',
    sends: 'a TaskFinish for a Tag the receiver has never heard of',
    expects: '2xx or 4xx, never 5xx',
    perDelivery: true,
  },
  {
    name: 'special-chars',
    kind: 'body',
    sends: 'object keys and UserData with XML entities (a&b <c>.mp4), 4-byte UTF-8, RTL text, a long path',
    expects: '2xx',
    perDelivery: true,
  },
  {
    name: 'large',
    kind: 'body',
    sends: 'a body of several MiB (SpeechRecognition with 20,000 words)',
    expects: '2xx or a clean 413',
    perDelivery: true,
  },
];

export function faultDefinition(name: FaultName): FaultDefinition {
  return FAULTS.find((fault) => fault.name === name) as FaultDefinition;
}

/** `slowBody` → `slow-body`: the API takes camelCase keys, the CLI kebab-case names; both are accepted. */
export function faultNameOf(text: string): FaultName | undefined {
  const kebab = text.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`).toLowerCase();
  return (FAULT_NAMES as readonly string[]).includes(kebab) ? (kebab as FaultName) : undefined;
}
