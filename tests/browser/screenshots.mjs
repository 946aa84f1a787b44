// Screenshots of the sample portals for the README: the home page, an
// announcement and the accessibility statement, at 1280 and 375 px, in the
// light, dark and high-contrast looks. Writes docs/screenshots/*.png.
//
//   cargo build && node tests/browser/screenshots.mjs
//
// Not part of the test run: the pictures are for people, the checks are in run.mjs.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serve } from './lib/server.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(repo, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'tablica-shots-'));
const site = join(work, 'public');
execFileSync(process.env.TABLICA_BIN ?? join(repo, 'target', 'debug', 'tablica'), ['build', '--output', site], { cwd: repo, stdio: 'inherit' });

const pages = {
  home: '/ziemia-wysokomazowiecka/',
  announcement: '/ziemia-wysokomazowiecka/aktualnosci/spotkanie-z-interesariuszami/',
  statement: '/ziemia-wysokomazowiecka/deklaracja-dostepnosci/',
};
const widths = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 812 } };
const looks = {
  light: { colorScheme: 'light', contrast: false },
  dark: { colorScheme: 'dark', contrast: false },
  contrast: { colorScheme: 'light', contrast: true },
};

mkdirSync(out, { recursive: true });
const server = await serve(site);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const [lookName, look] of Object.entries(looks)) {
    for (const [widthName, viewport] of Object.entries(widths)) {
      const context = await browser.newContext({ viewport, colorScheme: look.colorScheme, deviceScaleFactor: 1 });
      if (look.contrast) {
        await context.addInitScript(() => localStorage.setItem('tablica-kontrast', '1'));
      }
      const page = await context.newPage();
      for (const [pageName, path] of Object.entries(pages)) {
        await page.goto(server.origin + path, { waitUntil: 'networkidle' });
        const file = join(out, `${pageName}-${widthName}-${lookName}.png`);
        await page.screenshot({ path: file });
        console.log(file.slice(repo.length + 1));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
