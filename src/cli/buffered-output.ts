/**
 * @module cli/buffered-output
 * Text for stdout gathered over one turn of the event loop and written at its end in one call, for the line
 * `serve` prints per delivery: Node writes stdout to a file or a pipe synchronously, one write(2) a call, which
 * under load cost more than composing the line. Text keeps its order; `flush()` writes what is held at once (a
 * caller does before it prints anything itself, and before it stops). A `kill -9` may lose the lines of the turn
 * it interrupts, never a delivery: the log has it.
 */
export interface BufferedOutput {
  write(text: string): void;
  flush(): void;
}

/** Held text beyond this is written at once rather than at the end of the turn. */
const MAX_HELD_CHARS = 64 * 1024;

export function bufferedOutput(write: (text: string) => void): BufferedOutput {
  let held = '';
  let scheduled: NodeJS.Immediate | undefined;
  function flush(): void {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (held === '') return;
    const text = held;
    held = '';
    write(text);
  }
  return {
    write(text) {
      held += text;
      if (held.length > MAX_HELD_CHARS) flush();
      else scheduled ??= setImmediate(flush);
    },
    flush,
  };
}
