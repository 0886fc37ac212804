/**
 * @module bench/receiver
 * The benchmarks' receiver: a bare node:http server on 127.0.0.1:0 that reads each body and answers 200. It
 * runs in its own process so it does not share the load generator's event loop; it prints its port on stdout
 * and exits when its stdin closes (so it never outlives the benchmark). `GET /stats` answers the POSTs it has
 * had so far; with `--job-ids` it also keeps every JobId and counts the ones it saw before.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const JOB_ID = /<JobId>([^<]+)<\/JobId>|"JobId":\s*"([^"]+)"/;
const jobIds = process.argv.includes('--job-ids') ? new Set<string>() : undefined;
const stats = { requests: 0, withoutJobId: 0, duplicateJobIds: 0 };

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
    return;
  }
  const chunks: Buffer[] | undefined = jobIds ? [] : undefined;
  req.on('data', (chunk: Buffer) => chunks?.push(chunk));
  req.on('end', () => {
    stats.requests++;
    if (jobIds && chunks) {
      const match = JOB_ID.exec(Buffer.concat(chunks).toString('latin1'));
      const jobId = match?.[1] ?? match?.[2];
      if (jobId === undefined) stats.withoutJobId++;
      else if (jobIds.has(jobId)) stats.duplicateJobIds++;
      else jobIds.add(jobId);
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('OK');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
