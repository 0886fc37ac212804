/**
 * Names people give the outputs and templates of media jobs (media group B): output folders per Tag, template
 * names, and the stock clips FillConcat pads a video with.
 */
export const OUTPUT_FOLDERS = {
  SDRtoHDR: ['output/', 'hdr/', 'output/hdr/'],
  SuperResolution: ['output/', 'sr/', 'output/sr/'],
  DigitalWatermark: ['output/', 'watermarked/', 'dw/'],
  StreamExtract: ['output/', 'streams/', 'output/extract/'],
  NoiseReduction: ['output/', 'denoise/', 'audio/clean/'],
  Tts: ['output/', 'tts/', 'voice/'],
  FillConcat: ['output/', 'concat/', 'padded/'],
  VideoSynthesis: ['output/', 'synthesis/', 'mix/'],
} as const;

export const SUPER_RESOLUTION_TEMPLATE_NAMES = [
  'template_superresolution',
  'sr-standard',
  '超分辨率-高清',
  'superres_v1',
] as const;

/** Stock clips kept in a bucket to pad videos with (FillConcat's FillInput). */
export const FILL_CLIPS = [
  'fill/black-screen.mp4',
  'fill/brand-logo.mp4',
  'fill/intro.mp4',
  'fill/outro.mp4',
  'fill/loading.mp4',
  'fill/ad-slot-15s.mp4',
  'assets/slate.mp4',
] as const;
