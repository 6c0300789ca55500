// Benchmark, not a test: how long the browser's main thread is blocked while a public page's client
// starts (fetching, compiling and running the WASM that hydrates it), as a phone would be, at
// Lighthouse's 4x CPU slowdown. For each page it prints the longest task (median of the rounds) with
// Chromium's default WASM compilation (lazy: each function compiled on the main thread the first time
// it is called) and with eager compilation (`--no-wasm-lazy-compilation`: compiled in the background
// while downloading), which no page can ask of a browser: the difference is the compiling hydration
// causes, the rest is running it.
// Usage, against a running release server: node hydration-profile.mjs http://127.0.0.1:3000 [rounds]
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const PUBLIC_PAGES = JSON.parse(readFileSync(new URL('./public-pages.json', import.meta.url), 'utf8'));
const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3000';
const rounds = Number(process.argv[3] ?? 3);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function longestTasks(jsFlags) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', ...(jsFlags ? [`--js-flags=${jsFlags}`] : [])],
  });
  const result = {};
  for (const path of PUBLIC_PAGES) {
    const longest = [];
    for (let round = 0; round < rounds; round++) {
      // A fresh context each time: nothing cached, as on a first visit.
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(() => {
        window.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(new URL(path, baseUrl).toString());
      await page.waitForSelector('body[data-hydrated]', { timeout: 60_000 });
      longest.push(Math.max(0, ...(await page.evaluate(() => window.__longTasks))));
      await context.close();
    }
    result[path] = Math.round(median(longest));
  }
  await browser.close();
  return result;
}

const lazy = await longestTasks('');
const eager = await longestTasks('--no-wasm-lazy-compilation');
console.log(`longest main-thread task while the page starts, ms, 4x CPU slowdown, median of ${rounds}`);
console.log(`${'page'.padEnd(32)} ${'default (lazy)'.padStart(15)} ${'eager compile'.padStart(14)}`);
for (const path of PUBLIC_PAGES) {
  console.log(`${path.padEnd(32)} ${String(lazy[path]).padStart(15)} ${String(eager[path]).padStart(14)}`);
}
