/**
 * `npm run init -- --app-name 青柠邻里 --appid wx0123456789abcdef --brand-color '#ff7a00'
 *  --operator 青柠运营 --helper 青柠助手 --community 青柠邻里`: gives a fork its identity in every
 * place that carries it (identity.ts), regenerates the mini program's copies of the seed, prints
 * what changed and records the values in app-identity.json. Options left out keep their value;
 * running it again with the same values changes nothing. `--root DIR` works on another checkout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generatedFiles } from '../generate/generated-files';
import { EDITS, IDENTITY_FILE, validate, type Identity } from './identity';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      root: { type: 'string' },
      'app-name': { type: 'string' },
      appid: { type: 'string' },
      'brand-color': { type: 'string' },
      operator: { type: 'string' },
      helper: { type: 'string' },
      community: { type: 'string' },
    },
  });
  const root = path.resolve(values.root ?? path.join(__dirname, '..', '..'));
  const identityPath = path.join(root, IDENTITY_FILE);
  const from = JSON.parse(fs.readFileSync(identityPath, 'utf8')) as Identity;
  const to: Identity = {
    appName: values['app-name'] ?? from.appName,
    appId: values.appid ?? from.appId,
    brandColor: values['brand-color'] ?? from.brandColor,
    operatorName: values.operator ?? from.operatorName,
    helperName: values.helper ?? from.helperName,
    communityName: values.community ?? from.communityName,
  };
  const problems = validate(to);
  if (problems.length > 0) {
    console.error(`init: nothing changed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
    return;
  }

  const changed: string[] = [];
  for (const edit of EDITS) {
    const file = path.join(root, edit.file);
    const before = fs.readFileSync(file, 'utf8');
    const after = edit.apply(before, from, to);
    if (after === before) continue;
    fs.writeFileSync(file, after);
    changed.push(`${edit.file}: ${edit.what}`);
  }
  for (const generated of await generatedFiles(root)) {
    const file = path.join(root, generated.path);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === generated.content) continue;
    fs.writeFileSync(file, generated.content);
    changed.push(`${generated.path}: regenerated from the seed`);
  }
  const record = `${JSON.stringify(to, null, 2)}\n`;
  if (fs.readFileSync(identityPath, 'utf8') !== record) {
    fs.writeFileSync(identityPath, record);
    changed.push(`${IDENTITY_FILE}: the values now in the files`);
  }

  if (changed.length === 0) {
    console.log('init: nothing to change; every place already carries these values');
    return;
  }
  console.log(`init: changed ${changed.length} place(s):\n${changed.map((c) => `  - ${c}`).join('\n')}`);
  if (from.operatorName !== to.operatorName || from.helperName !== to.helperName || from.communityName !== to.communityName)
    console.log('init: an existing database keeps the old seeded names; a fresh install is seeded with the new ones');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
