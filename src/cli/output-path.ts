/**
 * @module cli/output-path
 * A report file's path, checked before a run so a typo in a path does not cost a whole run.
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../core/errors.ts';

export async function outputPath(flag: string, path: string): Promise<string> {
  const full = resolve(path);
  const dir = await stat(dirname(full)).catch(() => undefined);
  if (!dir?.isDirectory()) {
    throw new InputError(flag, `--${flag} ${path}: the directory ${dirname(full)} does not exist`);
  }
  return full;
}
