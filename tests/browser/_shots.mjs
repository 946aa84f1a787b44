import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
const child = spawn('/tmp/mock/mock-tablica.mjs', ['edytor', '--root', '/tmp/tws']);
const url = await new Promise((ok) => child.stdout.on('data', (d) => { const m = /(http\S+)/.exec(String(d)); if (m) ok(m[1]); }));
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const shot = async (name, hash, opts, fn) => {
  const ctx = await b.newContext(opts); const p = await ctx.newPage();
  p.on('pageerror', (e) => console.log('ERR', e.stack));
  await p.goto(url + hash); await p.waitForTimeout(1200);
  if (fn) await fn(p);
  await p.screenshot({ path: `/tmp/mock/${name}.png`, fullPage: !!opts.full }); await ctx.close();
};
const E = '#/edit/razem-dla-rozwoju/aktualnosci/2021-06-30-spotkanie-z-interesariuszami-w-kosowie-lackim.md';
await shot('list-320', '#/', { viewport: { width: 320, height: 700 } });
await shot('new-err', '#/new/ziemia-wysokomazowiecka', { viewport: { width: 1280, height: 800 } }, async (p) => { await p.click('#new-submit'); });
await shot('edit-dark', E, { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' }, async (p) => { await p.focus('#f-body'); await p.keyboard.type('[kliknij tutaj](x)'); await p.waitForTimeout(1000); await p.evaluate(() => window.scrollTo(0, 0)); });
await shot('edit-320', E, { viewport: { width: 320, height: 700 }, colorScheme: 'dark', full: true }, async (p) => { await p.focus('#f-body'); await p.keyboard.type('[kliknij tutaj](x)'); await p.waitForTimeout(1000); });
await shot('conflict', E, { viewport: { width: 1280, height: 800 } }, async (p) => {
  await p.evaluate(() => { const fs = 0; });
  // make the file change on disk
  const fs = await import('node:fs'); const f = '/tmp/tws/content/razem-dla-rozwoju/aktualnosci/2021-06-30-spotkanie-z-interesariuszami-w-kosowie-lackim.md';
  fs.appendFileSync(f, '\nZmiana z innego miejsca.\n');
  await p.focus('#f-body'); await p.keyboard.type('moja zmiana'); await p.click('#save-button'); await p.waitForTimeout(800);
});
await shot('gallery', '#/edit/ziemia-wysokomazowiecka/aktualnosci/2026-12-04-spotkanie-w-sprawie-sciezek-rowerowych.md', { viewport: { width: 1280, height: 800 } }, async (p) => {
  await p.setInputFiles('#f-photos', '/work/main/tests/fixtures/photos/telefon.jpg'); await p.waitForTimeout(1200);
  await p.evaluate(() => document.getElementById('gallery-list').scrollIntoView());
});
await b.close(); child.kill();
