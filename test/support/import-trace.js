// `node --import ./test/support/import-trace.js …` appends the URL of every module the process loads to the file
// named by IMPORT_TRACE_FILE: a test can then check what a command loads without timing anything.
import { register } from 'node:module';

register('./import-trace-hooks.js', import.meta.url, { data: process.env.IMPORT_TRACE_FILE });
