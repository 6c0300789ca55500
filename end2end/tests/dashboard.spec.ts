import { test, expect, hydrated, signIn } from './fixtures';

const LANGUAGES = [
  { button: 'Қазақша', heading: 'Аудандық көрсеткіштер', city: 'Алматы, барлық аудандар', csv: 'Барлық кестелер, CSV', table: 'Жас топтары (бүгін)' },
  { button: 'Русский', heading: 'Показатели района', city: 'Алматы, все районы', csv: 'Все таблицы, CSV', table: 'Возрастные группы (сегодня)' },
  { button: 'English', heading: 'District dashboard', city: 'Almaty, all districts', csv: 'All tables as CSV', table: 'Age bands (today)' },
];

test('an admin reads the city and a district with charts and tables, and downloads the CSV, in three languages', async ({ page }) => {
  await signIn(page, 'admin@demo.kz', 'demo-password');
  await page.getByRole('link', { name: 'District dashboard' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await hydrated(page);
  for (const language of LANGUAGES) {
    await page.getByRole('button', { name: language.button }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.heading);
    await expect(page.getByTestId('dashboard-scope')).toContainText(language.city);
    await expect(page.getByRole('heading', { name: language.table })).toBeVisible();
    await expect(page.locator('svg.chart')).toHaveCount(8);
    const csvLink = page.getByRole('link', { name: language.csv });
    const csv = await page.request.get((await csvLink.getAttribute('href')) ?? '');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(language.table);
  }

  // The city map: the eight districts, shaded by the measure picked under it (a plain GET form).
  const map = page.getByTestId('district-map');
  await expect(map.locator('g[data-district]')).toHaveCount(8);
  await expect(page.locator('#new-residents svg polyline, #new-residents svg circle').first()).toBeAttached();
  await page.getByLabel('Shade the map by').selectOption({ label: 'Check-ins' });
  await page.locator('#districts').getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/measure=check-ins/);
  await expect(page.locator('#districts figcaption')).toContainText('Check-ins');
  await expect(page.getByLabel('Shade the map by')).toHaveValue('check-ins');
  await page.goto('/dashboard?measure=nonsense');
  await expect(page.locator('#districts').getByRole('alert')).toContainText('Map measure');
  await expect(page.locator('svg.chart')).toHaveCount(7);

  // One district, chosen in the form (a plain GET form: the choice is in the URL).
  await page.getByLabel('District', { exact: true }).selectOption({ label: 'Medeu' });
  await page.getByRole('button', { name: 'Show' }).first().click();
  await expect(page).toHaveURL(/district=medeu/);
  await expect(page.getByTestId('dashboard-scope')).toContainText('Medeu');
  await expect(page.locator('svg.chart')).toHaveCount(7);
  const ages = page.locator('#age-bands');
  await expect(ages.getByRole('table').getByRole('row')).toHaveCount(5);

  // A hundred years is refused with a message, not an error page.
  await page.goto('/dashboard?from=1926-01&to=2026-11');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.locator('svg.chart')).toHaveCount(0);
});

test('on a phone, a centre mentor sees their own district only', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, 'mentor@demo.kz', 'demo-password');
  await page.goto('/dashboard');
  await hydrated(page);
  await expect(page.getByTestId('dashboard-scope')).toContainText('Almaly');
  await expect(page.getByLabel('District', { exact: true })).toHaveCount(0);
  const chart = await page.locator('svg.chart').first().boundingBox();
  expect(chart?.width ?? 0).toBeLessThanOrEqual(390);
  const refused = await page.request.get('/dashboard.csv?district=medeu');
  expect(refused.status()).toBe(403);
  await context.close();
});
