import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AnswerReader, type ReadResult } from './answer-reader.ts';

/** Feeds `answer` to a reader in pieces cut at `cuts`, through one reused read buffer as a socket's onread does. */
function readInPieces(answer: string, cuts: number[] = []) {
  const bytes = Buffer.from(answer, 'latin1');
  const shared = Buffer.alloc(bytes.length + 16, 0x2a);
  const reader = new AnswerReader();
  const body: Buffer[] = [];
  reader.start((data, start, end) => body.push(Buffer.from(data.subarray(start, end))));
  const bounds = [...new Set([0, ...cuts.filter((cut) => cut > 0 && cut < bytes.length), bytes.length])].sort(
    (a, b) => a - b,
  );
  let result: ReadResult = 'more';
  for (let i = 1; i < bounds.length && result === 'more'; i++) {
    // stale bytes past the piece, as a shared buffer holds from an earlier read
    shared.fill(0x2a);
    const length = bytes.copy(shared, 0, bounds[i - 1], bounds[i]);
    result = reader.read(shared, length);
  }
  return {
    result,
    status: reader.status,
    body: Buffer.concat(body).toString('latin1'),
    closeAfter: reader.closeAfter,
    keepAliveSeconds: reader.keepAliveSeconds,
    endsAtClose: reader.endsAtClose,
  };
}

const ANSWERS = {
  length:
    'HTTP/1.1 503 Service Unavailable\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nretry later',
  chunked:
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n',
  interim: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok',
  empty: 'HTTP/1.1 204 No Content\r\nKeep-Alive: timeout=5, max=100\r\n\r\n',
};

describe('answer reader', () => {
  it('reads the status and body of a Content-Length, chunked, interim and empty answer', () => {
    assert.deepEqual(readInPieces(ANSWERS.length), {
      result: 'done',
      status: 503,
      body: 'retry later',
      closeAfter: false,
      keepAliveSeconds: undefined,
      endsAtClose: false,
    });
    assert.equal(readInPieces(ANSWERS.chunked).body, 'hello world');
    assert.deepEqual([readInPieces(ANSWERS.interim).status, readInPieces(ANSWERS.interim).body], [201, 'ok']);
    const empty = readInPieces(ANSWERS.empty);
    assert.deepEqual([empty.result, empty.status, empty.keepAliveSeconds], ['done', 204, 5]);
  });

  it('reads the same answer however the socket splits it, with stale bytes after each piece', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(ANSWERS)),
        fc.array(fc.nat({ max: 200 }), { maxLength: 8 }),
        (answer, cuts) => {
          assert.deepEqual(readInPieces(answer, cuts), readInPieces(answer));
        },
      ),
    );
  });

  it('says when the connection closes after the answer, or ends it', () => {
    assert.equal(
      readInPieces('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n').closeAfter,
      true,
    );
    assert.equal(readInPieces('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n').closeAfter, true);
    const untilClose = readInPieces('HTTP/1.1 200 OK\r\n\r\nall of it');
    assert.deepEqual(
      [untilClose.result, untilClose.endsAtClose, untilClose.body],
      ['more', true, 'all of it'],
    );
  });

  it('refuses what is not an HTTP/1.1 answer', () => {
    assert.equal(readInPieces('SSH-2.0-OpenSSH\r\n\r\n').result, 'bad');
    assert.equal(readInPieces('HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n').result, 'bad');
    assert.equal(readInPieces('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n').result, 'bad');
  });
});
