/**
 * @module cli/serve
 * `ci-callback serve`: the fixture server. Starts it, prints where it listens and one line per delivery, and on
 * SIGTERM/SIGINT stops taking work, lets running deliveries finish, closes the db and exits 0.
 */
import { z } from 'zod';
import { LOAD_RUN_LIMIT_DEFAULTS, type LoadRunLimits } from '../api/load-runs.ts';
import { sinkAnswerFields } from '../api/sink-answers.ts';
import { failRuleSchema, workflowSchema } from '../ci-api/control-schemas.ts';
import { DEFAULT_CI_JOB_TIME_MS } from '../ci-api/index.ts';
import { durationSchema, parseDuration } from '../core/duration.ts';
import { numberFromText, wholeNumberIn } from '../core/number-fields.ts';
import { maskTarget } from '../delivery/mask-target.ts';
import { DEFAULT_RETENTION, describeRetention, parseRetention } from '../delivery/retention.ts';
import { DEFAULT_RETRY_POLICY } from '../delivery/retry.ts';
import { formatRetrySchedule, parseRetrySchedule, retrySchema } from '../delivery/retry-schedule.ts';
import { targetSchema } from '../delivery/target.ts';
import { LOAD_LIMITS } from '../load/run-request.ts';
import { DEMO_SINK_PATH, MAX_CI_JOB_TIME_MS, startServer } from '../server/start.ts';
import { bufferedOutput } from './buffered-output.ts';
import { parseFlagValues } from './flag-schema.ts';
import { ATTEMPT_HEADER_FLAG, type FlagTable, parseFlags, RETRY_FLAG } from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';

/** What `serve` does without flags: a durable local server with the demo running. */
export const SERVE_DEFAULTS = { port: 8787, host: '127.0.0.1', db: '.ci-callback/state.db', demoEvery: '5s' };

export const SERVE_FLAGS = {
  port: {
    type: 'string',
    value: 'N',
    description: 'port to listen on (0 picks a free one)',
    default: String(SERVE_DEFAULTS.port),
  },
  host: {
    type: 'string',
    value: 'ADDRESS',
    description: 'address to bind (any other than loopback needs --token)',
    default: SERVE_DEFAULTS.host,
  },
  db: {
    type: 'string',
    value: 'PATH',
    description: 'SQLite file for deliveries and schedules (:memory: keeps nothing)',
    default: SERVE_DEFAULTS.db,
  },
  target: {
    type: 'string',
    value: 'URL',
    description: 'where the demo schedule sends (env CI_CALLBACK_TARGET)',
    default: 'the built-in /sink',
  },
  'no-demo': { type: 'boolean', description: 'no demo schedule' },
  token: {
    type: 'string',
    value: 'SECRET',
    description: 'require Authorization: Bearer SECRET on the control API (env CI_CALLBACK_TOKEN)',
  },
  'allow-target': {
    type: 'string',
    value: 'PATTERN',
    description: 'only POST to matching targets (e.g. http://127.0.0.1:*, https://*.example.com)',
    multiple: true,
  },
  'load-max-duration': {
    type: 'string',
    value: 'D',
    description: 'longest load run POST /load-runs accepts',
    default: `${LOAD_RUN_LIMIT_DEFAULTS.maxDurationSeconds}s`,
  },
  'load-max-rate': {
    type: 'string',
    value: 'N',
    description: 'highest rate POST /load-runs accepts, in requests/s',
    default: String(LOAD_RUN_LIMIT_DEFAULTS.maxRate),
  },
  retain: {
    type: 'string',
    value: 'N|AGE',
    description:
      'what the delivery log keeps: the newest N deliveries, those younger than AGE (7d, 12h), or both (7d,100000); older ones are pruned in the background',
    default: String(DEFAULT_RETENTION.keep),
  },
  retry: RETRY_FLAG,
  'attempt-header': ATTEMPT_HEADER_FLAG,
  'sink-response': {
    type: 'string',
    value: 'QUERY',
    description:
      'what the built-in /sink answers: status=503,503,200 (in turn), delay=2s, body=TEXT, as its query takes them (PUT /sink/response changes it)',
    default: 'status=200',
  },
  'ci-job-time': {
    type: 'string',
    value: 'D',
    description:
      'how long each job submitted to CI’s job API (POST /jobs, …) takes before it ends and calls back',
    default: `${DEFAULT_CI_JOB_TIME_MS / 1000}s`,
  },
  'ci-callback': {
    type: 'string',
    value: 'URL',
    description:
      'CI’s job API: every queue’s callback URL (PUT /queue/<id> changes one; a job’s CallBack wins)',
  },
  'ci-fail': {
    type: 'string',
    value: 'GLOB:Code',
    description:
      'CI’s job API: jobs whose Input.Object matches fail with Code, e.g. missing/*:InputObjectNotExist',
    multiple: true,
  },
  'ci-workflow': {
    type: 'string',
    value: 'ID=TagA,TagB',
    description:
      'CI’s job API: the nodes POST /triggerworkflow?workflowId=ID runs (default Transcode,Snapshot)',
    multiple: true,
  },
  'ci-secret': {
    type: 'string',
    value: 'ID:KEY',
    description:
      'CI’s job API: verify each request’s COS signature with this SecretId:SecretKey (env CI_CALLBACK_CI_SECRET)',
  },
} as const satisfies FlagTable;

