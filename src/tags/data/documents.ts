/**
 * Documents as CI's document conversion (DocProcess) meets them: how many pages each kind usually has, the
 * image options people pass, and where the page images go. Used by DocProcess.
 */

/** Page counts by source type (slides for pptx, printed pages for xlsx). */
export const DOC_PAGE_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  docx: [2, 40],
  pdf: [2, 80],
  pptx: [3, 60],
  xlsx: [2, 12],
};

/** DocProcess.ImageParams: picture processing applied to each page image ('' for none). */
export const DOC_IMAGE_PARAMS = ['', '', 'imageMogr2/thumbnail/!50p', 'imageMogr2/thumbnail/1280x'] as const;

/** Folders page images are written to; each gets the document's stem and `${Page}`. */
export const DOC_OUTPUT_FOLDERS = ['doc/', 'preview/', 'output/doc/'] as const;
