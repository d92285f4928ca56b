/**
 * `npm run bench -- --profile`: a CPU profile of the real app (the inspector's profiler, started
 * after a warm-up, so startup is left out) while the read routes (or
 * posting, with --profile=posting) are loaded, then a summary of where its CPU went: self time
 * by function and by package. The .cpuprofile is kept for DevTools.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildForum, FULL_FORUM, type ForumFacts } from './bench-data';
import { request, runLoad } from './load';
import { startChild } from './processes';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Which package (or part of our code) a frame belongs to. */
export function ownerOf(url: string): string {
  if (!url) return '(native/gc)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const ours = /\/(server\/src\/[^/]+(?:\/[^/]+)?)/.exec(url);
  if (ours) return ours[1]!;
  return path.basename(url);
}

export function summarizeProfile(profile: CpuProfile, top = 25): string[] {
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = selfTime.get(node.id) ?? 0;
    if (!t) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url ? `${ownerOf(url)}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + t);
    const owner = functionName === '(idle)' ? '(idle)' : ownerOf(url);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + t);
  }
  const busy = total - (byOwner.get('(idle)') ?? 0);
  const pct = (t: number) => `${((t / busy) * 100).toFixed(1).padStart(5)} %`;
  const lines = [`busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled; shares are of busy time`, 'by package:'];
  for (const [owner, t] of [...byOwner]
    .filter(([o]) => o !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15))
    lines.push(`  ${pct(t)}  ${owner}`);
  lines.push('by function (self):');
  for (const [fn, t] of [...byFunction]
    .filter(([f]) => !f.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`  ${pct(t)}  ${fn}`);
  return lines;
}

export async function runProfile(options: { scenario: string; seconds: number; log?: (line: string) => void }): Promise<string> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
  const target = { kind: 'sqlite' as const, path: path.join(dir, 'forum.sqlite') };
  const facts: ForumFacts = await buildForum(target, FULL_FORUM);
  const fake = await startChild('fake-wechat-process.ts');
  const profileDir = path.resolve(process.env.BENCH_PROFILE_DIR ?? path.join(dir, 'profiles'));
  fs.mkdirSync(profileDir, { recursive: true });
  const file = path.join(profileDir, `${options.scenario}-${Date.now()}.cpuprofile`);
  const app = await startChild('app-process.ts', { env: { BENCH_TARGET: JSON.stringify(target), BENCH_FAKE_WECHAT_URL: fake.url } });
  const ask = (message: object) =>
    new Promise<void>((resolve) => {
      app.process.once('message', () => resolve());
      app.process.send(message);
    });
  try {
    // Warm up first (JIT, SQLite page cache), then profile only the measured load.
    await runLoad({ url: app.url, connections: 50, durationSeconds: 2, path: () => '/posts' });
    await ask({ profile: 'start' });
    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
    const paths: Record<string, () => string> = {
      posts: () => '/posts',
      detail: () => `/posts/${pick(facts.publishedPostIds)}`,
      comments: () => `/posts/${pick(facts.busyPostIds)}/comments`,
    };
    if (options.scenario === 'posting') {
      const code = JSON.parse(
        (await request(`${fake.url}/__fake/login`, { method: 'POST', body: JSON.stringify({ openid: `o_bench_${facts.firstUserId}` }) }))
          .body,
      ).code as string;
      const token = JSON.parse((await request(`${app.url}/auth/wechat`, { method: 'POST', body: JSON.stringify({ code }) })).body)
        .accessToken as string;
      let n = 0;
      await runLoad({
        url: app.url,
        connections: 5,
        durationSeconds: options.seconds,
        method: 'POST',
        path: () => '/posts',
        headers: () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' }),
        body: () => JSON.stringify({ boardId: 1, title: `压测发帖第${++n}篇`, body: '今天和大家分享读书会的记录。'.repeat(12) }),
      });
    } else {
      for (const name of options.scenario === 'reads' ? Object.keys(paths) : [options.scenario]) {
        const result = await runLoad({ url: app.url, connections: 50, durationSeconds: options.seconds, path: paths[name]! });
        log(`  ${name}: ${result.rps.toFixed(0)} req/s p99 ${result.p99} ms`);
      }
    }
    await ask({ profile: 'stop', file });
  } finally {
    await app.stop();
    await fake.stop();
  }
  for (const line of summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile)) log(line);
  log(`profile: ${file}`);
  return file;
}

if (require.main === module) {
  const arg = process.argv.find((a) => a.startsWith('--profile'))?.split('=')[1] ?? 'posts';
  runProfile({ scenario: arg, seconds: Number(process.env.BENCH_PROFILE_SECONDS ?? 10) }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