export const serveUsage: CommandUsage = {
  synopsis: ['serve [flags]'],
  flags: SERVE_FLAGS,
  notes: [
    'Serves until SIGTERM or Ctrl-C, then lets deliveries in flight finish and exits 0.',
    'CI’s own job API (POST /jobs, GET /jobs/<id>, POST /triggerworkflow, …) answers at the same origin: docs/ci-api.md.',
  ],
};

export interface ServeCommandOptions {
  env?: Record<string, string | undefined>;
  /** Resolves with the signal name when the server should stop. */
  waitForStop?: () => Promise<string>;
}

/** Waits for SIGTERM or SIGINT; a second one while stopping exits at once. */
function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      const force = () => process.exit(1);
      process.once('SIGTERM', force);
      process.once('SIGINT', force);
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

/**
 * serve's own flags, checked like every other flag (src/cli/flag-schema.ts): `--target` is the API's target,
 * the rest have no HTTP counterpart. The highest load-run rate an owner can allow is what a load run can send.
 */
/** `GLOB:Code`, split at the last colon, then judged as the API's fail rule. */
const failRuleFlag = z
  .string()
  .transform((text) => {
    const colon = text.lastIndexOf(':');
    return colon < 0 ? { glob: text, code: '' } : { glob: text.slice(0, colon), code: text.slice(colon + 1) };
  })
  .pipe(failRuleSchema);

/** `ID=TagA,TagB`, judged as the API's workflow. */
const workflowFlag = z
  .string()
  .transform((text) => {
    const equals = text.indexOf('=');
    return equals < 0
      ? { id: text, tags: [] }
      : { id: text.slice(0, equals), tags: text.slice(equals + 1).split(',') };
  })
  .pipe(workflowSchema);

