import { chromium } from '@playwright/test';
import { test, expect } from './fixtures';
import PUBLIC_PAGES from '../public-pages.json';

// Lighthouse (12, from npm; run in Debian's Chromium) on every public page in each language, as
// a phone sees it: accessibility, best practices and SEO must all score 1.00. Performance is a
// benchmark, not a test: `LIGHTHOUSE_PERFORMANCE=1` adds it and prints the score and the time to
// interactive per page (README, Benchmarks).
const LANGUAGES = ['kk', 'ru', 'en'] as const;
const ASSERTED = ['accessibility', 'best-practices', 'seo'];
const withPerformance = process.env.LIGHTHOUSE_PERFORMANCE === '1';
// Lighthouse drives the browser through its DevTools port (Playwright's own pipe is not one).
const DEBUGGING_PORT = 9333;

type Audit = { id: string; title: string; score: number | null; scoreDisplayMode: string; numericValue?: number; displayValue?: string };
const METRIC_NAMES: Record<string, string> = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'SI',
};
type Category = { score: number | null; auditRefs: { id: string; weight: number }[] };
type Report = { categories: Record<string, Category>; audits: Record<string, Audit>; finalDisplayedUrl: string };

/** The audits that cost a category its full score, by title, to say what to fix. */
function failingAudits(report: Report, category: string) {
  return report.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => report.audits[ref.id])
    .filter((audit) => audit.scoreDisplayMode !== 'notApplicable' && audit.scoreDisplayMode !== 'manual' && audit.score !== 1)
    .map((audit) => `${audit.id} (${audit.title}): ${audit.score}`);
}

test.describe.configure({ timeout: 240_000 });

for (const path of PUBLIC_PAGES) {
  test(`Lighthouse: ${path} scores 1.00 for accessibility, best practices and SEO in kk, ru and en`, async ({ baseURL }) => {
    const { default: lighthouse } = await import('lighthouse');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', `--remote-debugging-port=${DEBUGGING_PORT}`],
    });
    try {
      const problems: string[] = [];
      for (const language of LANGUAGES) {
        const categories = withPerformance ? [...ASSERTED, 'performance'] : ASSERTED;
        const result = await lighthouse(
          new URL(path, baseURL).toString(),
          {
            port: DEBUGGING_PORT,
            logLevel: 'error',
            output: 'json',
            onlyCategories: categories,
            // The server renders in the language the browser asks for (no cookie yet: a first visit).
            extraHeaders: { 'Accept-Language': language },
          },
        );
        const report = result?.lhr as unknown as Report;
        expect(report, `${path} in ${language}: Lighthouse returned no report`).toBeTruthy();
        for (const category of ASSERTED) {
          if (report.categories[category].score !== 1) {
            problems.push(`${path} in ${language}, ${category} ${report.categories[category].score}: ${failingAudits(report, category).join('; ')}`);
          }
        }
        if (withPerformance) {
          const interactive = report.audits['interactive']?.numericValue ?? NaN;
          // The metrics the score is made of, each with its own score, to see which one costs points.
          const metrics = Object.entries(METRIC_NAMES)
            .map(([id, name]) => `${name} ${report.audits[id]?.displayValue ?? '?'} (${report.audits[id]?.score?.toFixed(2)})`)
            .join(', ');
          console.log(
            `lighthouse ${path.padEnd(30)} ${language}  performance ${report.categories.performance.score?.toFixed(2)}  ` +
              `time to interactive ${(interactive / 1000).toFixed(1)} s  ${metrics}`,
          );
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
}
