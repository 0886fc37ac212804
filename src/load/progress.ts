/**
 * @module load/progress
 * The live progress line: rewritten in place on a terminal, one plain line per interval otherwise (logs, CI).
 */
import type { LoadProgress } from './engine.ts';

export function formatProgress(progress: LoadProgress): string {
  const latency = (ms: number) => (Number.isNaN(ms) ? '–' : `${Math.round(ms * 100) / 100}ms`);
  const phase = progress.phase === 'measuring' ? '' : ` ${progress.phase}`;
  return `[${(progress.elapsedMs / 1000).toFixed(1).padStart(6)}s${phase}] ${Math.round(progress.rate)} req/s  in flight ${progress.inFlight}  p50 ${latency(progress.p50Ms)}  p99 ${latency(progress.p99Ms)}  errors ${progress.failed}/${progress.finished}`;
}

/** Writes progress lines: on a terminal each one replaces the last (\r, clear to end of line). */
export function progressWriter(write: (text: string) => void, isTty: boolean) {
  let written = false;
  return {
    update(progress: LoadProgress): void {
      const line = formatProgress(progress);
      written = true;
      write(isTty ? `\r${line}\u001b[K` : `${line}\n`);
    },
    /** Ends the in-place line so what follows starts on a fresh one. */
    done(): void {
      if (isTty && written) write('\n');
    },
  };
}
