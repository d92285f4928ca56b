/**
 * `npm run generate`: writes the mini program's generated copies (generated-files.ts) and says
 * which changed; `--check` writes nothing and exits 1 when a copy is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generatedFiles } from './generated-files';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const file of await generatedFiles(root)) {
    const target = path.join(root, file.path);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === file.content) continue;
    stale += 1;
    if (check) {
      console.error(`generate: ${file.path} is stale; run npm run generate`);
    } else {
      fs.writeFileSync(target, file.content);
      console.log(`generate: wrote ${file.path}`);
    }
  }
  if (stale === 0) console.log('generate: every generated file is up to date');
  if (check && stale > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
