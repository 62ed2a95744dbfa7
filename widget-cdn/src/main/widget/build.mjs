// Builds the widget's three bundles and the agent console's two into content-hashed files with .gz and .br beside each, plus
// manifest.json (logical name -> hashed name), and fails when a bundle's gzip size is over its
// budget. Order matters: the launcher embeds the panel's hashed name, the loader the launcher's,
// the console its settings bundle's.
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
const BUDGETS = {
    loader: 1024,
    launcher: 10 * 1024,
    panel: 40 * 1024,
    console: 60 * 1024,
    // The console's settings screens (canned responses, mood terms; later sites, users, plans,
    // the widget's look), loaded when someone opens Settings: room for those to come.
    'console-settings': 30 * 1024,
    // The public pages: pricing, sign-up and the onboarding's test page.
    site: 12 * 1024,
};
const ENTRIES = {
    console: 'console/console.ts',
    'console-settings': 'console/settings/index.ts',
    site: 'site/site.ts',
};

mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(outDir)) rmSync(join(outDir, name), { recursive: true });

async function bundle(name, define) {
    const result = await build({
        entryPoints: [join(here, 'src', ENTRIES[name] || name + '.ts')],
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

// The agent console: served at /console by an HTML shell that names this file; it injects the
// settings bundle by the hashed name put in here when someone opens Settings.
const settings = await bundle('console-settings', {});
const console_ = await bundle('console', { SETTINGS_FILE: JSON.stringify(settings.file) });

// Parley's public pages (/pricing, /signup, /try), one small bundle drawing the page its path names.
const site = await bundle('site', {});

const built = [loader, launcher, panel, console_, settings, site];
const manifest = Object.fromEntries(built.map((b) => [b.name + '.js', b.file]));
writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

let over = false;
for (const b of built) {
    const budget = BUDGETS[b.name];
    const ok = b.gzip <= budget;
    over ||= !ok;
    console.log(
        `widget ${b.name.padEnd(16)} ${b.file.padEnd(30)} raw ${String(b.raw).padStart(6)} B, ` +
            `gzip ${String(b.gzip).padStart(5)} B (budget ${budget} B) ${ok ? 'ok' : 'OVER BUDGET'}, ` +
            `brotli ${String(b.brotli).padStart(5)} B`,
    );
}
if (over) {
    console.error('widget: a bundle is over its gzip budget');
    process.exit(1);
}
