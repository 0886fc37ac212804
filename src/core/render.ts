/**
 * @module render
 * One response tree, two renderings: the body and its Content-Type for a format.
 */
import { JSON_CONTENT_TYPE, renderJson } from './render-json.ts';
import { renderXml, XML_CONTENT_TYPE } from './render-xml.ts';
import type { Format, Job, JsonShape } from './types.ts';

export interface RenderOptions {
  format: Format;
  jsonShape: JsonShape;
  compact: boolean;
}

export function render(
  response: Job,
  { format, jsonShape, compact }: RenderOptions,
): { body: string; contentType: string } {
  switch (format) {
    case 'xml':
      return { body: renderXml(response, { compact }), contentType: XML_CONTENT_TYPE };
    case 'json':
      return { body: renderJson(response, jsonShape, { compact }), contentType: JSON_CONTENT_TYPE };
  }
}
