/**
 * Languages CI's document translation (Translation) reads and writes, by the codes Tencent's machine translation
 * uses. Chinese and English dominate real jobs. Used by Translation.
 */
export const TRANSLATION_LANGUAGES = [
  'zh',
  'en',
  'ja',
  'ko',
  'fr',
  'de',
  'es',
  'ru',
  'pt',
  'th',
  'vi',
] as const;

/** What a PDF was made from (Input.BasicType), when the submitter says so. */
export const PDF_BASIC_TYPES = ['docx', 'pptx'] as const;

/** Folders translated documents are written to. */
export const TRANSLATION_FOLDERS = ['output/', 'translate/', 'output/translation/'] as const;
