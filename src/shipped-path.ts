/**
 * @module shipped-path
 * Files the package ships as they are (the dashboard's assets, the committed pacts) sit beside the TypeScript
 * sources. A module compiled to dist/ finds them at the same path without the dist/ segment.
 */
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The path of `relative` (a file or a directory ending in /) next to the module at `moduleUrl`. */
export function shippedPath(relative: string, moduleUrl: string): string {
  const beside = fileURLToPath(new URL(relative, moduleUrl));
  if (existsSync(beside)) return beside;
  const dist = beside.lastIndexOf(`${sep}dist${sep}`);
  return dist === -1 ? beside : beside.slice(0, dist) + beside.slice(dist + '/dist'.length);
}
