/**
 * Fixture projects for the review kit. `fixtures/clean` is a tiny mini program that passes every
 * static rule; each other folder under fixtures/ holds only the files that plant one defect, laid
 * over a temporary copy of clean. Fixture scripts are .js so the test type check (which compiles
 * every .ts under test/ in the Node world) never sees mini program globals.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runReview } from '../src/run-review';
import type { Finding, ReviewMode } from '../src/types';

const FIXTURES = path.join(__dirname, 'fixtures');
const created: string[] = [];

/** A temporary copy of the clean fixture with `defect`'s files laid over it. */
export function fixtureProject(defect?: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `review-${defect ?? 'clean'}-`));
  created.push(root);
  fs.cpSync(path.join(FIXTURES, 'clean'), root, { recursive: true });
  if (defect) fs.cpSync(path.join(FIXTURES, defect), root, { recursive: true });
  return root;
}

export function writeFile(root: string, relativePath: string, content: string | Buffer): void {
  const file = path.join(root, relativePath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

export function removeFixtures(): void {
  for (const root of created.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}

/** Static review of a project, with no environment leaking in from the machine running the tests. */
export async function review(root: string, mode: ReviewMode = 'develop', env: Record<string, string | undefined> = {}): Promise<Finding[]> {
  return (await runReview({ root, mode, staticOnly: true, env })).findings;
}

export const blocking = (findings: Finding[]) => findings.filter((finding) => finding.severity === 'blocking');
export const ruleIds = (findings: Finding[]) => [...new Set(findings.map((finding) => finding.ruleId))].sort();
