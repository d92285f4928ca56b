/**
 * A fork's identity and every place that carries it. app-identity.json records the values now in
 * the files, so `npm run init` knows what to replace; each edit below turns the old value into the
 * new one in one known spot (never a blind search over the repository), so running it twice with
 * the same values changes nothing.
 */
export interface Identity {
  /** The navigation bar title every page shows. */
  appName: string;
  /** project.config.json's appid (touristappid until a real one is set). */
  appId: string;
  /** The primary colour (light theme): buttons, links, the selected tab. */
  brandColor: string;
  /** The seeded staff accounts' display names (reserved: members cannot take them). */
  operatorName: string;
  helperName: string;
  /** What the welcome post and the agreement call the community. */
  communityName: string;
}

export const IDENTITY_FILE = 'app-identity.json';

const NAME = /^[^"'`\\\n\r<>{}$]{1,20}$/;

/** Developer errors in English: this is a developer's command. */
export function validate(identity: Identity): string[] {
  const problems: string[] = [];
  if (!/^(wx[0-9a-f]{16}|touristappid)$/.test(identity.appId)) problems.push(`appid "${identity.appId}" is not wx + 16 hex digits`);
  if (!/^#[0-9a-fA-F]{6}$/.test(identity.brandColor)) problems.push(`brand colour "${identity.brandColor}" is not #rrggbb`);
  for (const key of ['appName', 'operatorName', 'helperName', 'communityName'] as const) {
    if (!NAME.test(identity[key])) problems.push(`${key} "${identity[key]}" must be 1–20 characters without quotes, braces, < > or $`);
  }
  if (identity.operatorName === identity.helperName) problems.push('the two staff names must differ');
  return problems;
}

export interface Edit {
  file: string;
  /** What the edit is, for the printed summary. */
  what: string;
  apply(text: string, from: Identity, to: Identity): string;
}

const replaceAll = (text: string, from: string, to: string) => (from === to ? text : text.split(from).join(to));
const json = (edit: (data: Record<string, unknown>, to: Identity) => void) => (text: string, _from: Identity, to: Identity) => {
  const data = JSON.parse(text) as Record<string, unknown>;
  edit(data, to);
  const indent = /^\{\n(\s+)/.exec(text)?.[1] ?? '  ';
  const next = `${JSON.stringify(data, null, indent)}\n`;
  // Keep the file byte for byte when nothing changed (its own layout may differ from JSON.stringify's).
  return JSON.stringify(JSON.parse(next)) === JSON.stringify(JSON.parse(text)) ? text : next;
};

export const EDITS: Edit[] = [
  {
    file: 'miniprogram/app.json',
    what: 'navigation bar title',
    apply: json((data, to) => {
      (data.window as Record<string, unknown>).navigationBarTitleText = to.appName;
    }),
  },
  {
    file: 'project.config.json',
    what: 'appid',
    apply: json((data, to) => {
      data.appid = to.appId;
    }),
  },
  {
    file: 'miniprogram/app.wxss',
    what: 'primary colour (light theme)',
    apply: (text, from, to) => text.replace(`--color-primary: ${from.brandColor};`, `--color-primary: ${to.brandColor};`),
  },
  {
    file: 'miniprogram/theme.json',
    what: 'selected tab colour (light theme)',
    apply: json((data, to) => {
      (data.light as Record<string, unknown>).tabSelectedColor = to.brandColor;
    }),
  },
  {
    file: 'server/src/dev/seed/content.ts',
    what: 'staff names and the community name',
    apply: (text, from, to) =>
      replaceAll(
        replaceAll(replaceAll(text, from.operatorName, to.operatorName), from.helperName, to.helperName),
        `欢迎来到${from.communityName}`,
        `欢迎来到${to.communityName}`,
      ),
  },
  {
    file: 'server/src/modules/me/reserved-nicknames.ts',
    what: 'reserved staff names',
    apply: (text, from, to) =>
      replaceAll(replaceAll(text, `'${from.operatorName}'`, `'${to.operatorName}'`), `'${from.helperName}'`, `'${to.helperName}'`),
  },
  {
    file: 'miniprogram/pages/agreement/index.wxml',
    what: 'the community name',
    apply: (text, from, to) => replaceAll(text, `欢迎使用${from.communityName}。`, `欢迎使用${to.communityName}。`),
  },
];
