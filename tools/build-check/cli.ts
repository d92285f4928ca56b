/**
 * `npm run build-check [root]`: compiles every WXML and WXSS of the mini program (default
 * miniprogram/) with WeChat's wcc and wcsc, then, when a project.config.json is found at or above
 * root, runs upload's own compile (miniprogram-ci, offline) and prints the compiled size per
 * package; prints each problem with its file and exits 1 if any.
 */
import path from 'node:path';
import { checkCompile, checkMiniprogram, findProjectPath, formatReport, formatSizes } from './build-check';

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'miniprogram'));
  const result = checkMiniprogram(root);
  const projectPath = findProjectPath(root);
  let sizes = '';
  if (projectPath === undefined) {
    console.log('build-check: no project.config.json at or above the root; skipping the upload compile');
  } else {
    const compiled = await checkCompile(projectPath);
    result.problems.push(...compiled.problems);
    if (compiled.sizes) sizes = `\nbuild-check: compiled size (upload compile, offline): ${formatSizes(compiled.sizes)}`;
  }
  const report = formatReport(result) + sizes;
  if (result.problems.length > 0) {
    console.error(report);
    process.exitCode = 1;
  } else {
    console.log(report);
  }
}

main()
  .catch((error: unknown) => {
    console.error('build-check: could not run the compilers:', error);
    process.exitCode = 2;
  })
  // miniprogram-ci may leave a compiler process or timers behind
  .finally(() => process.exit());
