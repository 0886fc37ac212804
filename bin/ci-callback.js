#!/usr/bin/env node
// The CLI as installed: the JavaScript compiled to dist/ by `npm run build` (npm install's prepare step), so a
// call starts in plain Node without compiling TypeScript. `npm run cli -- …` runs the sources through tsx.
const main = await import('../dist/cli/main.js').catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist')) throw error;
  process.stderr.write(
    'ci-callback: dist/ is missing or incomplete; run `npm run build` (npm install does)\n',
  );
  process.exit(1);
});
process.exitCode = await main.runCli(process.argv.slice(2));
