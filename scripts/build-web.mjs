// Builds the web app when its sources are newer than web/dist (npm start stays fast).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = new URL('../web/', import.meta.url).pathname;
const built = join(web, 'dist', 'index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const force = process.argv.includes('--force');
const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(web, p)).filter(existsSync);
if (!force && existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest))) {
  console.log('web app is up to date (web/dist)');
  process.exit(0);
}
console.log('building the web app (vite build) …');
const result = spawnSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'inherit', cwd: join(web, '..') });
process.exit(result.status ?? 1);
