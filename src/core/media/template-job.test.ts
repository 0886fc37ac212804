import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEEDS } from '../../../test/support/media.ts';
import { seededFaker } from '../faker.ts';
import { inputObject } from '../objects.ts';
import { normalize, select, text } from '../tree.ts';
import { expandPattern, extensionOf, objectStem } from './output-names.ts';
import { templateJobOperation, textWatermark } from './template-job.ts';

describe('template jobs', () => {
  it('templateJobOperation writes one file of a template’s container in the generic media shape', () => {
    const extensionsSeen = new Set<string>();
    for (const seed of SEEDS) {
      const faker = seededFaker(seed);
      const input = inputObject(faker, { kind: 'video', bucket: 'b-1250000000', region: 'ap-beijing' });
      const operation = normalize(
        templateJobOperation(faker, {
          tag: 'HighSpeedHd',
          input,
          containers: ['hls', 'mp4'],
          extensions: { hls: 'm3u8' },
          folders: ['tshd/'],
          suffixes: ['-hd'],
          templateNames: ['tshd-720p'],
        }),
      );
      assert.deepEqual(Object.keys(operation), [
        'MediaInfo',
        'MediaResult',
        'Output',
        'TemplateId',
        'TemplateName',
        'UserData',
        'JobLevel',
      ]);
      assert.match(text(operation, 'MediaInfo.Format.Duration') ?? '', /^\d+$/, 'integer style');
      const [name] = select(operation, 'MediaResult.OutputFile.ObjectName');
      const ext = extensionOf(String(name));
      extensionsSeen.add(ext);
      assert.equal(name, `tshd/${objectStem(input.key)}-hd.${ext}`);
      assert.equal(name, expandPattern(text(operation, 'Output.Object') ?? '', { ext }));
      assert.equal(text(operation, 'TemplateName'), 'tshd-720p');
      assert.equal(text(operation, 'Output.Bucket'), input.bucket);
    }
    assert.deepEqual(
      [...extensionsSeen].sort(),
      ['m3u8', 'mp4'],
      'hls writes .m3u8; an unlisted format is its own',
    );
  });

  it('textWatermark is a Text watermark, version V1, with one of the given texts', () => {
    const mark = textWatermark(seededFaker(4), ['uid_1', 'uid_2']);
    assert.deepEqual(Object.keys(mark), ['Message', 'Type', 'Version']);
    assert.ok(['uid_1', 'uid_2'].includes(String(mark['Message'])));
    assert.equal(mark['Type'], 'Text');
    assert.equal(mark['Version'], 'V1');
  });
});
