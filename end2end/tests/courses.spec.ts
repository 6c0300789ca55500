import { test, expect, hydrated } from './fixtures';

test('the course list pages through upcoming courses in Almaty time', async ({ page, consoleProblems }) => {
  await page.goto('/courses');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Courses');
  await expect(page.getByTestId('course-card')).toHaveCount(12);
  await expect(page.getByTestId('course-count')).toContainText('Upcoming courses: 64');
  // Day-first Almaty time, e.g. "07.12.2026 10:00".
  await expect(page.getByTestId('course-card').first().locator('time')).toHaveText(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
  const firstTitle = await page.getByTestId('course-card').first().getByRole('heading').textContent();

  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page).toHaveURL(/\/courses\?page=2$/);
  await expect(page.getByText('Page 2 of 6')).toBeVisible();
  await expect(page.getByTestId('course-card').first().getByRole('heading')).not.toHaveText(firstTitle!);
  expect(consoleProblems).toEqual([]);
});

test('a nonsense page number gets a translated message, not a server error', async ({ page }) => {
  const response = await page.request.get('/courses?page=abc', { headers: { 'Accept-Language': 'ru' } });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain('«Страница»');
});

test('filters and a debounced search narrow the list and the URL; the shared URL shows the same', async ({ page, browser, consoleProblems }) => {
  await page.goto('/courses');
  await hydrated(page);
  await expect(page.getByTestId('course-count')).toContainText('Upcoming courses: 64');

  await page.getByLabel('District').selectOption('almaly');
  await expect(page).toHaveURL(/\/courses\?district=almaly$/);
  await expect(page.getByTestId('course-count')).toContainText('Upcoming courses: 8');

  await page.getByLabel('District').selectOption('');
  await expect(page.getByTestId('course-count')).toContainText('Upcoming courses: 64');
  await page.getByLabel('Search').pressSequentially('ДОМБЫРА', { delay: 30 });
  await expect(page).toHaveURL(/q=%D0%94%D0%9E%D0%9C%D0%91%D0%AB%D0%A0%D0%90/);
  await expect(page.getByTestId('course-count')).toContainText('Upcoming courses: 10');
  const titles = await page.getByTestId('course-card').getByRole('heading').allTextContents();
  for (const title of titles) expect(title).toMatch(/Dombra/);

  await page.getByLabel('Only with free seats').check();
  await expect(page).toHaveURL(/free=1/);
  const shared = page.url();

  // Someone opens the shared link: same filters, same results, same form state.
  const other = await browser.newPage();
  await other.goto(shared);
  await expect(other.getByTestId('course-count')).toHaveText(await page.getByTestId('course-count').textContent() ?? '');
  await expect(other.getByLabel('Search')).toHaveValue('ДОМБЫРА');
  await expect(other.getByLabel('Only with free seats')).toBeChecked();
  await other.close();

  // Back goes to the previous filter state.
  await page.goBack();
  await expect(page.getByLabel('Only with free seats')).not.toBeChecked();
  await expect(page.getByTestId('course-count')).toContainText('Upcoming courses: 10');
  expect(consoleProblems).toEqual([]);
});

test('Kazakh and Russian search ignore letter case', async ({ request }) => {
  const count = async (q: string) => {
    const response = await request.post('/api/courses/list', { form: { query: `q=${encodeURIComponent(q)}` } });
    expect(response.status()).toBe(200);
    return (await response.json()).results.total;
  };
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
  const count = Number((await page.getByTestId('course-count').textContent())?.match(/\d+/)?.[0]);
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(64);
  await context.close();
});

test('an empty result says which filter to drop', async ({ page }) => {
  await page.goto('/courses?district=almaly&q=zzzz-nothing');
  await hydrated(page);
  await expect(page.getByTestId('nothing-found')).toContainText('No course matches all filters');
  await page.getByRole('link', { name: '✕ Search' }).click();
  await expect(page).toHaveURL(/\/courses\?district=almaly$/);
  await expect(page.getByTestId('course-count')).toContainText('Upcoming courses: 8');
});
