import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { everyVariantResponse } from '../../test/support/payload.ts';
import { renderJson, toJsonDocument, toJsonValue } from './render-json.ts';
import { type Job, JSON_SHAPES } from './types.ts';

describe('CI XML→JSON conversion (catalog §6)', () => {
  it('drops empty elements and keeps a container of empty children as {}', () => {
    const mediaInfo = { Format: '', Stream: { Audio: '', Subtitle: '', Video: '' } };
    assert.deepEqual(toJsonValue({ Message: '', MediaInfo: mediaInfo, MediaResult: { OutputFile: {} } }), {
      MediaInfo: { Stream: {} },
      MediaResult: {},
    });
  });

  it('renders a repeated element as an array from two occurrences on, and bare when it occurs once', () => {
    assert.deepEqual(
      toJsonValue({ ObjectName: ['a.jpg', 'b.jpg'], Md5Info: [{ Md5: 'x', ObjectName: 'a' }] }),
      {
        ObjectName: ['a.jpg', 'b.jpg'],
        Md5Info: { Md5: 'x', ObjectName: 'a' },
      },
    );
  });

  it('keeps element order and every scalar as a string', () => {
    const json = renderJson(
      { EventName: 'TaskFinish', JobsDetail: { Tag: 'X', Code: 'Success' } },
      'object',
      {
        compact: true,
      },
    );
    assert.equal(json, '{"EventName":"TaskFinish","JobsDetail":{"Tag":"X","Code":"Success"}}');
  });

  it('shapes JobsDetail as an object, an array, or an array wrapped in Response', () => {
    const response = { EventName: 'TaskFinish', JobsDetail: { Tag: 'X' } };
    assert.deepEqual(toJsonDocument(response, 'object'), {
      EventName: 'TaskFinish',
      JobsDetail: { Tag: 'X' },
    });
    assert.deepEqual(toJsonDocument(response, 'array'), {
      EventName: 'TaskFinish',
      JobsDetail: [{ Tag: 'X' }],
    });
    assert.deepEqual(toJsonDocument(response, 'wrapped'), {
      Response: { EventName: 'TaskFinish', JobsDetail: [{ Tag: 'X' }] },
    });
  });

  it('indents with four spaces like the documented samples unless compact', () => {
    assert.equal(renderJson({ A: 'b' }, 'object'), '{\n    "A": "b"\n}');
  });
});

describe('renderJson writes exactly JSON.stringify(toJsonDocument(…), null, 4)', () => {
  const check = (response: Job) => {
    for (const shape of JSON_SHAPES) {
      for (const compact of [false, true]) {
        const expected = JSON.stringify(toJsonDocument(response, shape), null, compact ? undefined : 4);
        assert.equal(
          renderJson(response, shape, { compact }),
          expected,
          `${shape}${compact ? ', compact' : ''}`,
        );
      }
    }
  };

  it('for every Tag × trigger × state over several seeds, in every shape, pretty and compact', () => {
    for (const response of everyVariantResponse([1, 2, 3])) check(response);
  });

  it('for text JSON must escape, empty elements, lists with empty occurrences and an empty document', () => {
    check({
      EventName: 'quote " backslash \\ control \u0001 tab \t lone \ud800 pair \ud83d\ude00 中文',
      JobsDetail: {
        A: '',
        B: {},
        C: { D: '' },
        E: ['', 'a'],
        F: ['', ''],
        G: [{}, { H: 'x' }],
        I: [{ J: '' }, { K: '1' }],
        'odd"name': 'x',
      },
    });
    check({});
    check({ EventName: 'TaskFinish', JobsDetail: '' });
  });
});
