/**
 * @module registry
 * Looking Tags up by name, and describing them for `tags` and the Tag table of docs/payloads.md.
 */

import { type FieldPath, InputError } from '../core/errors.ts';
import {
  FAMILY_PREFIX,
  type Family,
  FORMATS,
  JSON_SHAPES,
  type JsonShape,
  type Source,
  STATES,
  type TagDefinition,
  TRIGGERS,
} from '../core/types.ts';
import { TAGS } from '../tags/index.ts';

export function tagNames(): string[] {
  return TAGS.map((def) => def.tag);
}

/** The definition of a Tag; an unknown name is an InputError listing the known ones. Case-insensitive. */
/** The Tag named `name` (any case); an unknown name is refused under `field`, e.g. `['tags', 2]` for a list's. */
export function findTag(name: string, field: string | FieldPath = 'tag'): TagDefinition {
  const def = TAGS.find((candidate) => candidate.tag.toLowerCase() === name.toLowerCase());
  if (!def) throw new InputError(field, `unknown tag '${name}'`, tagNames());
  return def;
}

export interface TagDescription {
  tag: string;
  family: Family;
  jobIdPrefix: string;
  source: Source;
  resultNode: string;
  summary: string;
  docUrl: string;
  defaultJsonShape: JsonShape;
  formats: readonly string[];
  triggers: readonly string[];
  states: readonly string[];
  jsonShapes: readonly string[];
}

export function describeTag(def: TagDefinition): TagDescription {
  return {
    tag: def.tag,
    family: def.family,
    jobIdPrefix: FAMILY_PREFIX[def.family],
    source: def.source,
    resultNode: def.resultNode,
    summary: def.summary,
    docUrl: def.docUrl,
    defaultJsonShape: def.jsonShape,
    formats: FORMATS,
    triggers: TRIGGERS,
    states: STATES,
    jsonShapes: JSON_SHAPES,
  };
}

export function describeTags(): TagDescription[] {
  return TAGS.map(describeTag);
}
