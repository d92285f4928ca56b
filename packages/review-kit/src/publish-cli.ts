/**
 * Entry for `npm run upload` and `npm run preview` (see publish.ts): exit 0 when WeChat accepted
 * the build, 1 when refused (failing review, missing credentials, WeChat error), 2 on bad arguments.
 */
import path from 'node:path';
import { parsePublishArgs, publish, PublishError } from './publish';

async function main(): Promise<number> {
  try {
    const args = parsePublishArgs(process.argv.slice(2), path.join(__dirname, '..', '..', '..'));
    return await publish(args);
  } catch (error) {
    if (error instanceof PublishError) {
      console.error(`[publish] ${error.message}`);
      return error.exitCode;
    }
    console.error('[publish] WeChat did not accept the build:', error instanceof Error ? error.message : error);
    return 1;
  }
}

main().then((code) => process.exit(code));
