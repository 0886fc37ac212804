/**
 * SoundHound: CI's song recognition ("听歌识曲") on an audio clip. The callback lists the matching songs with a
 * confidence (Inlier). Inlier is an integer percentage: the Go and Android SDKs declare it `int` and the JSON
 * sample says "98"; only the XML sample says 0.98, which a receiver on the Go SDK cannot decode. SongList repeats
 * when there are several candidates, as the Java and Android SDKs bind it (a list), though the Go SDK keeps one.
 * Official callback page: `docUrl` below; its examples are copied into fixtures/reference/SoundHound/.
 */
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { select } from '../core/tree.ts';
import type { Job } from '../core/types.ts';
import { SONGS } from './data/songs.ts';

export default defineTag({
  tag: 'SoundHound',
  family: 'asr',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/product/436/83841',
  summary: 'Song recognition: the songs an audio clip matches, with singer and confidence.',
  resultNode: 'SoundHoundResult',
  inputKind: 'audio',
  inputExtensions: ['mp3', 'm4a', 'wav'],
  inputDuration: [8, 60],
  processingSeconds: [2, 8],
  jsonShape: 'array',
  lists: ['Operation.SoundHoundResult.SongList'],
  build({ faker, tag }) {
    // Usually one clear match; sometimes a few candidates, best first.
    const count = faker.helpers.weightedArrayElement([
      { value: 1, weight: 6 },
      { value: 2, weight: 2 },
      { value: 3, weight: 1 },
    ]);
    let ceiling = 100;
    const songs = faker.helpers.arrayElements(SONGS, count).map((song) => {
      // A percentage; never below 40 unless the candidates before it left less room (min stays ≤ max).
      const inlier = faker.number.int({ min: Math.min(ceiling, Math.max(40, ceiling - 30)), max: ceiling });
      ceiling = inlier - 1;
      return { Inlier: inlier, SingerName: song.singer, SongName: song.song };
    });
    return {
      operation: {
        JobLevel: jobLevel(faker),
        SoundHoundResult: { SongList: songs },
        UserData: userData(faker, tag),
      },
    };
  },
  invariants: [
    {
      name: 'Inlier is a whole percentage from 1 to 100, best match first',
      check: (job) => {
        const texts = songList(job).map((song) => String(song['Inlier']));
        const bad = texts.find((value) => !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100);
        if (bad !== undefined) return `Inlier ${bad} is not a whole number from 1 to 100`;
        const inliers = texts.map(Number);
        const unsorted = inliers.findIndex((value, i) => i > 0 && value > (inliers[i - 1] as number));
        return unsorted === -1 ? undefined : `SongList ${unsorted} is more confident than the one before`;
      },
    },
    {
      name: 'every match names a real song with its singer',
      check: (job) => {
        const unknown = songList(job).find(
          (song) =>
            !SONGS.some((known) => known.song === song['SongName'] && known.singer === song['SingerName']),
        );
        return unknown ? `unknown song ${unknown['SongName']} / ${unknown['SingerName']}` : undefined;
      },
    },
  ],
});

function songList(job: Job): Job[] {
  return select(job, 'Operation.SoundHoundResult.SongList') as Job[];
}
