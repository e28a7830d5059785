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
const routes = {
  'login (desktop)': 'src/login/login-page.tsx',
  'login (mobile)': 'src/login/mobile-login-page.tsx',
  'portal (desktop)': 'src/portal/desktop/portal-app.tsx',
  'portal (mobile)': 'src/portal/mobile/mobile-portal-app.tsx',
  'workbench (desktop)': 'src/workbench/desktop/workbench-app.tsx',
  'workbench (mobile)': 'src/workbench/mobile/mobile-workbench-app.tsx',
  console: 'src/console/console-app.tsx',
  open: 'src/open/open-app.tsx',
};

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
for (const [name, key] of Object.entries(routes)) {
  if (!manifest[key]) continue;
  const chunks = closure(key, closure(entryKey));
  let total = 0;
  for (const chunk of chunks) total += gz(manifest[chunk].file);
  console.log(`${name.padEnd(22)} ${(total / 1024).toFixed(1).padStart(7)} KB gzip JS (${chunks.size} chunks)`);
}
