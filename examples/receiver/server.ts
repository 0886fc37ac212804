/**
 * Runs the reference receiver: `npx tsx examples/receiver/server.ts [port]` (default 3000), printing one line
 * per job and per moderation callback it receives.
 */
import { createReceiver } from './app.ts';
import { listenReceiver } from './listen.ts';

const port = Number(process.argv[2] ?? 3000);
const app = createReceiver({
  onJob: (job) => {
    const outcome = job.succeeded ? 'succeeded' : `failed (${job.code})`;
    console.log(`${job.tag} ${job.jobId} ${outcome}, ${job.outputObjects.length} output object(s)`);
  },
  onReview: (review) => {
    const verdict = ['normal', 'violation', 'suspected'][review.result];
    console.log(
      `${review.event || 'Review'} ${review.form} ${review.jobId} ${verdict}${review.live ? ' (live)' : ''}`,
    );
  },
});
const { url } = await listenReceiver(app, { port });
console.log(`reference receiver on ${url}/callback`);
