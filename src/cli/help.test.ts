import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCaptured } from '../../test/support/cli.ts';
import { COMMANDS } from './main.ts';

const run = (...argv: string[]) => runCaptured(argv);
/** The words a command is called with before its flags. */
const prefix = (name: string) => (name === 'artillery' ? [name, 'init'] : [name]);
/** The flags listed under "Flags:" in a usage text, as `--name`. */
const listedFlags = (text: string) =>
  [...(text.split('\nFlags:\n')[1] ?? '').matchAll(/^ {2}(?:-h, )?(--[a-z-]+)/gm)].map((m) => m[1]);

describe('ci-callback <command> --help', () => {
  for (const [name, entry] of Object.entries(COMMANDS)) {
    it(`${name}: --help, -h and 'help ${name}' print its usage on stdout and exit 0`, async () => {
      const long = await run(...prefix(name), '--help');
      assert.equal(long.code, 0, long.stderr);
      assert.equal(long.stderr, '');
      assert.ok(
        long.stdout.startsWith(`ci-callback ${name} — ${entry.summary}\n\nUsage:\n  ci-callback ${name}`),
      );
      const { usage } = await entry.load();
      assert.deepEqual(listedFlags(long.stdout), [
        ...Object.keys(usage.flags).map((f) => `--${f}`),
        '--help',
      ]);
      assert.equal((await run(...prefix(name), '-h')).stdout, long.stdout);
      assert.equal((await run('help', name)).stdout, long.stdout);
    });
  }

  for (const name of Object.keys(COMMANDS).filter((command) => command !== 'help')) {
    it(`${name}: the flags its help lists are exactly the flags its parser accepts`, async () => {
      const help = await run(...prefix(name), '--help');
      const refused = await run(...prefix(name), '--no-such-flag');
      assert.equal(refused.code, 2);
      const accepted = /unknown flag '--no-such-flag'; accepted: (.*)\n$/.exec(refused.stderr)?.[1];
      assert.ok(accepted, refused.stderr);
      assert.deepEqual([...accepted.split(', '), '--help'], listedFlags(help.stdout));
    });
  }

  it('shows defaults and marks repeatable flags', async () => {
    const { stdout } = await run('generate', '--help');
    assert.match(stdout, /^ {2}--format xml\|json +body format \(default xml, CI's default\)$/m);
    assert.match(stdout, /^ {2}--set path=value +override a field .*\n +repeatable$/m);
  });

  it('--help anywhere on the line wins over the other flags, bad ones included, and runs nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ci-callback-help-'));
    try {
      const { code, stdout } = await run('fixtures', '--out', join(dir, 'corpus'), '--count', 'many', '-h');
      assert.equal(code, 0);
      assert.match(stdout, /^ci-callback fixtures — /);
      assert.deepEqual(await readdir(dir), []);
      const generate = await run('generate', '--tag', 'Nope', '--bogus', '--help');
      assert.equal(generate.code, 0);
      assert.match(generate.stdout, /^ci-callback generate — /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("'ci-callback help', --help, -h and no arguments list every command with its summary", async () => {
    const { code, stdout } = await run('help');
    assert.equal(code, 0);
    for (const [name, entry] of Object.entries(COMMANDS)) {
      assert.match(
        stdout,
        new RegExp(`^ {2}${name} +${entry.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
      );
    }
    for (const argv of [['--help'], ['-h'], []]) assert.equal((await run(...argv)).stdout, stdout);
  });

  it("'help' with an unknown command name exits 2 and lists the commands", async () => {
    const { code, stderr } = await run('help', 'nope');
    assert.equal(code, 2);
    assert.match(
      stderr,
      /^ci-callback help: unknown command 'nope'; accepted: tags, generate, .*probe, help\n$/,
    );
  });
});
