/**
 * @module template-job-tag
 * The Tags known only as job/template Tags in the SDK's examples (GeneratePlayList, HighSpeedHd, TranscodePro,
 * Watermark) share one shape, the generic media shape the catalog gives them (UNVERIFIED): a template job that
 * writes one file. This defines such a Tag from what differs between them; each still has its own file.
 */
import { defineTag } from './define-tag.ts';
import { MEDIA_INVARIANTS } from './media/invariants.ts';
import { outputNameInvariant } from './media/output-name-checks.ts';
import { processingByDuration } from './media/profile.ts';
import { templateJobOperation } from './media/template-job.ts';
import type { TagDefinition } from './types.ts';

/** Where these Tags appear: the SDK's job examples. */
export const SDK_EXAMPLES_URL = 'https://github.com/tencentyun/cos-go-sdk-v5/tree/master/example/CI';

export interface TemplateJobTagOptions {
  tag: string;
  summary: string;
  /** Seconds of processing: a base range plus a share of the input's duration (see processingByDuration). */
  processing: { base: readonly [number, number]; perInputSecond: readonly [number, number] };
  /** The containers the template may set (`Container.Format`; repeats weight the draw). */
  containers: readonly string[];
  /** `Container.Format` → the extension of the file CI writes; a format not listed is its own extension. */
  extensions: Readonly<Record<string, string>>;
  /** The Tag's output folders, the suffixes people add to the input's name, and its template names. */
  folders: readonly string[];
  suffixes: readonly string[];
  templateNames: readonly string[];
}

export function defineTemplateJobTag(options: TemplateJobTagOptions): TagDefinition {
  const { tag, containers, extensions } = options;
  return defineTag({
    tag,
    family: 'media',
    source: 'inferred',
    docUrl: SDK_EXAMPLES_URL,
    summary: options.summary,
    resultNode: 'MediaResult',
    inputKind: 'video',
    processingSeconds: processingByDuration(options.processing.base, options.processing.perInputSecond),
    jsonShape: 'object',
    // Transcodes by a template: they report Progress as Transcode does (modelled; see the per-Tag notes of docs/payloads.md).
    reportsProgress: true,
    lists: [],
    build: ({ faker, input }) => ({
      operation: templateJobOperation(faker, {
        tag,
        input,
        containers,
        extensions,
        folders: options.folders,
        suffixes: options.suffixes,
        templateNames: options.templateNames,
      }),
    }),
    invariants: [
      ...MEDIA_INVARIANTS,
      outputNameInvariant(containers.map((format) => extensions[format] ?? format)),
    ],
  });
}
