/**
 * @module bench/receiver
 * The benchmarks' receiver: a bare node:http server on 127.0.0.1:0 that reads each body and answers 200. It
 * runs in its own process so it does not share the load generator's event loop; it prints its port on stdout
 * and exits when its stdin closes (so it never outlives the benchmark).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('OK');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
