import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp } from '../../test/support/app.ts';
import { referenceReceiver } from '../../test/support/fragile-receivers.ts';
import { startReceiver, type TestReceiver } from '../../test/support/receiver.ts';
import { REVIEW_KINDS } from '../moderation/types.ts';
import { generateReview } from '../payloads/generate-review.ts';
import { tagNames } from '../payloads/registry.ts';
import { PAGES } from './pages.ts';
import { SESSION_COOKIE } from './session.ts';

const html = { accept: 'text/html' };
const csrfOf = (page: string) => /name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? '';

describe('dashboard', () => {
  const { app, deliverer, close } = testApp();
  let receiver: TestReceiver;
  let csrf = '';
  before(async () => {
    receiver = await startReceiver(() => ({ status: 500, body: '<script>alert("owned")</script> & more' }));
    csrf = csrfOf(await (await app.request('/', { headers: html })).text());
  });
  after(async () => {
    await close();
    await receiver.close();
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, ...headers },
      body: JSON.stringify(body),
    });

  it('serves every page in the navigation as HTML, with a strict Content-Security-Policy', async () => {
    for (const page of PAGES) {
      const response = await app.request(page.href, { headers: html });
      assert.equal(response.status, 200, page.href);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      const text = await response.text();
      assert.match(text, new RegExp(`<h1>${page.title}</h1>`));
      assert.match(text, new RegExp(`<a href="${page.href}" aria-current="page">`));
    }
    const script = await app.request('/ui/assets/dashboard.js');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
  });

  it('lists the jobs submitted to CI’s job API on the Jobs page, newest first, with their state', async () => {
    const submit = (object: string, callBack: string) =>
      app.request('/jobs', {
        method: 'POST',
        body: `<Request><Tag>Snapshot</Tag><Input><Object>${object}</Object></Input><Operation/><CallBack>${callBack}</CallBack></Request>`,
      });
    const first = await (await submit('a&lt;b&gt;.mp4', 'no')).text();
    const second = await (await submit('b.mp4', 'no')).text();
    const [firstId, secondId] = [first, second].map((xml) => /<JobId>(\w+)<\/JobId>/.exec(xml)?.[1]);
    const page = await (await app.request('/ui/jobs', { headers: html })).text();
    assert.ok(firstId && secondId);
    assert.ok(page.indexOf(secondId) < page.indexOf(firstId), 'newest first');
    assert.match(
      page,
      new RegExp(
        `<code>${firstId}</code></td><td>Snapshot</td><td><span class="badge badge-pending">Submitted`,
      ),
    );
    assert.match(page, /a&lt;b&gt;\.mp4/, 'an input name is text, never markup');
  });

  it('streams a job submitted to CI’s job API to the Jobs page as a server-rendered row', {
    timeout: 10_000,
  }, async () => {
    const stream = await app.request('/ui/jobs/events');
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const submitted = await app.request('/jobs', {
      method: 'POST',
      body: '<Request><Tag>MediaInfo</Tag><Input><Object>live.mp4</Object></Input><Operation/><CallBack>no</CallBack></Request>',
    });
    const jobId = /<JobId>(\w+)<\/JobId>/.exec(await submitted.text())?.[1] ?? 'none';
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes(`id=\\"job-${jobId}\\"`)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    await reader.cancel();
    assert.match(text, new RegExp(`event: row\ndata: \\{"key":"${jobId}"`));
  });

  it('lists every Tag in the catalog, each linking to its preview', async () => {
    const page = await (await app.request('/', { headers: html })).text();
    for (const tag of tagNames()) assert.ok(page.includes(`/ui/preview?tag=${tag}"`), tag);
  });

  it('lists the moderation kinds in the catalog, each linking to its preview', async () => {
    const page = await (await app.request('/', { headers: html })).text();
    for (const kind of REVIEW_KINDS)
      assert.ok(page.includes(`/ui/preview?kind=review&amp;review=${kind}"`), kind);
  });

  it('previews a moderation callback with its form, and shows the API message for a form the kind lacks', async () => {
    const body = await (
      await app.request('/ui/preview/body?kind=review&review=document&result=violation&seed=5')
    ).text();
    const expected = generateReview({ review: 'document', result: 'violation', seed: 5 });
    const jobId = (expected.document['JobsDetail'] as { JobId: string }).JobId;
    assert.ok(body.includes(jobId), body.slice(0, 500));
    assert.match(body, /X-Ci-Content-Version: Detail/);
    const bad = await (
      await app.request('/ui/preview/body?kind=review&review=html&callbackVersion=simple')
    ).text();
    assert.match(bad, /role="alert"/);
    assert.match(bad, /html callbacks have no simple form/);
  });

  it('carries a moderation preview to Send, which sends it with the X-Ci-Content-Version of its form', async () => {
    const preview = await (
      await app.request(
        '/ui/preview/body?kind=review&review=live&callbackVersion=detail&result=suspected&seed=9',
      )
    ).text();
    const link = /href="(\/ui\/send\?[^"]+)" data-send-link/.exec(preview)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(link, preview);
    const carried = new URL(link, 'http://x').searchParams;
    assert.deepEqual(
      ['kind', 'review', 'callbackVersion', 'result', 'seed'].map((name) => carried.get(name)),
      ['review', 'live', 'detail', 'suspected', '9'],
    );

    const page = await (await app.request(link, { headers: html })).text();
    assert.match(page, /<select id="field-review" name="review">/);
    assert.match(page, /<option value="live" selected(="")?>live<\/option>/);
    assert.match(page, /<option value="detail" selected(="")?>detail<\/option>/);
    assert.match(page, /<option value="suspected" selected(="")?>suspected<\/option>/);
    assert.match(page, /<input id="field-seed" name="seed"[^>]*value="9"/);
    // the TaskFinish fields POST /emit refuses beside review are not in the form
    for (const field of ['tag', 'trigger', 'format', 'state', 'jsonShape', 'overrides']) {
      assert.ok(!page.includes(`name="${field}"`), field);
    }

    // what the form posts (see dashboard.js formBody)
    const ok = await startReceiver();
    try {
      const form = { review: 'live', callbackVersion: 'detail', result: 'suspected', seed: 9 } as const;
      const response = await post('/ui/api/emit', { ...form, target: ok.url, count: 2 });
      assert.equal(response.status, 200);
      const answer = (await response.json()) as { delivered: number; deliveries: { tag: string }[] };
      assert.equal(answer.delivered, 2);
      assert.deepEqual(
        answer.deliveries.map((d) => d.tag),
        ['review:live', 'review:live'],
      );
      const [first] = await ok.waitFor(2);
      assert.equal(first?.headers['x-ci-content-version'], 'Detail');
      assert.equal(first?.body, generateReview(form).body);
    } finally {
      await ok.close();
    }
  });

  it('previews with the API: an override lands in the body, a bad one shows the API message', async () => {
    const good = await app.request(
      '/ui/preview/body?tag=SpeechRecognition&format=json&trigger=workflow&state=failed&seed=4&overrides=JobsDetail.Code%3DInputObjectNotExist',
    );
    const body = await good.text();
    assert.match(body, /InputObjectNotExist/);
    assert.match(body, /<output data-seed="true">4<\/output>/);
    const bad = await (
      await app.request('/ui/preview/body?tag=SpeechRecognition&overrides=JobsDetail')
    ).text();
    const api = await app.request('/tags/SpeechRecognition/payload?overrides=JobsDetail');
    const { detail } = (await api.json()) as { detail: string };
    assert.ok(bad.includes(detail.replaceAll("'", '&#39;')), bad);
    assert.match(bad, /role="alert"/);
  });

  it('carries a WorkflowFinish preview to Send, which sends the whole run in order under one RunId', async () => {
    const preview = await (
      await app.request(
        '/ui/preview/body?kind=workflow&nodes=SpeechRecognition,VoiceSeparate&format=json&state=failed&seed=7',
      )
    ).text();
    const link = /href="(\/ui\/send\?[^"]+)" data-send-link/.exec(preview)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(link, preview);
    const carried = new URL(link, 'http://x').searchParams;
    assert.equal(carried.get('kind'), 'workflow');
    assert.equal(carried.get('nodes'), 'SpeechRecognition,VoiceSeparate');
    assert.deepEqual(
      [carried.get('format'), carried.get('state'), carried.get('seed')],
      ['json', 'failed', '7'],
    );

    const page = await (await app.request(`${link}&trigger=direct`, { headers: html })).text();
    assert.match(page, /<input id="field-tags" name="tags"[^>]*value="SpeechRecognition,VoiceSeparate"/);
    assert.match(page, /<label for="field-tags">Workflow nodes<\/label>/);
    assert.match(page, /<input type="hidden" name="event" value="workflow-finish"\s*\/?>/);
    assert.match(page, /<legend>What to send<\/legend>/);
    assert.match(
      page,
      /name="run" value="false" data-json="boolean" checked(="")?\s*\/?> Just the\s+WorkflowFinish/,
    );
    assert.match(page, /name="run" value="true" data-json="boolean"\s*\/?> The whole\s+run/);
    assert.ok(
      !page.includes('name="trigger"') && !page.includes('name="tag"'),
      'a run is workflow-triggered',
    );
    const escaped = await (
      await app.request('/ui/send?kind=workflow&nodes=<b>x</b>', { headers: html })
    ).text();
    assert.ok(escaped.includes('value="&lt;b&gt;x&lt;/b&gt;"') && !escaped.includes('<b>x</b>'));

    // what the form posts for "the whole run" (see dashboard.js formBody)
    const ok = await startReceiver();
    try {
      const tags = ['SpeechRecognition', 'VoiceSeparate'];
      const form = { tags, event: 'workflow-finish', run: true, format: 'json', state: 'failed', seed: 7 };
      const response = await post('/ui/api/emit', { ...form, target: ok.url, count: 1 });
      assert.equal(response.status, 200);
      const answer = (await response.json()) as {
        delivered: number;
        deliveries: { id: number; tag: string; status: string }[];
        runs: { runId: string; seed: number; deliveries: number[] }[];
      };
      assert.equal(answer.delivered, 3);
      assert.deepEqual(
        answer.deliveries.map((d) => d.tag),
        [...tags, 'WorkflowFinish'],
      );
      const [run] = answer.runs;
      assert.equal(answer.runs.length, 1);
      assert.equal(run?.seed, 7);
      assert.deepEqual(
        run?.deliveries,
        answer.deliveries.map((d) => d.id),
      );
      // the receiver got them in that order, each carrying the run's RunId
      const received = await ok.waitFor(3);
      assert.match(received[2]?.body ?? '', /"EventName": ?"WorkflowFinish"/);
      for (const callback of received) assert.ok(callback.body.includes(run?.runId ?? '?'), callback.body);
      // "just the WorkflowFinish": one delivery, the same run (same seed, same RunId)
      const alone = (await (
        await post('/ui/api/emit', { ...form, run: false, target: ok.url })
      ).json()) as typeof answer;
      assert.deepEqual(
        alone.deliveries.map((d) => d.tag),
        ['WorkflowFinish'],
      );
      assert.equal(alone.runs[0]?.runId, run?.runId);
      // a bad node gets the API's own answer, as every form does
      const bad = { ...form, tags: ['SpeechRecognition', 'NoSuchTag'], target: ok.url };
      const viaPage = await post('/ui/api/emit', bad);
      const direct = await app.request('/emit', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bad),
      });
      assert.equal(viaPage.status, 400);
      assert.deepEqual(await viaPage.json(), await direct.json());
    } finally {
      await ok.close();
    }
  });

  it("renders a receiver's response as text, never as markup, and masks credentials in targets", async () => {
    const target = receiver.url.replace('http://', 'http://robot:pa55word@') + '?key=s3cret';
    const response = await post('/ui/api/emit', { tag: 'SmartCover', target });
    assert.equal(response.status, 200);
    const { deliveries } = (await response.json()) as { deliveries: { id: number }[] };
    const id = deliveries[0]?.id;
    const detail = await (await app.request(`/ui/deliveries/${id}`, { headers: html })).text();
    assert.ok(detail.includes('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; more'), detail);
    assert.ok(!detail.includes('<script>alert'));
    const list = await (await app.request('/ui/deliveries', { headers: html })).text();
    for (const page of [detail, list]) {
      assert.ok(!page.includes('pa55word') && !page.includes('s3cret'));
      assert.ok(page.includes('http://***@127.0.0.1'));
    }
    // the curl command is for the person who asks for it: the real target
    const curl = await (await app.request(`/ui/deliveries/${id}/curl`)).text();
    assert.match(curl, /^curl -X POST 'http:\/\/robot:pa55word@127\.0\.0\.1:\d+\/callback\?key=s3cret'/);
  });

  it('refuses a change without the CSRF token or from another origin, and otherwise gives the API answer', async () => {
    const noToken = await post(
      '/ui/api/schedules',
      { target: receiver.url, every: '1h' },
      { 'x-csrf-token': '' },
    );
    assert.equal(noToken.status, 403);
    assert.match(((await noToken.json()) as { detail: string }).detail, /CSRF token/);
    const otherSite = await post(
      '/ui/api/schedules',
      { target: receiver.url },
      { origin: 'https://evil.example' },
    );
    assert.equal(otherSite.status, 403);
    const invalid = await post('/ui/api/schedules', { target: receiver.url, every: 'soon' });
    const direct = await app.request('/schedules', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: receiver.url, every: 'soon' }),
    });
    assert.equal(invalid.status, 400);
    assert.deepEqual(await invalid.json(), await direct.json());
    assert.equal((await post('/ui/api/openapi.json', {})).status, 404);
  });

  it('sets what the sink answers through its form, and shows what it answered each callback', async () => {
    const page = async () => (await app.request('/ui/sink', { headers: html })).text();
    assert.match(await page(), /200 at once, to every callback that asks nothing itself/);
    assert.match(await page(), /data-api="PUT \/sink\/response"/);
    const set = await app.request('/ui/api/sink/response', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ status: '503,200', delay: '1ms' }),
    });
    assert.equal(set.status, 200, await set.clone().text());
    await app.request('/sink', { method: 'POST', body: '<Response/>' });
    await app.request('/sink?status=418', { method: 'POST', body: '<Response/>' });
    const shown = await page();
    assert.match(shown, /503, 200 in turn \(next: #2\), after 1ms/);
    assert.match(shown, /<td>503 after 1ms \(the setting\)<\/td>/);
    assert.match(shown, /<td>418 after 1ms \(asked in the query\)<\/td>/);
    assert.match(shown, /data-api="DELETE \/sink\/response"/);
    const cleared = await app.request('/ui/api/sink/response', {
      method: 'DELETE',
      headers: { 'x-csrf-token': csrf },
    });
    assert.equal(cleared.status, 204);
    assert.match(await page(), /200 at once/);
  });

  it('offers the retry schedule and the attempt header on Send and on a new schedule, left to the server by default', async () => {
    for (const path of ['/ui/send?tag=SmartCover', '/ui/schedules']) {
      const text = await (await app.request(path, { headers: html })).text();
      assert.match(text, /name="retry"[^>]*placeholder="0,1s,5s,25s"/, path);
      assert.match(text, /<select id="field-attemptHeader" name="attemptHeader" data-json="boolean"/, path);
      assert.match(text, /<option value="">the server&#39;s setting<\/option>/, path);
    }
    const sent = await post('/ui/api/emit', {
      target: receiver.url,
      tag: 'SmartCover',
      retry: '0,1ms',
      attemptHeader: true,
    });
    assert.equal(sent.status, 200);
    assert.equal(
      ((await sent.json()) as { deliveries: { attemptCount: number }[] }).deliveries[0]?.attemptCount,
      2,
    );
  });

  it('answers only loopback host names without a token, so DNS rebinding cannot reach it', async () => {
    const rebound = await app.request('http://attacker.example:8787/', { headers: html });
    assert.equal(rebound.status, 403);
    assert.match(((await rebound.json()) as { detail: string }).detail, /only loopback host names/);
    for (const host of ['127.0.0.1:8787', 'localhost', '[::1]:8787']) {
      const response = await app.request(`http://${host}/`, { headers: html });
      assert.equal(response.status, 200, host);
    }
  });

  it('streams a new delivery to the Deliveries page as a server-rendered row', async () => {
    const stream = await app.request('/ui/deliveries/events?tag=SoundHound');
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const delivered = post('/ui/api/emit', { tag: 'SoundHound', target: receiver.url });
    let text = '';
    const decoder = new TextDecoder();
    while (!/"html":"<tr[^"]*id=\\"delivery-\d+\\"/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    await reader.cancel();
    await delivered;
    assert.match(text, /event: row/);
    assert.match(text, /SoundHound/);
    assert.equal(deliverer.inFlight, 0);
  });
});

