/**
 * The processor inside a real Artillery (the version in artillery-test/): two `artillery run`s at once, from
 * the files `ci-callback artillery init` writes, against one loopback receiver. Skipped, saying so, when
 * artillery-test/ is not installed; `.ci/run` installs it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ID_PATTERNS } from '../src/core/ids.ts';
import {
  ARTILLERY_MISSING,
  type ArtilleryProject,
  type ArtilleryRun,
  artilleryInstalled,
  artilleryProject,
  runArtillery,
} from './support/artillery.ts';
import { type ReceivedCallback, startReceiver, type TestReceiver } from './support/receiver.ts';

const installed = artilleryInstalled();
if (!installed) process.stderr.write(`SKIPPING the real-Artillery tests: ${ARTILLERY_MISSING}\n`);

const JOB_ID = /<JobId>([^<]+)<\/JobId>|"JobId":\s*"([^"]+)"/;
const TAG = /<Tag>([^<]+)<\/Tag>|"Tag":\s*"([^"]+)"/;
const field = (pattern: RegExp, body: string) => pattern.exec(body)?.slice(1).find(Boolean) ?? '';

describe('the processor in a real Artillery run', { skip: installed ? false : ARTILLERY_MISSING }, () => {
  let project: ArtilleryProject;
  let receiver: TestReceiver;
  let runs: ArtilleryRun[];
  // a third run, at the same time, with the duplicate fault on, against its own receiver
  let duplicatesProject: ArtilleryProject;
  let duplicatesReceiver: TestReceiver;
  let duplicatesRun: ArtilleryRun;

  before(async () => {
    // The receiver fails every SpeechRecognition callback, to show non-2xx counted per Tag.
    receiver = await startReceiver((request) =>
      field(TAG, request.body) === 'SpeechRecognition' ? { status: 500 } : { status: 200, body: 'ok' },
    );
    project = await artilleryProject([
      '--tags',
      'SmartCover:3,SpeechRecognition:1',
      '--rate',
      '20',
      '--duration',
      '3s',
    ]);
    // Both runs share one seed, so they stamp the very same templates: only the per-worker random part
    // keeps their JobIds apart.
    await project.editScript((yaml) =>
      yaml
        .replace('format: xml ', 'format: mixed')
        .replace('trigger: direct ', 'trigger: mixed  ')
        .replace('# seed: 1', 'seed: 7  '),
    );
    duplicatesReceiver = await startReceiver();
    duplicatesProject = await artilleryProject(['--tags', 'SmartCover', '--rate', '10', '--duration', '3s']);
    // the faults' --fault grammar, as a YAML string
    await duplicatesProject.editScript((yaml) =>
      yaml.replace('duplicate: 0 ', 'duplicate: "25%"').replace('# seed: 1', 'seed: 3  '),
    );
    const target = new URL(receiver.url).origin;
    const [a, b, duplicates] = await Promise.all([
      ...['a', 'b'].map((name) =>
        runArtillery({
          script: project.script,
          target,
          output: join(project.dir, `report-${name}.json`),
          timeoutMs: 60_000,
        }),
      ),
      runArtillery({
        script: duplicatesProject.script,
        target: new URL(duplicatesReceiver.url).origin,
        output: join(duplicatesProject.dir, 'report.json'),
        timeoutMs: 60_000,
      }),
    ]);
    runs = [a as ArtilleryRun, b as ArtilleryRun];
    duplicatesRun = duplicates as ArtilleryRun;
  });

  after(async () => {
    await receiver?.close();
    await project?.remove();
    await duplicatesReceiver?.close();
    await duplicatesProject?.remove();
  });

  const total = (name: string) =>
    runs.reduce((sum, run) => sum + (run.report.aggregate.counters[name] ?? 0), 0);
  const byTag = (tag: string) => receiver.received.filter((r) => field(TAG, r.body) === tag);

  it('sends a realistic callback with a JobId never seen before on every request of every worker', () => {
    const received: ReceivedCallback[] = receiver.received;
    assert.ok(received.length >= 60, `only ${received.length} requests arrived`);
    assert.equal(received.length, total('http.requests'));
    const jobIds = received.map((r) => field(JOB_ID, r.body));
    for (const jobId of jobIds) assert.match(jobId, ID_PATTERNS.jobId);
    assert.equal(new Set(jobIds).size, jobIds.length, 'no JobId twice, across both runs');
    for (const r of received) {
      assert.equal(r.method, 'POST');
      assert.equal(r.path, '/callback');
      assert.equal(
        r.headers['content-type'],
        r.body.startsWith('<') ? 'application/xml' : 'application/json',
      );
    }
    assert.ok(received.some((r) => r.body.startsWith('{')) && received.some((r) => r.body.startsWith('<')));
    assert.ok(
      received.some((r) => /<Workflow>|"Workflow"/.test(r.body)),
      'trigger mixed sends workflow jobs',
    );
  });

  it("reports per-Tag counts, response times and non-2xx in Artillery's own report", () => {
    const smartCover = byTag('SmartCover').length;
    const speech = byTag('SpeechRecognition').length;
    assert.equal(smartCover + speech, receiver.received.length);
    assert.equal(total('ci_callback.sent.SmartCover'), smartCover);
    assert.equal(total('ci_callback.sent.SpeechRecognition'), speech);
    assert.ok(Math.abs(smartCover - 3 * speech) <= 8, `the 3:1 mix (${smartCover}:${speech})`);
    assert.equal(total('ci_callback.non_2xx.SpeechRecognition'), speech);
    for (const run of runs) {
      assert.equal(run.report.aggregate.counters['ci_callback.non_2xx.SmartCover'], 0, 'present, for checks');
    }
    for (const run of runs) {
      const { counters, summaries } = run.report.aggregate;
      assert.equal(
        summaries['ci_callback.response_time.SmartCover']?.count,
        counters['ci_callback.sent.SmartCover'],
      );
    }
  });

  it('with duplicate, sends some callbacks twice, byte for byte, and counts them per Tag', () => {
    const received = duplicatesReceiver.received;
    const { counters } = duplicatesRun.report.aggregate;
    assert.equal(received.length, counters['http.requests']);
    assert.equal(received.length, counters['ci_callback.sent.SmartCover']);
    const firstBody = new Map<string, string>();
    let copies = 0;
    for (const r of received) {
      const jobId = field(JOB_ID, r.body);
      const first = firstBody.get(jobId);
      if (first === undefined) firstBody.set(jobId, r.body);
      else {
        copies++;
        assert.equal(r.body, first, `the copy of ${jobId} is the same bytes`);
      }
    }
    assert.ok(copies > 0, `no copy among ${received.length} requests`);
    assert.equal(counters['ci_callback.duplicates.SmartCover'], copies);
  });
});
