/**
 * Runs the reference receiver: `npx tsx examples/receiver/server.ts [port]` (default 3000), printing one line
 * per job it receives.
 */
import { serve } from '@hono/node-server';
import { createReceiver } from './app.ts';

const port = Number(process.argv[2] ?? 3000);
const app = createReceiver({
  onJob: (job) => {
    const outcome = job.succeeded ? 'succeeded' : `failed (${job.code})`;
    console.log(`${job.tag} ${job.jobId} ${outcome}, ${job.outputObjects.length} output object(s)`);
  },
});
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  console.log(`reference receiver on http://127.0.0.1:${info.port}/callback`);
});
