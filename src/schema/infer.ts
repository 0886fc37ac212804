/**
 * @module schema/infer
 * A Tag's callback shape, learnt from the Tag's own definition: its generator runs over many seeds in every
 * variant (trigger × state), through the same envelope as every body the emitter sends, and `ShapeLearner`
 * records what the trees hold. The definition fixes the rest: the Tag's declared lists repeat even when a seed
 * holds them once, and the values the envelope decides from a closed set — Tag, State, Code (the family's failure
 * table, src/core/failures.ts), the JobId's family letter — are enumerations, not patterns. Value patterns are
 * the pact's value kinds (src/core/value-kinds.ts): a path whose every value was a time, an ID, a number or a
 * boolean gets that pattern; anything else is any text.
 *
 * CI's published examples of a Tag, when there are some, are learnt from too, so the schema accepts what CI
 * documents where it differs from what the emitter sends (the WordsGeneralize JSON sample has no Tag).
 *
 * Why learn rather than declare: a Tag's definition is code (`build`) that writes a tree, not a declared shape,
 * and its optional parts (an element one seed in five leaves out) exist only in what it writes. Learning from the
 * generator itself keeps the schema from drifting from it; `npm run schemas` re-learns them, and a test fails
 * when the committed shapes (shapes.generated.ts) are not what the definitions give today.
 */
import { FAILURES } from '../core/failures.ts';
import { text } from '../core/tree.ts';
import {
  FAMILY_PREFIX,
  type Job,
  type JobState,
  STATES,
  type TagDefinition,
  TRIGGERS,
} from '../core/types.ts';
import { generate } from '../payloads/generate.ts';
import { generateWorkflowFinish } from '../payloads/workflow-finish.ts';
import { TAGS } from '../tags/index.ts';
import {
  type ElementShape,
  ShapeLearner,
  shapeAt,
  type TaskFinishShape,
  WORKFLOW_TIME,
  type WorkflowFinishShape,
} from './shape.ts';

/** Seeds per variant: enough that an element a generator writes one time in a hundred is seen many times. */
export const LEARNING_SEEDS = 300;

export interface LearningOptions {
  /** Seeds per variant; LEARNING_SEEDS by default. */
  seeds?: number;
  /**
   * JobsDetail of CI's published examples of the Tag (fixtures/reference/): what CI documents is accepted too,
   * where it differs from what the emitter sends (an element a sample leaves out, a value of another kind).
   */
  examples?: readonly Job[];
}

export function learnTaskFinishShape(def: TagDefinition, options: LearningOptions = {}): TaskFinishShape {
  const { seeds = LEARNING_SEEDS, examples = [] } = options;
  const byState = (state: JobState): ElementShape => {
    const learner = new ShapeLearner(def.lists);
    for (const trigger of TRIGGERS) {
      for (let seed = 0; seed < seeds; seed++) {
        learner.add(generate({ tag: def.tag, trigger, state, seed, compact: true }).job);
      }
    }
    for (const example of examples) {
      if ((text(example, 'Code') === 'Success') === (state === 'success')) learner.add(example);
    }
    return declareJobsDetail(learner.shape(), def, state);
  };
  const [success, failed] = STATES.map(byState) as [ElementShape, ElementShape];
  return { tag: def.tag, success, failed };
}

/** What the envelope fixes in JobsDetail, beyond what the seeds showed. */
function declareJobsDetail(shape: ElementShape, def: TagDefinition, state: JobState): ElementShape {
  const fix = (path: string, text: ElementShape['text']) => {
    const element = shapeAt(shape, path);
    if (element) element.text = text;
  };
  fix('Tag', { enum: [def.tag] });
  fix('State', { enum: [state === 'success' ? 'Success' : 'Failed'] });
  fix('Code', {
    enum: state === 'success' ? ['Success'] : FAILURES[def.family].map((failure) => failure.code),
  });
  fix('JobId', { pattern: `^${FAMILY_PREFIX[def.family]}[0-9a-f]{32}$` });
  return shape;
}

/**
 * WorkflowFinish over runs of one to three nodes of each input kind, in both states: every Tag appears as a
 * node, so every Tasks entry's optional parts (ResultInfo, HdrMode, TranscodeTemplateId) are seen.
 */
export function learnWorkflowFinishShape(seeds = LEARNING_SEEDS): WorkflowFinishShape {
  const learner = new ShapeLearner();
  const kinds = [...new Set(TAGS.map((def) => def.inputKind))];
  for (let seed = 0; seed < seeds; seed++) {
    for (const kind of kinds) {
      const group = TAGS.filter((def) => def.inputKind === kind);
      const nodes = Array.from(
        { length: 1 + (seed % 3) },
        (_, n) => group[(seed + n) % group.length] as TagDefinition,
      );
      for (const state of STATES) {
        let execution: Job;
        try {
          execution = generateWorkflowFinish({
            tags: nodes.map((def) => def.tag),
            state,
            seed,
            compact: true,
          }).execution;
        } catch {
          continue; // nodes that cannot share one input (e.g. both restrict the extension): no such run
        }
        learner.add(execution);
      }
    }
  }
  const execution = learner.shape();
  const fix = (path: string, text: ElementShape['text']) => {
    const element = shapeAt(execution, path);
    if (element) element.text = text;
  };
  fix('State', { enum: ['Success', 'Failed'] });
  fix('CreateTime', { pattern: WORKFLOW_TIME });
  fix('Tasks.Type', { enum: TAGS.map((def) => def.tag) });
  fix('Tasks.State', { enum: ['Success', 'Failed'] });
  fix('Tasks.JobId', { pattern: `^[${Object.values(FAMILY_PREFIX).sort().join('')}][0-9a-f]{32}$` });
  return { execution };
}
