/**
 * Entry for `review-kit upload` and `review-kit preview` (see publish.ts): exit 0 when WeChat
 * accepted the build, 1 when refused (failing review, missing credentials, WeChat error), 2 on bad arguments.
 */
import { parsePublishArgs, publish, PublishError } from './publish';

async function main(argv: string[]): Promise<number> {
  try {
    const args = parsePublishArgs(argv, process.cwd());
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

/** `argv`: `upload|preview` then its options. */
export function run(argv: string[] = process.argv.slice(2)): void {
  void main(argv).then((code) => process.exit(code));
}

if (require.main === module) run();
