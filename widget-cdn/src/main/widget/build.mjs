// Builds the widget's three bundles and the agent console into content-hashed files with .gz and .br beside each, plus
// manifest.json (logical name -> hashed name), and fails when a bundle's gzip size is over its
// budget. Order matters: the launcher embeds the panel's hashed name, the loader the launcher's.
//
//   node build.mjs [outDir]     (default: ../../../target/classes/static/widget)
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] || join(here, '../../../target/classes/static/widget'));

/** Gzip budgets in bytes: the promise is a launcher of a few kilobytes. */
const BUDGETS = { loader: 1024, launcher: 10 * 1024, panel: 40 * 1024, console: 60 * 1024 };

mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(outDir)) rmSync(join(outDir, name), { recursive: true });

async function bundle(name, define) {
    const result = await build({
        entryPoints: [join(here, 'src', name === 'console' ? 'console/console.ts' : name + '.ts')],
        bundle: true,
        minify: true,
        format: 'iife',
        target: 'es2020',
        legalComments: 'none',
        write: false,
        define,
    });
    const code = result.outputFiles[0].contents;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 8);
    const file = `${name}.${hash}.js`;
    const gz = gzipSync(code, { level: 9 });
    const br = brotliCompressSync(code, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length },
    });
    writeFileSync(join(outDir, file), code);
    writeFileSync(join(outDir, file + '.gz'), gz);
    writeFileSync(join(outDir, file + '.br'), br);
    return { name, file, raw: code.length, gzip: gz.length, brotli: br.length };
}

const panel = await bundle('panel', {});
const launcher = await bundle('launcher', { PANEL_FILE: JSON.stringify(panel.file) });
const loader = await bundle('loader', { LAUNCHER_FILE: JSON.stringify(launcher.file) });

// The agent console: served at /console by an HTML shell that names this file.
const console_ = await bundle('console', {});

const built = [loader, launcher, panel, console_];
const manifest = Object.fromEntries(built.map((b) => [b.name + '.js', b.file]));
writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

let over = false;
for (const b of built) {
    const budget = BUDGETS[b.name];
    const ok = b.gzip <= budget;
    over ||= !ok;
    console.log(
        `widget ${b.name.padEnd(8)} ${b.file.padEnd(22)} raw ${String(b.raw).padStart(6)} B, ` +
            `gzip ${String(b.gzip).padStart(5)} B (budget ${budget} B) ${ok ? 'ok' : 'OVER BUDGET'}, ` +
            `brotli ${String(b.brotli).padStart(5)} B`,
    );
}
if (over) {
    console.error('widget: a bundle is over its gzip budget');
    process.exit(1);
}
