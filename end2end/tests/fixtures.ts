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
