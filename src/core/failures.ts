/**
 * @module failures
 * No failed-job callback is published (catalog §7), so these are modelled: error codes in CI's style, one table
 * per job family, with a readable message. Callers override them with `--set JobsDetail.Code=…`.
 */
import type { Family } from './types.ts';

export interface Failure {
  code: string;
  message: string;
}

const COMMON: readonly Failure[] = [
  { code: 'InputObjectNotExist', message: 'The input object does not exist or has been deleted.' },
  {
    code: 'AccessDenied',
    message: 'CI has no permission to read the input object; check the bucket policy.',
  },
  { code: 'InternalError', message: 'Internal error, please try again later.' },
];

export const FAILURES: Record<Family, readonly Failure[]> = {
  media: [
    ...COMMON,
    { code: 'InvalidMediaFile', message: 'The input file is not a valid media file or is corrupted.' },
    { code: 'MediaDurationTooLong', message: 'The media duration exceeds the limit of the job.' },
    { code: 'OutputUploadFailed', message: 'Failed to upload the output object to the destination bucket.' },
    { code: 'TemplateNotExist', message: 'The template does not exist.' },
  ],
  ai: [
    ...COMMON,
    { code: 'UnsupportedLanguage', message: 'The language of the input is not supported.' },
    { code: 'RecognitionFailed', message: 'Recognition failed: no valid content was found in the input.' },
  ],
  pic: [
    ...COMMON,
    { code: 'InvalidImageFormat', message: 'The input image format is not supported.' },
    { code: 'ImageTooLarge', message: 'The input image exceeds the maximum size.' },
  ],
  doc: [
    ...COMMON,
    { code: 'DocPasswordRequired', message: 'The document is encrypted and no DocPassword was given.' },
    { code: 'DocConvertFailed', message: 'Failed to convert the document.' },
  ],
  asr: [
    ...COMMON,
    { code: 'AudioDecodeFailed', message: 'Failed to decode the audio; check the file format.' },
    { code: 'AudioTooLong', message: 'The audio duration exceeds the limit of the job.' },
    { code: 'NoSpeechDetected', message: 'No speech was detected in the audio.' },
  ],
};
