import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VARIANT } from '../../../test/support/media.ts';
import { normalize } from '../tree.ts';
import type { Job } from '../types.ts';
import { TEMPLATE_IDS_DISTINCT, textWatermarkProblem } from './template-job-checks.ts';

describe('templates and watermarks', () => {
  const ids = ['t1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7', 't0123456789abcdef0123456789abcdef'];

  it('TEMPLATE_IDS_DISTINCT: every template id has CI’s form and none is named twice', () => {
    const job = (operation: Job) => normalize({ Operation: operation });
    assert.equal(
      TEMPLATE_IDS_DISTINCT.check(
        job({ TemplateId: ids[0] as string, WatermarkTemplateId: [ids[1] as string] }),
        VARIANT,
      ),
      undefined,
    );
    assert.match(
      TEMPLATE_IDS_DISTINCT.check(
        job({ TranscodeTemplateId: ids[0] as string, WatermarkTemplateId: [ids[0] as string] }),
        VARIANT,
      ) ?? '',
      /named twice/,
    );
    assert.match(
      TEMPLATE_IDS_DISTINCT.check(job({ TemplateId: 'template_transcode' }), VARIANT) ?? '',
      /'template_transcode' is not a template id/,
    );
  });

  it('textWatermarkProblem wants Text, V1 and a message the alphabet takes', () => {
    const alphabet = /^[a-z_]{1,8}$/;
    const mark = (message: string, version = 'V1'): Job => ({
      Message: message,
      Type: 'Text',
      Version: version,
    });
    assert.equal(textWatermarkProblem(mark('uid_a'), alphabet), undefined);
    assert.match(textWatermarkProblem(mark('uid_a', 'V2'), alphabet) ?? '', /not Text V1/);
    assert.match(textWatermarkProblem(mark('far too long a text'), alphabet) ?? '', /watermark text/);
  });
});
