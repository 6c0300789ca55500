import { test as base, expect, Page } from '@playwright/test';

/** Every page opened through this fixture fails its test on a console error or warning
 *  (hydration mismatches are reported as console warnings/errors by the Leptos client). */
export const test = base.extend<{ consoleProblems: string[] }>({
  consoleProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(`${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await use(problems);
    expect(problems, 'browser console must stay clean').toEqual([]);
  },
});

export { expect };

/** Waits until the WASM client has hydrated the server-rendered page. */
export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** A login nobody has used yet, so the suite can run again against the same database. */
export function freshEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.kz`;
}

/** The date `years` years ago today, as an <input type="date"> value. */
export function yearsAgo(years: number) {
  const date = new Date();
  date.setFullYear(date.getFullYear() - years);
  return date.toISOString().slice(0, 10);
}
