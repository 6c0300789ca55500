import { APIRequestContext } from '@playwright/test';
import { test, expect, hydrated } from './fixtures';

// Other tests add courses of their own, so the counts come from the server's search, not from
// the demo data; what is checked is that the page shows them and narrows and widens with filters.

/** How many upcoming courses the catalogue search finds for a URL query (`district=almaly`). */
async function upcoming(request: APIRequestContext, query = ''): Promise<number> {
  const response = await request.post('/api/courses/list', { form: { query } });
  expect(response.status()).toBe(200);
  return (await response.json()).results.total;
}

/** The count the catalogue page shows. */
function shownCount(text: string | null) {
  const count = Number(text?.match(/Upcoming courses: (\d+)/)?.[1]);
  expect(count, `count in "${text}"`).toBeGreaterThan(0);
  return count;
}

test('the course list pages through upcoming courses in Almaty time', async ({ page }) => {
  await page.goto('/courses');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Courses');
  await expect(page.getByTestId('course-card')).toHaveCount(12);
  const total = shownCount(await page.getByTestId('course-count').textContent());
  expect(total).toBe(await upcoming(page.request));
  // Day-first Almaty time, e.g. "07.12.2026 10:00".
  await expect(page.getByTestId('course-card').first().locator('time')).toHaveText(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
  const firstTitle = await page.getByTestId('course-card').first().getByRole('heading').textContent();

  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page).toHaveURL(/\/courses\?page=2$/);
  await expect(page.getByText(`Page 2 of ${Math.ceil(total / 12)}`)).toBeVisible();
  await expect(page.getByTestId('course-card').first().getByRole('heading')).not.toHaveText(firstTitle!);
});

test('a nonsense page number gets a translated message, not a server error', async ({ page }) => {
  const response = await page.request.get('/courses?page=abc', { headers: { 'Accept-Language': 'ru' } });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain('«Страница»');
});

test('filters and a search narrow the list and the URL; the shared URL shows the same', async ({ page, browser }) => {
  const total = await upcoming(page.request);
  const inAlmaly = await upcoming(page.request, 'district=almaly');
  const dombra = await upcoming(page.request, 'q=домбыра');
  expect(inAlmaly).toBeLessThan(total);
  expect(dombra).toBeGreaterThan(0);
  await page.goto('/courses');
  await hydrated(page);
  await expect(page.getByTestId('course-count')).toContainText(`Upcoming courses: ${total}`);

  await page.getByLabel('District').selectOption('almaly');
  await expect(page).toHaveURL(/\/courses\?district=almaly$/);
  await expect(page.getByTestId('course-count')).toContainText(`Upcoming courses: ${inAlmaly}`);

  await page.getByLabel('District').selectOption('');
  await expect(page.getByTestId('course-count')).toContainText(`Upcoming courses: ${total}`);
  await page.getByLabel('Search').pressSequentially('ДОМБЫРА', { delay: 30 });
  // The search applies when Enter submits the form: one that followed the typing would reload the
  // page under the fingers.
  await page.getByLabel('Search').press('Enter');
  await expect(page).toHaveURL(/q=%D0%94%D0%9E%D0%9C%D0%91%D0%AB%D0%A0%D0%90/);
  await expect(page.getByTestId('course-count')).toContainText(`Upcoming courses: ${dombra}`);
  const titles = await page.getByTestId('course-card').getByRole('heading').allTextContents();
  for (const title of titles) expect(title).toMatch(/Dombra/);

  await page.getByLabel('Only with free seats').check();
  await expect(page).toHaveURL(/free=1/);
  const shared = page.url();

  // Someone opens the shared link: same filters, same results, same form state.
  const otherBrowser = await browser.newContext();
  const other = await otherBrowser.newPage();
  await other.goto(shared);
  await expect(other.getByTestId('course-count')).toHaveText(await page.getByTestId('course-count').textContent() ?? '');
  await expect(other.getByLabel('Search')).toHaveValue('ДОМБЫРА');
  await expect(other.getByLabel('Only with free seats')).toBeChecked();
  await otherBrowser.close();

  // Back goes to the previous filter state.
  await page.goBack();
  await expect(page.getByLabel('Only with free seats')).not.toBeChecked();
  await expect(page.getByTestId('course-count')).toContainText(`Upcoming courses: ${dombra}`);
});

