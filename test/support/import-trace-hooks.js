// Module hooks for import-trace.js: they run off the main thread, so they write each URL synchronously.
import { appendFileSync } from 'node:fs';

let traceFile;

export function initialize(file) {
  traceFile = file;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (traceFile) appendFileSync(traceFile, `${resolved.url}\n`);
  return resolved;
}