/** `status=503,503,200&delay=2s`: the sink's query, judged as PUT /sink/response's body. */
const sinkResponseFlag = z
  .string()
  .transform((text, ctx): Record<string, unknown> => {
    const fields = Object.fromEntries(new URLSearchParams(text));
    const accepted = Object.keys(sinkAnswerFields);
    const unknown = Object.keys(fields).filter((name) => !accepted.includes(name));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown ${unknown.join(', ')}; accepted: ${accepted.join(', ')}, as in status=503,200&delay=2s`,
      });
    }
    return fields;
  })
  .pipe(z.strictObject(sinkAnswerFields));

const serveFlagsSchema = z.object({
  retry: retrySchema.optional(),
  sinkResponse: sinkResponseFlag.optional(),
  port: numberFromText(wholeNumberIn(0, 65_535)).optional(),
  ciJobTime: durationSchema('How long each CI job takes', { maxMs: MAX_CI_JOB_TIME_MS }).optional(),
  ciCallback: targetSchema.optional(),
  ciFail: z.array(failRuleFlag).optional(),
  ciWorkflow: z.array(workflowFlag).optional(),
  target: targetSchema.optional(),
  loadMaxDuration: durationSchema('The longest load run', { minMs: 1_000 }).optional(),
  loadMaxRate: numberFromText(wholeNumberIn(1, LOAD_LIMITS.rate, 'requests per second')).optional(),
});

/** The owner's bounds on remote load runs, from --load-max-duration and --load-max-rate as parsed. */
function loadRunLimitsOf(flags: z.output<typeof serveFlagsSchema>): Partial<LoadRunLimits> {
  const limits: Partial<LoadRunLimits> = {};
  if (flags.loadMaxDuration !== undefined)
    limits.maxDurationSeconds = parseDuration('load-max-duration', flags.loadMaxDuration) / 1000;
  if (flags.loadMaxRate !== undefined) limits.maxRate = flags.loadMaxRate;
  return limits;
}

/** The same, from the flags' text (what `serve` does with them). */
export function loadRunLimits(
  duration: string | undefined,
  rate: string | undefined,
): Partial<LoadRunLimits> {
  return loadRunLimitsOf(
    parseFlagValues(serveFlagsSchema, { loadMaxDuration: duration, loadMaxRate: rate }, SERVE_FLAGS),
  );
}

export function createServeCommand(options: ServeCommandOptions = {}): Command {
  const env = options.env ?? process.env;
  const waitForStop = options.waitForStop ?? waitForSignal;
  return async function serve(argv, io) {
    const { values } = parseFlags(argv, SERVE_FLAGS);
    const target = values.target ?? env['CI_CALLBACK_TARGET'];
    const flags = parseFlagValues(
      serveFlagsSchema,
      {
        port: values.port,
        retry: values.retry,
        sinkResponse: values['sink-response'],
        target,
        loadMaxDuration: values['load-max-duration'],
        loadMaxRate: values['load-max-rate'],
        ciJobTime: values['ci-job-time'],
        ciCallback: values['ci-callback'],
        ciFail: values['ci-fail'],
        ciWorkflow: values['ci-workflow'],
      },
      SERVE_FLAGS,
    );
    const ciSecret = values['ci-secret'] ?? env['CI_CALLBACK_CI_SECRET'];
    const token = values.token ?? env['CI_CALLBACK_TOKEN'];
    const db = values.db ?? SERVE_DEFAULTS.db;
    const demo = !values['no-demo'];
    const retention =
      values.retain === undefined ? DEFAULT_RETENTION : parseRetention('--retain', values.retain);
    // a line per delivery, written once per turn of the event loop; flushed before anything printed here
    const lines = bufferedOutput(io.stdout);
    const server = await startServer({
      port: flags.port ?? SERVE_DEFAULTS.port,
      host: values.host ?? SERVE_DEFAULTS.host,
      db,
      demo,
      demoEvery: SERVE_DEFAULTS.demoEvery,
      ...(target ? { target } : {}),
      ...(token !== undefined ? { token } : {}),
      allowTargets: values['allow-target'] ?? [],
      loadRunLimits: loadRunLimitsOf(flags),
      retention,
      ...(flags.retry !== undefined ? { retryPolicy: parseRetrySchedule('retry', flags.retry) } : {}),
      ...(values['attempt-header'] ? { attemptHeader: true } : {}),
      ...(flags.sinkResponse ? { sinkResponse: flags.sinkResponse } : {}),
      ...(flags.ciJobTime !== undefined ? { ciJobTime: flags.ciJobTime } : {}),
      ...(flags.ciCallback !== undefined ? { ciCallback: flags.ciCallback } : {}),
      ...(flags.ciFail ? { ciFail: flags.ciFail } : {}),
      ...(flags.ciWorkflow ? { ciWorkflow: flags.ciWorkflow } : {}),
      ...(ciSecret !== undefined ? { ciSecret } : {}),
      log: (line) => lines.write(`${line}\n`),
    });
    lines.flush();
    io.stdout(
      `ci-callback serve: listening on ${server.url} (db ${db}${token ? ', bearer token required' : ''})\n`,
    );
    if (server.recovered.deliveries > 0) {
      io.stdout(
        `  ${server.recovered.deliveries} deliveries in flight at the last stop are marked interrupted\n`,
      );
    }
    if (demo) {
      // the server's own sink: nothing secret in its query, shown as it is
      const where = target ? maskTarget(target) : `${server.url}${DEMO_SINK_PATH}`;
      io.stdout(
        `  demo: one random Tag every ${SERVE_DEFAULTS.demoEvery} → ${where} (--no-demo turns it off)\n`,
      );
    }
    io.stdout(`  log: keeps ${describeRetention(retention)}; older deliveries are pruned (--retain)\n`);
    // told only to those who set them: a plain `serve` prints what it always did
    if (flags.retry !== undefined || values['attempt-header']) {
      const retry = flags.retry ?? formatRetrySchedule(DEFAULT_RETRY_POLICY);
      const header = values['attempt-header'] ? 'sent' : 'not sent';
      io.stdout(`  deliveries: retry ${retry}; X-CI-Callback-Attempt ${header}\n`);
    }
    if (flags.sinkResponse) {
      io.stdout(`  sink: answers ${values['sink-response']} unless a callback asks otherwise\n`);
    }
    io.stdout(`  dashboard: ${server.url}/${token ? ' (sign in with the --token)' : ''}\n`);
    io.stdout(`  API: ${server.url}/openapi.json · stop with Ctrl-C\n`);
    const ciFlags = ['ci-job-time', 'ci-callback', 'ci-fail', 'ci-workflow', 'ci-secret'] as const;
    // told only to those who use it: a plain `serve` prints what it always did
    if (ciFlags.some((flag) => values[flag] !== undefined)) {
      io.stdout(
        `  CI job API: ${server.url}/jobs (POST /jobs, /triggerworkflow, …; jobs take ${flags.ciJobTime ?? `${DEFAULT_CI_JOB_TIME_MS / 1000}s`}${flags.ciCallback ? `, queues call back ${maskTarget(flags.ciCallback)}` : ''})\n`,
      );
    }
    const signal = await waitForStop();
    lines.flush();
    io.stdout(`${signal}: finishing deliveries in flight, then stopping\n`);
    await server.close();
    lines.flush();
    io.stdout('stopped\n');
    return 0;
  };
}

export const serveCommand: Command = createServeCommand();
