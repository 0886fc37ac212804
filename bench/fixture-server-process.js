/**
 * @module bench/fixture-server-process
 * The fixture server as the benchmark runs it: its own process, started from the compiled library (dist/, as
 * an installed package runs) so the figures are not tsx's. Usage: node fixture-server-process.js DB_PATH [OPTIONS],
 * OPTIONS being more startServer options as JSON (e.g. `{"ciJobTime":"0s"}`).
 * Prints `{ "url": … }` once listening; closes (finishing deliveries in flight) and exits when stdin ends.
 */
import { startServer } from '../dist/server/index.js';

const server = await startServer({ db: process.argv[2], ...JSON.parse(process.argv[3] ?? '{}') });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.close();
  process.exit(0);
});
