/**
 * @module bench/child-process
 * The benchmarks' own processes (receivers, the compiled server): started, read for the first line they print
 * (their address), and stopped by closing their stdin, which each of them takes as the signal to exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface Child<T> {
  child: ChildProcess;
  value: T;
}

/** Starts `node args…` and waits for its first line on stdout, parsed by `parse`. */
export async function startChild<T>(args: string[], parse: (line: string) => T): Promise<Child<T>> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const value = await new Promise<T>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    child.stdout?.once('data', (data: Buffer) => resolve(parse(String(data).split('\n')[0] as string)));
  });
  child.removeAllListeners('exit');
  return { child, value };
}

/** Closes the child's stdin and waits for it to exit. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.stdin?.end();
  });
}
