/**
 * Runs the reference receiver: `npx tsx examples/receiver/server.ts [port]` (default 3000), printing one line
 * per job it receives.
 */
import { createReceiver } from './app.ts';
import { listenReceiver } from './listen.ts';

const port = Number(process.argv[2] ?? 3000);
const app = createReceiver({
  onJob: (job) => {
    const outcome = job.succeeded ? 'succeeded' : `failed (${job.code})`;
    console.log(`${job.tag} ${job.jobId} ${outcome}, ${job.outputObjects.length} output object(s)`);
  },
});
const { url } = await listenReceiver(app, { port });
console.log(`reference receiver on ${url}/callback`);
