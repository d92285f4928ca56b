/**
 * `npm run console -- add-moderator NAME` / `reset-password NAME`, run as an operator would, on a
 * scratch SQLite file: the password piped on stdin is never echoed, a generated one is printed
 * exactly once, and the accounts it makes can log in to the console (and only they).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/src/db/database';
import { createConsoleAccountsService } from '../../server/src/modules/console/console-accounts.service';

// Each run starts tsx afresh (seconds on a loaded machine).
jest.setTimeout(120_000);

const root = path.resolve(__dirname, '..', '..');
// The CLI works on whatever database the server would; SQLite is enough to prove it, so the
// PostgreSQL pass of the server suite does not run it twice.
const onSqlite = process.env.TEST_DB === 'postgres' ? it.skip : it;
if (process.env.TEST_DB === 'postgres') console.warn('skipped: the console CLI test runs in the SQLite pass only');
let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'console-cli-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function run(args: string[], input = '') {
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'server', 'src', 'console-cli.ts'), ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, SQLITE_PATH: path.join(scratch, 'community.sqlite'), MEDIA_DIR: path.join(scratch, 'media') },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function canLogIn(name: string, password: string): Promise<boolean> {
  const handle = openDatabase({ kind: 'sqlite', path: path.join(scratch, 'community.sqlite') });
  try {
    const accounts = createConsoleAccountsService({ db: handle.db, testAccountUsername: 'reviewer', idleMinutes: 30, sessionHours: 12 });
    return await accounts.login(name, password).then(
      () => true,
      () => false,
    );
  } finally {
    await handle.db.destroy();
  }
}

onSqlite('adds a moderator with a piped password, never echoing it, and resets it with a generated one printed once', async () => {
  const typed = 'piped-password-for-the-cli';
  const added = run(['add-moderator', '早班管理员'], `${typed}\n`);
  expect([added.status, added.output]).toEqual([0, expect.stringContaining('console account "早班管理员" created')]);
  expect(added.output).not.toContain(typed);
  await expect(canLogIn('早班管理员', typed)).resolves.toBe(true);

  const reset = run(['reset-password', '早班管理员', '--generate']);
  expect(reset.status).toBe(0);
  const generated = /shown once[^:]*: (\S+)/.exec(reset.output)?.[1];
  expect(generated).toMatch(/^[\w-]{24}$/);
  expect(reset.output.split(generated!).length - 1).toBe(1);
  await expect(canLogIn('早班管理员', generated!)).resolves.toBe(true);
  await expect(canLogIn('早班管理员', typed)).resolves.toBe(false);
});

onSqlite('refuses the reviewer account’s name, short passwords, duplicates and unknown commands', () => {
  expect(run(['add-moderator', 'reviewer', '--generate'])).toMatchObject({
    status: 1,
    output: expect.stringContaining('reviewer test account'),
  });
  expect(run(['add-moderator', '新人'], 'short\n')).toMatchObject({ status: 1, output: expect.stringContaining('at least 12') });
  expect(run(['add-moderator', '早班管理员', '--generate'])).toMatchObject({
    status: 1,
    output: expect.stringContaining('exists already'),
  });
  expect(run(['reset-password', 'nobody', '--generate'])).toMatchObject({
    status: 1,
    output: expect.stringContaining('no console account'),
  });
  expect(run(['delete-everything'])).toMatchObject({ status: 2, output: expect.stringContaining('usage:') });
});