/** The `state` events of a live stream until its final one. */
async function stateEvents(stream: Response): Promise<{ html: string; final: boolean }[]> {
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: { html: string; final: boolean }[] = [];
  let text = '';
  while (!events.at(-1)?.final) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    const blocks = text.split('\n\n');
    text = blocks.pop() ?? '';
    for (const block of blocks) {
      const data = /^event: state\ndata: (.*)$/m.exec(block)?.[1];
      if (data) events.push(JSON.parse(data) as { html: string; final: boolean });
    }
  }
  await reader.cancel();
  return events;
}

describe('dashboard: Probes', () => {
  const { app, close } = testApp({ allowTargets: ['http://127.0.0.1:*'] });
  let csrf = '';
  before(async () => {
    csrf = csrfOf(await (await app.request('/ui/probes', { headers: html })).text());
  });
  after(close);
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });

  it('runs the selected probes through the API and streams the table as it fills, targets masked', async () => {
    const receiver = await referenceReceiver();
    try {
      const target = `${receiver.url.replace('http://', 'http://robot:pa55word@')}?key=s3cret`;
      const started = await post('/ui/api/probes', {
        target,
        only: ['duplicate', 'slow-body/dribbled'],
        timeoutMs: 10_000, // slow-body dribbles its body over 2 s: the table is seen half full
        seed: 4,
      });
      assert.equal(started.status, 202);
      const { id, probes } = (await started.json()) as { id: string; probes: string[] };
      assert.deepEqual(probes, ['duplicate/same-body', 'slow-body/dribbled']);
      const page = await (await app.request(`/ui/probes/${id}`, { headers: html })).text();
      assert.ok(page.includes(`data-live="/ui/probes/${id}/events"`));

      const events = await stateEvents(await app.request(`/ui/probes/${id}/events`));
      const row = (event: { html: string } | undefined, probe: string) =>
        new RegExp(`<tr data-probe="${probe}">.*?</tr>`).exec(event?.html ?? '')?.[0] ?? '';
      const last = events.at(-1);
      // half full: the duplicate's verdict is in while slow-body still dribbles its body
      assert.ok(
        events.some(
          (event) =>
            /badge-pass">PASS</.test(row(event, 'duplicate/same-body')) &&
            /badge-running">running…</.test(row(event, 'slow-body/dribbled')),
        ),
        events.map((event) => event.html).join('\n'),
      );
      assert.equal(last?.final, true);
      for (const probe of probes) assert.match(row(last, probe), /badge-pass">PASS</);
      assert.match(row(last, 'duplicate/same-body'), /20\d in \d+ ms, again 20\d in \d+ ms; canary 20\d/);
      assert.match(
        last?.html ?? '',
        /badge-passed">passed<\/span> 2 passed, 0 failed, 0 not run · xml, seed 4/,
      );

      const done = await (await app.request(`/ui/probes/${id}`, { headers: html })).text();
      const list = await (await app.request('/ui/probes', { headers: html })).text();
      for (const text of [...events.map((e) => e.html), done, list]) {
        assert.ok(!text.includes('pa55word') && !text.includes('s3cret'));
      }
      assert.ok(done.includes('http://***@127.0.0.1') && list.includes('http://***@127.0.0.1'));
      assert.ok(!done.includes('data-live='), 'a finished run is not followed');
      assert.match(list, /2\/2 passed/);
    } finally {
      await receiver.close();
    }
  });

  it('runs the moderation probes of a kind picked on the page', async () => {
    const page = await (await app.request('/ui/probes', { headers: html })).text();
    assert.match(page, /<select id="field-review" name="review">/);
    assert.match(page, /name="only" value="review"/);
    const receiver = await referenceReceiver();
    try {
      const started = await post('/ui/api/probes', {
        target: receiver.url,
        review: 'text',
        only: ['review'],
      });
      assert.equal(started.status, 202);
      const { id, probes } = (await started.json()) as { id: string; probes: string[] };
      assert.deepEqual(probes, ['review/simple', 'review/detail', 'review/console-test']);
      const events = await stateEvents(await app.request(`/ui/probes/${id}/events`));
      assert.match(events.at(-1)?.html ?? '', /3 passed, 0 failed, 0 not run/);
    } finally {
      await receiver.close();
    }
  });

  it("shows the server's target policy, and the API's answer to a target outside it or an unknown probe", async () => {
    const page = await (await app.request('/ui/probes', { headers: html })).text();
    assert.match(page, /This server probes only targets matching http:\/\/127\.0\.0\.1:\*/);
    for (const body of [
      { target: 'http://example.com/callback' },
      { target: 'http://127.0.0.1:9/callback', only: ['dupe'] },
    ]) {
      const viaPage = await post('/ui/api/probes', body);
      const direct = await app.request('/probes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(viaPage.status, direct.status);
      assert.deepEqual(await viaPage.json(), await direct.json());
    }
    const forbidden = (await (await post('/ui/api/probes', { target: 'http://example.com/cb' })).json()) as {
      detail: string;
    };
    assert.match(forbidden.detail, /target 'http:\/\/example\.com\/cb' is not allowed by this server/);
    const missing = await app.request('/ui/probes/no-such-run', { headers: html });
    assert.equal(missing.status, 404);
  });
});

