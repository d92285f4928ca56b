/**
 * package-size: the main package (and each subpackage) must stay under WeChat's 2 MB limit, or
 * the upload is refused. Measured by measure/package-size.ts (also exported for benchmarks):
 * TypeScript as the JavaScript it compiles to, miniprogram_npm included, source maps excluded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAIN_PACKAGE_LIMIT_BYTES, measurePackage } from '../measure/package-size';
import type { Finding, Rule } from '../types';

/** Warn from this share of the limit on: the next feature may not fit. */
const WARNING_SHARE = 0.9;
const TOTAL_LIMIT_BYTES = 30 * 1024 * 1024;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const packageSizeRule: Rule = {
  id: 'package-size',
  title: 'Main package and subpackages within 2 MB',
  async run(project) {
    const total = measurePackage(project.miniprogramRoot);
    const subPackages = (project.appJson.subPackages ?? project.appJson.subpackages ?? []).map((sub) => {
      const root = path.join(project.miniprogramRoot, sub.root);
      return { root: sub.root, size: fs.existsSync(root) ? measurePackage(root) : undefined };
    });
    const mainBytes = total.totalBytes - subPackages.reduce((sum, sub) => sum + (sub.size?.totalBytes ?? 0), 0);
    const findings: Finding[] = [];
    const check = (name: string, bytes: number, largest: { file: string; bytes: number }[]) => {
      const largestText = largest
        .slice(0, 3)
        .map((f) => `${f.file} ${kb(f.bytes)}`)
        .join(', ');
      if (bytes > MAIN_PACKAGE_LIMIT_BYTES) {
        findings.push({
          ruleId: 'package-size',
          severity: 'blocking',
          evidence: String(bytes),
          message: `${name} is ${kb(bytes)}, over WeChat's ${kb(MAIN_PACKAGE_LIMIT_BYTES)} limit (largest: ${largestText})`,
          fix: 'Move images to the server/CDN, drop unused files and npm packages, or move pages into subpackages (app.json "subPackages").',
        });
      } else if (bytes > MAIN_PACKAGE_LIMIT_BYTES * WARNING_SHARE) {
        findings.push({
          ruleId: 'package-size',
          severity: 'warning',
          evidence: String(bytes),
          message: `${name} is ${kb(bytes)}, ${((bytes / MAIN_PACKAGE_LIMIT_BYTES) * 100).toFixed(0)}% of the ${kb(MAIN_PACKAGE_LIMIT_BYTES)} limit (largest: ${largestText})`,
          fix: 'Plan room before it fills: serve large images from the server and consider subpackages.',
        });
      }
    };
    check('The main package', mainBytes, total.largest);
    for (const sub of subPackages)
      if (sub.size)
        check(
          `Subpackage ${sub.root}`,
          sub.size.totalBytes,
          sub.size.largest.map((f) => ({ ...f, file: `${sub.root}/${f.file}` })),
        );
    if (total.totalBytes > TOTAL_LIMIT_BYTES) {
      findings.push({
        ruleId: 'package-size',
        severity: 'blocking',
        message: `All packages together are ${kb(total.totalBytes)}, over the 30 MB limit`,
        fix: 'Move media out of the package.',
      });
    }
    return findings;
  },
};
