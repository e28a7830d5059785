// Gzip size of the JavaScript a first visit to each front end downloads:
// the entry chunk plus the front end's lazy chunk and everything they import statically.
// Run after `vite build --manifest` (npm run size -w web).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key].imports ?? []) closure(next, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
// each front end with its Chinese texts (src/shared/i18n/zh-CN/, fetched with it)
const texts = (...groups) => groups.map((group) => `src/shared/i18n/zh-CN/${group}.ts`);
const routes = {
  'login (desktop)': ['src/login/login-page.tsx'],
  'login (mobile)': ['src/login/mobile-login-page.tsx'],
  'portal (desktop)': ['src/portal/desktop/portal-app.tsx', ...texts('portal')],
  'portal (mobile)': ['src/portal/mobile/mobile-portal-app.tsx', ...texts('portal')],
  'workbench (desktop)': ['src/workbench/desktop/workbench-app.tsx', ...texts('workbench')],
  'workbench (mobile)': ['src/workbench/mobile/mobile-workbench-app.tsx', ...texts('workbench')],
  console: ['src/console/console-app.tsx', ...texts('console', 'catalog', 'workbench')],
  open: ['src/open/open-app.tsx', ...texts('open-data', 'catalog')],
};

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
for (const [name, keys] of Object.entries(routes)) {
  if (!keys.every((key) => manifest[key])) continue;
  const chunks = closure(entryKey);
  for (const key of keys) closure(key, chunks);
  let total = 0;
  for (const chunk of chunks) total += gz(manifest[chunk].file);
  console.log(`${name.padEnd(22)} ${(total / 1024).toFixed(1).padStart(7)} KB gzip JS (${chunks.size} chunks)`);
}
