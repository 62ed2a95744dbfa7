// Bundles each test/*.test.ts (with the sources it imports) into one ES module for Node's own
// test runner, which cannot read TypeScript itself on Node 20: `npm test` runs them.
//
//   node build-tests.mjs [outDir]     (default: ../../../target/widget-tests)
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] || join(here, '../../../target/widget-tests'));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const tests = readdirSync(join(here, 'test')).filter((name) => name.endsWith('.test.ts'));
await build({
    entryPoints: tests.map((name) => join(here, 'test', name)),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
});
console.log(`widget tests: ${tests.length} files bundled into ${outDir}`);
