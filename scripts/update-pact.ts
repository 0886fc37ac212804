/**
 * `npm run pact`: regenerates the committed pacts from the registry — the callback contract
 * (src/pact/pacts/) and the example consumer's message pact (examples/consumer-pact/pacts/).
 */
import { fileURLToPath } from 'node:url';
import { writeMessagePact } from '../examples/consumer-pact/media-service.consumer.ts';
import { writePact } from '../src/pact/write-pact.ts';

const path = await writePact(fileURLToPath(new URL('../src/pact/pacts/', import.meta.url)));
process.stderr.write(`wrote ${path}\n`);
const examples = fileURLToPath(new URL('../examples/consumer-pact/pacts/', import.meta.url));
await writeMessagePact(examples);
process.stderr.write(`wrote the example message pact in ${examples}\n`);
