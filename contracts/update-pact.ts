/**
 * `npm run pact`: regenerates the committed pacts from the registry — the callback contract
 * (contracts/pacts/) and the example consumer's message pact (contracts/examples/pacts/).
 */
import { fileURLToPath } from 'node:url';
import { writeMessagePact } from './examples/media-service.consumer.ts';
import { writePact } from './write-pact.ts';

const path = await writePact(fileURLToPath(new URL('./pacts/', import.meta.url)));
process.stderr.write(`wrote ${path}\n`);
const examples = fileURLToPath(new URL('./examples/pacts/', import.meta.url));
await writeMessagePact(examples);
process.stderr.write(`wrote the example message pact in ${examples}\n`);
