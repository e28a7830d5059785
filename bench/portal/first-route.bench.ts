// B7: what a first visit to the Portal costs — the JavaScript the first route downloads
// (gzip, as served) and when its first meaningful content is painted — measured in Chromium on
// localhost, a phone (390×844, the mobile-first Portal) and a desktop window, logged in as a
// citizen, cold cache, five visits each (median). Needs the built front end (npm run build:web).
// Run: node bench/portal/first-route.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createNode } from '../../server/src/app.ts';
import { createLogger, loadConfig, openDatabase } from '../../server/src/kernel/index.ts';
import { freePort } from '../../server/src/testing/pg-cluster.ts';

const visits = 5;
const dataDir = mkdtempSync(join(tmpdir(), 'zhili-b7-'));
const port = await freePort();
const config = { ...loadConfig({}), dataDir, port, publicUrl: `http://127.0.0.1:${port}` };
const db = await openDatabase({ dataDir, poolSize: 4 });
const node = await createNode(config, { db, log: createLogger('silent') });
await node.app.listen({ port, host: '127.0.0.1' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

const devices = {
  'phone 390×844 (/m/portal)': { path: '/m/portal', ready: 'portal-home-mobile', viewport: { width: 390, height: 844 }, isMobile: true },
  'desktop 1366×850 (/portal)': { path: '/portal', ready: 'portal-home', viewport: { width: 1366, height: 850 }, isMobile: false },
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log(
  '| device | JS of the first route (gzip) | first contentful paint | first meaningful paint (home rendered) |\n|---|---|---|---|',
);
for (const [label, device] of Object.entries(devices)) {
  const paints: number[] = [];
  const meaningful: number[] = [];
  let jsBytes = 0;
  for (let visit = 0; visit < visits; visit++) {
    const context = await browser.newContext({
      viewport: device.viewport,
      isMobile: device.isMobile,
      baseURL: config.publicUrl,
      locale: 'zh-CN',
    });
    const login = await context.request.post('/api/v1/auth/login', { data: { username: '330382197811297469', password: 'Zhili@2026' } });
    if (login.status() !== 200) throw new Error(`login failed: ${login.status()}`);
    const page = await context.newPage();
    // when the home's own content first appears in the DOM, on the page's clock
    await page.addInitScript({
      content: `new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="${device.ready}"]')) { window.__meaningful = performance.now(); observer.disconnect(); }
      }).observe(document, { childList: true, subtree: true });`,
    });
    const scripts: { url: string; body: Buffer }[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        void response
          .body()
          .then((body) => scripts.push({ url: response.url(), body }))
          .catch(() => undefined);
    });
    await page.goto(device.path);
    await page.getByTestId(device.ready).waitFor();
    await page.waitForTimeout(300);
    const timing = (await page.evaluate(
      `({ fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN, meaningful: window.__meaningful })`,
    )) as { fcp: number; meaningful: number };
    // the home paints in the frame after it is in the DOM: count to that frame
    paints.push(timing.fcp);
    meaningful.push(timing.meaningful + 16);
    const sizes = scripts.map(({ url, body }) => ({ file: new URL(url).pathname, gzip: gzipSync(body, { level: 9 }).length }));
    jsBytes = sizes.reduce((n, s) => n + s.gzip, 0);
    // BENCH_LIST=1: which scripts the first route fetched, biggest first
    if (process.env.BENCH_LIST && visit === 0)
      for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${(s.gzip / 1024).toFixed(1).padStart(6)} KB ${s.file}`);
    await context.close();
  }
  console.log(`| ${label} | ${(jsBytes / 1024).toFixed(1)} KB | ${median(paints).toFixed(0)} ms | ${median(meaningful).toFixed(0)} ms |`);
}
await browser.close();
await node.close();
await db.close();
rmSync(dataDir, { recursive: true, force: true });
