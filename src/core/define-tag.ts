/**
 * @module define-tag
 * The one way a generator declares its Tag: checks the definition once, at import, so a mistake in a Tag file
 * fails every test that loads the registry with a message naming the Tag.
 */
import { PROGRESS_MATCHES_STATE } from './envelope.ts';
import type { TagDefinition } from './types.ts';

export function defineTag(def: TagDefinition): TagDefinition {
  const problem = (what: string) => new Error(`Tag definition '${def.tag || '?'}': ${what}`);
  if (!/^[A-Z][A-Za-z0-9]+$/.test(def.tag)) throw problem('tag must be the CI Tag name in PascalCase');
  if (!/^https?:\/\//.test(def.docUrl))
    throw problem('docUrl must be the page or SDK source the shape comes from');
  if (def.summary.trim() === '') throw problem('summary is empty');
  if (Array.isArray(def.processingSeconds)) {
    const [min, max] = def.processingSeconds;
    if (!(min > 0 && max >= min)) throw problem('processingSeconds must be [min, max] with 0 < min ≤ max');
  }
  if (def.jobsDetailOrder && !def.jobsDetailOrder.includes('Tag')) {
    throw problem('jobsDetailOrder must include Tag: every sample carries it');
  }
  // Progress is the envelope's, so its invariant comes with the flag rather than from each Tag file.
  const invariants = def.reportsProgress ? [...def.invariants, PROGRESS_MATCHES_STATE] : def.invariants;
  return Object.freeze({ ...def, invariants });
}
