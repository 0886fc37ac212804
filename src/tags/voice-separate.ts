/**
 * VoiceSeparate: CI splits a song or recording into the voice and the background (accompaniment). As in the
 * documented sample the input is an .mp3 whose MediaInfo has two Audio streams; Output names the background as
 * Object and the voice as AuObject, and MediaResult lists the tracks AudioMode asked for, each with its Md5Info.
 * The published jobs ran from a template, so jobs do by default: TemplateId and TemplateName after Output. A
 * workflow node always names a template; about one job in five submitted directly gives the VoiceSeparate
 * parameters instead and echoes them (modelled, from the SDK) with no template, as a template job echoes none.
 * MediaInfo uses the decimal style (modelled); UserData and JobLevel come last.
 * Official callback page: https://cloud.tencent.com/document/product/460/76966 (catalog §3, VoiceSeparate).
 */
import { jobLevel, template, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { namesProblem } from '../core/media/output-name-checks.ts';
import { extensionOf, objectStem } from '../core/media/output-names.ts';
import { mediaResult, output } from '../core/media/output-nodes.ts';
import { mediaOf, processingByDuration, withSplitAudio } from '../core/media/profile.ts';
import { TEMPLATE_IDS_DISTINCT } from '../core/media/template-job-checks.ts';
import { select, text } from '../core/tree.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import {
  AUDIO_BITRATES,
  AUDIO_CODEC_EXTENSIONS,
  AUDIO_SAMPLE_RATES,
  VOICE_SEPARATE_MODES,
} from './data/transcode-options.ts';

const PARAMS = 'Operation.VoiceSeparate';
const NAMES = 'Operation.MediaResult.OutputFile.ObjectName';

/** The tracks each AudioMode writes: the background goes to Output.Object, the voice to Output.AuObject. */
function tracksFor(mode: string, files: { background: string; voice: string }): string[] | undefined {
  switch (mode) {
    case 'AudioAndBackground':
      return [files.background, files.voice];
    case 'IsAudio':
      return [files.voice];
    case 'IsBackground':
      return [files.background];
    default:
      return undefined;
  }
}

export default defineTag({
  tag: 'VoiceSeparate',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/product/460/76966',
  summary: 'Voice separation: the voice and the background of a recording as separate tracks.',
  resultNode: 'MediaResult',
  inputKind: 'audio',
  inputExtensions: ['mp3'],
  inputDuration: [15, 360],
  processingSeconds: processingByDuration([3, 8], [0.1, 0.5]),
  jsonShape: 'object',
  lists: [NAMES, 'Operation.MediaResult.OutputFile.Md5Info'],
  build({ faker, tag, input, trigger }) {
    const mode = faker.helpers.weightedArrayElement([
      { value: VOICE_SEPARATE_MODES[0], weight: 6 },
      { value: VOICE_SEPARATE_MODES[1], weight: 2 },
      { value: VOICE_SEPARATE_MODES[2], weight: 2 },
    ]);
    const codec = faker.helpers.weightedArrayElement([
      { value: 'mp3', weight: 6 },
      { value: 'aac', weight: 3 },
      { value: 'flac', weight: 1 },
    ]);
    const extension = AUDIO_CODEC_EXTENSIONS[codec] ?? codec;
    const base = `${faker.helpers.arrayElement(OUTPUT_FOLDERS.VoiceSeparate)}${objectStem(input.key)}`;
    const files = { background: `${base}_background.${extension}`, voice: `${base}_vocal.${extension}` };
    const parameters = {
      AudioConfig: {
        Bitrate: faker.helpers.arrayElement(AUDIO_BITRATES),
        Channels: faker.helpers.arrayElement([1, 2]),
        Codec: codec,
        Samplerate: faker.helpers.arrayElement(AUDIO_SAMPLE_RATES),
      },
      AudioMode: mode,
    };
    // A workflow node runs from a template; a job submitted directly does so by default, else by parameters.
    const byTemplate = trigger === 'workflow' || faker.number.int(4) > 0;
    return {
      operation: {
        MediaInfo: mediaInfo(withSplitAudio(mediaOf(input)), 'decimal'),
        MediaResult: mediaResult(faker, {
          bucket: input.bucket,
          region: input.region,
          objectNames: tracksFor(mode, files) ?? [],
          md5: 'per-file',
        }),
        Output: output({
          bucket: input.bucket,
          region: input.region,
          object: files.background,
          extra: { AuObject: files.voice },
        }),
        ...(byTemplate ? template(faker, TEMPLATE_NAMES.VoiceSeparate) : { VoiceSeparate: parameters }),
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    ...MEDIA_INVARIANTS,
    TEMPLATE_IDS_DISTINCT,
    {
      name: 'a job names a template or its parameters, and the tracks are those its AudioMode asks for: background as Output.Object, voice as Output.AuObject',
      check: (job) => {
        const byTemplate = text(job, 'Operation.TemplateId') !== undefined;
        if (byTemplate === select(job, PARAMS).length > 0)
          return `TemplateId ${byTemplate ? 'and' : 'nor'} VoiceSeparate parameters`;
        const names = select(job, NAMES);
        if (names.length === 0) return undefined;
        const files = {
          background: text(job, 'Operation.Output.Object') ?? '',
          voice: text(job, 'Operation.Output.AuObject') ?? '',
        };
        const mode = text(job, `${PARAMS}.AudioMode`);
        if (mode === undefined) {
          const fits = VOICE_SEPARATE_MODES.some(
            (m) => namesProblem(tracksFor(m, files) ?? [], names) === undefined,
          );
          return fits ? undefined : `tracks ${names.join(', ')} fit no AudioMode`;
        }
        const expected = tracksFor(mode, files);
        return expected
          ? namesProblem(expected, names)
          : `AudioMode ${mode} is not one of ${VOICE_SEPARATE_MODES}`;
      },
    },
    {
      name: 'the tracks are files of AudioConfig.Codec (mp3 → .mp3, aac → .m4a, flac → .flac), the template’s alike',
      check: (job) => {
        const codec = text(job, `${PARAMS}.AudioConfig.Codec`);
        const extension =
          codec === undefined
            ? extensionOf(text(job, 'Operation.Output.Object') ?? '')
            : AUDIO_CODEC_EXTENSIONS[codec];
        if (!extension || !Object.values(AUDIO_CODEC_EXTENSIONS).includes(extension))
          return codec === undefined
            ? `.${extension} is not the file of an AudioConfig.Codec`
            : `AudioConfig.Codec ${codec} is not one of ${Object.keys(AUDIO_CODEC_EXTENSIONS)}`;
        const files = [text(job, 'Operation.Output.Object'), text(job, 'Operation.Output.AuObject')];
        const stray = files.find((file) => extensionOf(file ?? '') !== extension);
        return stray === undefined ? undefined : `${stray} is not a .${extension} file`;
      },
    },
  ],
});
