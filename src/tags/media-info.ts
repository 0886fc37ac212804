/**
 * MediaInfo: CI probes a media file. As documented, Operation is the full MediaInfo (decimal style, as ffprobe
 * prints it) and UserData, nothing else; MediaInfo describes the input object itself.
 * Official sample: https://cloud.tencent.com/document/api/436/85055.
 */
import { userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { MEDIA_INFO_CONSISTENT, MEDIA_INFO_DESCRIBES_INPUT } from '../core/media/media-info-checks.ts';
import { mediaOf } from '../core/media/profile.ts';

export default defineTag({
  tag: 'MediaInfo',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/api/436/85055',
  summary: 'Media info: the container and streams of a media file, as ffprobe reports them.',
  resultNode: 'MediaInfo',
  inputKind: 'video',
  processingSeconds: [0.3, 3],
  jsonShape: 'object',
  lists: [],
  build({ faker, tag, input }) {
    return {
      operation: {
        MediaInfo: mediaInfo(mediaOf(input), 'decimal'),
        UserData: userData(faker, tag),
      },
    };
  },
  invariants: [MEDIA_INFO_CONSISTENT, MEDIA_INFO_DESCRIBES_INPUT],
});
