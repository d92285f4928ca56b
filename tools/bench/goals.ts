/**
 * The bench's verdicts: each goal with what was measured and whether it holds, as one table.
 * Timing goals are judged only on a full run; a quick run (CI, a shared and noisy machine)
 * reports them without failing. Size and request-count goals are judged on every run.
 */
import type { ServerBenchResult } from './server/server-bench';

export interface Goal {
  goal: string;
  measured: string;
  ok: boolean;
  /** Depends on how busy the machine is: judged on full runs only. */
  timing: boolean;
}

export type Verdict = 'pass' | 'FAIL' | 'not judged (quick)';

export function verdictOf(goal: Goal, quick: boolean): Verdict {
  if (goal.timing && quick) return 'not judged (quick)';
  return goal.ok ? 'pass' : 'FAIL';
}

export function failedGoals(goals: Goal[], quick: boolean): Goal[] {
  return goals.filter((goal) => verdictOf(goal, quick) === 'FAIL');
}

export function renderTable(goals: Goal[], quick: boolean): string[] {
  const rows = goals.map((g) => [g.goal, g.measured, verdictOf(g, quick)] as const);
  const header = ['goal', 'measured', 'verdict'] as const;
  const width = (i: number) => Math.max(header[i].length, ...rows.map((r) => r[i].length));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(width(i))).join(' | ')} |`;
  return [line(header), line(header.map((_, i) => '-'.repeat(width(i)))), ...rows.map(line)];
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const pct = (ratio: number) => `${(ratio * 100).toFixed(0)} %`;
const range = (ratios: number[]) => (ratios.length > 1 ? ` (reps ${ratios.map(pct).join(', ')})` : '');

export function serverGoals(result: ServerBenchResult): Goal[] {
  const goals: Goal[] = [];
  const read = (name: string) => result.reads.find((r) => r.name === name);
  const list = read('GET /posts');
  for (const scenario of result.reads) {
    const ratio = median(scenario.ratios);
    const appRps = median(scenario.app.map((r) => r.rps));
    const bareRps = median(scenario.bare.map((r) => r.rps));
    goals.push({
      goal: `${scenario.name} ≥ 50 % of bare Fastify req/s`,
      measured: `${pct(ratio)}${range(scenario.ratios)}: ${appRps.toFixed(0)} vs ${bareRps.toFixed(0)} req/s, ${(scenario.responseBytes / 1024).toFixed(1)} KB`,
      ok: ratio >= 0.5,
      timing: true,
    });
  }
  if (list) {
    const p99 = median(list.app.map((r) => r.p99));
    goals.splice(1, 0, {
      goal: `GET /posts p99 ≤ 20 ms at ${result.settings.connections} connections`,
      measured: `${p99} ms (reps ${list.app.map((r) => r.p99).join(', ')})`,
      ok: p99 <= 20,
      timing: true,
    });
  }
  const { readersAlone, readersWhilePosting, posting } = result.posting;
  const postingOk = posting.non2xx === 0 && posting.errors === 0;
  goals.push({
    goal: `reader p99 while posting ≤ 25 ms`,
    measured: `${readersWhilePosting.p99} ms (alone ${readersAlone.p99} ms; ${posting.rps.toFixed(0)} posts/s of ${result.settings.postingRate}${postingOk ? '' : `, ${posting.non2xx + posting.errors} failed`})`,
    ok: readersWhilePosting.p99 <= 25 && postingOk,
    timing: true,
  });
  for (const queue of result.queues) {
    const ratio = queue.large.p50 / queue.small.p50;
    goals.push({
      goal: `${queue.name} p50 at ${queue.large.queued} ≤ 2× at ${queue.small.queued}`,
      measured: `${ratio.toFixed(2)}× (${queue.small.p50.toFixed(2)} → ${queue.large.p50.toFixed(2)} ms)`,
      ok: ratio <= 2,
      timing: true,
    });
  }
  return goals;
}