describe('dashboard with --token', () => {
  const { app, close } = testApp({ token: 'correct horse' });
  after(close);

  it('asks a browser to sign in once, then keeps an HttpOnly SameSite=Strict cookie without the token', async () => {
    const first = await app.request('/ui/deliveries?status=failed', { headers: html });
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/ui/login?next=%2Fui%2Fdeliveries%3Fstatus%3Dfailed');
    const login = await (await app.request('/ui/login', { headers: html })).text();
    const csrf = csrfOf(login);
    const signIn = (token: string, next = '/ui/deliveries', csrfField = csrf) =>
      app.request('/ui/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrfField, token, next }).toString(),
      });
    const wrong = await signIn('battery staple');
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /That token is wrong/);
    assert.equal((await signIn('correct horse', '/', 'forged')).status, 403);
    const right = await signIn('correct horse');
    assert.equal(right.status, 303);
    assert.equal(right.headers.get('location'), '/ui/deliveries');
    const cookie = right.headers.get('set-cookie') ?? '';
    assert.match(cookie, new RegExp(`^${SESSION_COOKIE}=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict`));
    assert.ok(!cookie.includes('correct'));
    const session = cookie.split(';')[0] as string;
    assert.equal(
      (await app.request('/ui/deliveries', { headers: { ...html, cookie: session } })).status,
      200,
    );
    // a redirect after sign-in stays on this server
    assert.equal((await signIn('correct horse', '//evil.example/')).headers.get('location'), '/');
    // the cookie opens the dashboard, not the API
    assert.equal((await app.request('/schedules', { headers: { cookie: session } })).status, 401);
    // the dashboard calls the API with the server's token
    const api = await app.request('/ui/api/schedules', { headers: { cookie: session } });
    assert.equal(api.status, 200);
  });

  it('answers a script without a session with a 401 problem', async () => {
    const response = await app.request('/ui/api/schedules');
    assert.equal(response.status, 401);
    assert.match(((await response.json()) as { detail: string }).detail, /sign in/);
  });
});
