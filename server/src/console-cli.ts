/**
 * `npm run console -- add-moderator NAME` / `reset-password NAME`: the web console's accounts,
 * made on the server's own database (DATABASE_URL or SQLITE_PATH, as the server reads them).
 * The password is typed twice without echo when stdin is a terminal, read from the first line of
 * stdin when piped, or generated (--generate) and printed once. It is never logged or passed as an
 * argument (arguments show in `ps` and shell history). Production: node server/dist/console-cli.js.
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createConsoleAccountsService, MIN_PASSWORD_LENGTH } from './modules/console/console-accounts.service';

const USAGE = `usage: npm run console -- add-moderator NAME [--generate]
       npm run console -- reset-password NAME [--generate]
The password is typed (not shown), piped on stdin, or with --generate made here and printed once.`;

/** One line from the terminal with echo off (characters are swallowed as they are typed). */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    let muted = false;
    output._writeToOutput = (text: string) => {
      if (!muted || text.includes('\n')) process.stdout.write(muted ? '\n' : text);
    };
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
    muted = true;
  });
}

async function readPipedLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function choosePassword(generate: boolean): Promise<{ password: string; generated: boolean }> {
  if (generate) return { password: randomBytes(18).toString('base64url'), generated: true };
  if (!process.stdin.isTTY) return { password: await readPipedLine(), generated: false };
  const first = await askHidden(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const second = await askHidden('Again: ');
  if (first !== second) throw new Error('the two passwords differ');
  return { password: first, generated: false };
}

export async function main(argv: string[]): Promise<void> {
  const [command, name, ...flags] = argv;
  if ((command !== 'add-moderator' && command !== 'reset-password') || !name || name.startsWith('-')) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    const accounts = createConsoleAccountsService({
      db: database.db,
      testAccountUsername: config.testAccount.username,
      idleMinutes: config.console.idleMinutes,
      sessionHours: config.console.sessionHours,
    });
    const { password, generated } = await choosePassword(flags.includes('--generate'));
    if (command === 'add-moderator') {
      const { userId } = await accounts.addModerator(name, password);
      console.log(`console account "${name}" created (moderator user ${userId})`);
    } else {
      await accounts.resetPassword(name, password);
      console.log(`password of "${name}" reset; its console sessions have ended`);
    }
    if (generated) console.log(`password (shown once, not stored anywhere in clear): ${password}`);
    if (!config.console.enabled) console.log('note: the console is off here; set CONSOLE_ENABLED=true to serve /console');
  } finally {
    await database.db.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