test('Kazakh and Russian search ignore letter case', async ({ request }) => {
  const count = (q: string) => upcoming(request, `q=${encodeURIComponent(q)}`);
  // The demo data has ten dombra courses; no test adds one.
  expect(await count('домбыра')).toBe(10);
  expect(await count('ДОМБЫРА')).toBe(10);
  expect(await count('ДОМБРА')).toBe(await count('домбра'));
  expect(await count('Қазақ')).toBe(await count('қазақ'));
});

test('without JavaScript the filter form works as a plain GET', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/courses');
  await page.locator('#language-filter').selectOption('kk');
  await page.getByLabel('My age').fill('15');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/language=kk/);
  await expect(page).toHaveURL(/age=15/);
  const count = shownCount(await page.getByTestId('course-count').textContent());
  expect(count).toBe(await upcoming(page.request, 'language=kk&age=15'));
  expect(count).toBeLessThan(await upcoming(page.request));
  await context.close();
});

test('an empty result says which filter to drop', async ({ page }) => {
  await page.goto('/courses?district=almaly&q=zzzz-nothing');
  await hydrated(page);
  await expect(page.getByTestId('nothing-found')).toContainText('No course matches all filters');
  await page.getByRole('link', { name: '✕ Search' }).click();
  await expect(page).toHaveURL(/\/courses\?district=almaly$/);
  await expect(page.getByTestId('course-count')).toContainText(`Upcoming courses: ${await upcoming(page.request, 'district=almaly')}`);
});

test.describe('on a phone', () => {
  const phone = { width: 390, height: 844 };
  test.use({ viewport: phone });

  test('the results come first; the filters open from a "Filters (N)" button counting the active ones', async ({ page }) => {
    await page.goto('/courses?district=almaly&free=1');
    await hydrated(page);
    const button = page.getByTestId('filter-panel').locator('summary');
    await expect(button).toHaveText('Filters (2)');
    await expect(page.getByLabel('District')).toBeHidden();
    await expect(page.getByTestId('course-card').first()).toBeInViewport();

    await button.click();
    await expect(page.getByLabel('District')).toHaveValue('almaly');
    await page.getByLabel('Format').selectOption('online');
    await expect(page).toHaveURL(/format=online/);
    await expect(button).toHaveText('Filters (3)');
    // The fields stay open while the results follow them.
    await expect(page.getByLabel('Format')).toBeVisible();
    await expect(page.getByTestId('course-count')).toContainText(
      `Upcoming courses: ${await upcoming(page.request, 'district=almaly&format=online&free=1')}`,
    );

    await page.getByRole('button', { name: 'Русский' }).click();
    await expect(button).toHaveText('Фильтры (3)');
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await expect(button).toHaveText('Сүзгілер (3)');
  });

  test('a refused filter opens the fields to mend it and keeps the valid ones', async ({ page }) => {
    const response = await page.goto('/courses?age=99&free=1');
    expect(response?.status()).toBe(400);
    await hydrated(page);
    await expect(page.getByText('“Age”: out of the allowed range.')).toBeVisible();
    // The form keeps "only free seats"; the refused age is named above and left empty.
    await expect(page.getByTestId('filter-panel').locator('summary')).toHaveText('Filters (1)');
    await expect(page.getByLabel('Only with free seats')).toBeChecked();
    const age = page.getByLabel('My age');
    await expect(age).toBeVisible();
    await age.fill('20');
    await age.press('Enter');
    await expect(page).toHaveURL(/age=20/);
    await expect(page.getByTestId('course-count')).toContainText(`Upcoming courses: ${await upcoming(page.request, 'age=20&free=1')}`);
  });

  test('without JavaScript the Filters button opens the fields and Show applies them', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: phone });
    const page = await context.newPage();
    await page.goto('/courses');
    const button = page.getByTestId('filter-panel').locator('summary');
    await expect(button).toHaveText('Filters (0)');
    await expect(page.locator('#language-filter')).toBeHidden();
    await expect(page.getByTestId('course-card').first()).toBeInViewport();

    await button.click();
    await page.locator('#language-filter').selectOption('kk');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/language=kk/);
    await expect(page.getByTestId('filter-panel').locator('summary')).toHaveText('Filters (1)');
    expect(shownCount(await page.getByTestId('course-count').textContent())).toBe(await upcoming(page.request, 'language=kk'));
    await context.close();
  });
});

test('on a wide screen the filter fields are in sight without a click', async ({ page }) => {
  await page.goto('/courses');
  await hydrated(page);
  await expect(page.getByLabel('District')).toBeVisible();
  await expect(page.getByLabel('Format')).toBeVisible();
});
