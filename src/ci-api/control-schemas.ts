/**
 * @module ci-api/control-schemas
 * The control API's shapes for CI's job API (fail rules, workflows, the jobs list), as zod schemas: the routes
 * validate with them, /openapi.json is generated from them, and `serve`'s `--ci-fail` and `--ci-workflow` flags are
 * parsed into the same shapes and judged by the same schemas.
 */
import { z } from 'zod';
import { faultsSchema } from '../faults/options.ts';
import { MAX_WORKFLOW_NODES } from '../payloads/workflow-finish-body.ts';
import { CI_CONFIG_LIMITS } from './ci-config.ts';
import { CI_JOB_STATES } from './job-book.ts';

const CODE = /^[A-Za-z][A-Za-z0-9.]{0,63}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export const failRuleSchema = z
  .object({
    glob: z
      .string()
      .min(1, 'give a pattern, e.g. missing/*')
      .max(1024)
      .meta({
        description: 'Input.Object pattern: * matches any run of characters, ? one',
        examples: ['missing/*'],
      }),
    code: z
      .string()
      .regex(CODE, 'a letter then letters, digits or dots (up to 64), e.g. InputObjectNotExist')
      .meta({ description: 'The Code the job fails with', examples: ['InputObjectNotExist'] }),
  })
  .strict()
  .meta({ id: 'CiFailRule' });

export const failRulesSchema = z
  .object({
    rules: z.array(failRuleSchema).max(CI_CONFIG_LIMITS.failRules).meta({
      description: 'In order: the first rule whose pattern matches a job’s Input.Object decides its Code',
    }),
  })
  .strict()
  .meta({ id: 'CiFailRules' });

export const workflowIdSchema = z
  .string()
  .regex(ID, '1 to 64 letters, digits, _ or -')
  .meta({ description: 'The workflowId a trigger names', examples: ['w4699c83bde714bfd8d7f5dbd9b680f79'] });

export const workflowTagsSchema = z
  .array(z.string().min(1))
  .min(1, 'a workflow has at least one node')
  .max(MAX_WORKFLOW_NODES)
  .meta({
    description: 'One Tag per node (GET /tags), all reading the same kind of file',
    examples: [['Transcode', 'Snapshot']],
  });

const workflowCallback = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/\S+$/, 'an http(s) URL')
  .meta({ description: 'Where its runs call back (default: the queue’s NotifyConfig URL)' });

export const workflowSchema = z
  .object({ id: workflowIdSchema, tags: workflowTagsSchema, callback: workflowCallback.optional() })
  .strict()
  .meta({ id: 'CiWorkflow' });

export const workflowBodySchema = z
  .object({ tags: workflowTagsSchema, callback: workflowCallback.optional() })
  .strict();

export const ciFaultsSchema = z
  .object({ faults: faultsSchema })
  .strict()
  .meta({ id: 'CiFaults', description: 'Delivery faults drawn for every CI job’s callback ({} for none)' });
export const workflowParam = z.object({ id: workflowIdSchema });
export const workflowListSchema = z
  .object({ workflows: z.array(workflowSchema) })
  .meta({ id: 'CiWorkflows' });

const dateTime = z.string().meta({ format: 'date-time' });
export const ciJobSummarySchema = z
  .object({
    jobId: z.string(),
    tag: z.string(),
    state: z.enum(CI_JOB_STATES),
    queueId: z.string(),
    object: z.string(),
    createdAt: dateTime,
    endedAt: dateTime.nullable(),
    code: z.string().nullable().meta({ description: 'The failed job’s Code' }),
    runId: z.string().nullable().meta({ description: 'The workflow run (InstanceId) of a node’s job' }),
    deliveryId: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Its callback in the delivery log (GET /deliveries/{id})' }),
    noCallback: z.string().nullable().meta({ description: 'Why no callback was sent, when none was' }),
  })
  .meta({ id: 'CiJob' });

export const ciJobListSchema = z.object({ jobs: z.array(ciJobSummarySchema) }).meta({ id: 'CiJobs' });

export const ciJobQuery = z.object({
  state: z.enum(CI_JOB_STATES).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'a whole number from 1 to 1000')
    .refine((text) => Number(text) >= 1 && Number(text) <= 1000, 'a whole number from 1 to 1000')
    .optional()
    .meta({ description: 'How many, newest first (default 100)' }),
});
