import { test, expect, hydrated, freshEmail, yearsAgo } from './fixtures';
import { APIRequestContext, Browser, request as playwrightRequest } from '@playwright/test';

const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

/** A newly registered resident with their own cookie jar. */
async function residentApi(prefix: string): Promise<{ api: APIRequestContext; email: string }> {
  const api = await playwrightRequest.newContext({ baseURL });
  const email = freshEmail(prefix);
  const response = await api.post('/api/residents/register', {
    form: {
      full_name: `Resident ${prefix}`, birth_date: yearsAgo(24), district: 'bostandyk', contact: email,
      occupation: 'studying', password: 'my-long-password', data_consent: 'on',
    },
  });
  expect(response.status()).toBeLessThan(400);
  return { api, email };
}

/** A browser page signed in as a newly registered resident. */
async function residentPage(browser: Browser, prefix: string, javaScriptEnabled = true) {
  const { api, email } = await residentApi(prefix);
  const state = await api.storageState();
  const context = await browser.newContext({ storageState: state, javaScriptEnabled });
  return { page: await context.newPage(), context, api, email };
}

function seatsLeft(text: string | null) {
  const match = text?.match(/Seats left: (\d+) of (\d+)/);
  expect(match, `seat count in "${text}"`).not.toBeNull();
  return Number(match![1]);
}

test('a resident enrols from the course page, sees it in My courses and cancels', async ({ browser }) => {
  const { page, context } = await residentPage(browser, 'enrol');
  await page.goto('/courses/smm-alatau');
  await hydrated(page);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /SMM/);
  const before = seatsLeft(await page.getByTestId('seats-left').textContent());

  await page.getByRole('button', { name: 'Enrol' }).click();
  await expect(page.getByTestId('my-place')).toHaveText('You are enrolled.');
  await expect(page.getByTestId('seats-left')).toContainText(`Seats left: ${before - 1} of`);

  await page.getByRole('link', { name: 'My courses' }).click();
  await expect(page.getByTestId('my-course-smm-alatau')).toContainText('You are enrolled.');
  await expect(page.getByTestId('my-course-smm-alatau').locator('time').first()).toHaveText(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);

  await page.goto('/courses/smm-alatau');
  await hydrated(page);
  await page.getByRole('button', { name: 'Cancel my place' }).click();
  await expect(page.getByRole('button', { name: 'Enrol' })).toBeVisible();
  await expect(page.getByTestId('seats-left')).toContainText(`Seats left: ${before} of`);
  await context.close();
});

test('a full course puts the next resident on the waiting list, who is promoted when a seat frees up', async ({ browser }) => {
  // Legal advice in Bostandyk: 3 places per course.
  const course = 'legal-advice-bostandyk';
  const seated = [];
  for (const name of ['first', 'second', 'third']) {
    const { api } = await residentApi(`seat-${name}`);
    const response = await api.post('/api/courses/enrol', { form: { course } });
    expect(await response.json()).toBe('Enrolled');
    seated.push(api);
  }

  const { page, context } = await residentPage(browser, 'waiting');
  await page.goto(`/courses/${course}`);
  await hydrated(page);
  await expect(page.getByTestId('seats-left')).toContainText('Seats left: 0 of 3');
  await page.getByRole('button', { name: 'Join the waiting list' }).click();
  await expect(page.getByTestId('my-place')).toHaveText('You are number 1 on the waiting list.');

  const cancelled = await seated[0].post('/api/courses/cancel', { form: { course } });
  expect(cancelled.status()).toBe(200);

  await page.goto('/account/courses');
  await expect(page.getByTestId(`my-course-${course}`)).toContainText('You are enrolled.');
  await context.close();
});

test('without JavaScript a resident enrols with the plain form and sees the result', async ({ browser }) => {
  const { page, context } = await residentPage(browser, 'nojs', false);
  await page.goto('/courses/mobilography-alatau');
  const before = seatsLeft(await page.getByTestId('seats-left').textContent());
  await page.getByRole('button', { name: 'Enrol' }).click();
  await expect(page).toHaveURL(/\/courses\/mobilography-alatau\??$/);
  await expect(page.getByTestId('my-place')).toHaveText('You are enrolled.');
  await expect(page.getByTestId('seats-left')).toContainText(`Seats left: ${before - 1} of`);

  // Enrolling twice (e.g. a resubmitted form) is refused with a clear message.
  const again = await page.request.post('/api/courses/enrol', { form: { course: 'mobilography-alatau' } });
  expect(again.status()).toBe(400);
  await context.close();
});

test('visitors are invited to sign in; the course page carries a sharing card', async ({ page }) => {
  await page.goto('/courses/smm-alatau');
  await hydrated(page);
  await expect(page.getByTestId('enrol-panel')).toContainText('Sign in or register as a resident to enrol.');
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(image).toMatch(/^https?:\/\/.+\/og-course\.png$/);
  const png = await page.request.get(image!.replace(/^https?:\/\/[^/]+/, ''));
  expect(png.headers()['content-type']).toBe('image/png');
  expect(await page.getByTestId('sessions').locator('li').count()).toBeGreaterThan(0);
});

test('an admin opens the roster from the course page and marks attendance; visitors are refused', async ({ browser }) => {
  const course = 'podcast-production-almaly';
  const { api } = await residentApi('roster');
  expect(await (await api.post('/api/courses/enrol', { form: { course } })).json()).toBe('Enrolled');

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/sign-in');
  await hydrated(page);
  // The centre's staff account changes its password in accounts.spec.ts; admins see every roster.
  await page.getByLabel('E-mail or phone').fill('admin@demo.kz');
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in')).toBeVisible();
  await page.goto(`/courses/${course}`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Roster (staff)' }).click();
  const row = page.getByTestId('roster').getByRole('row', { name: /Resident roster/ });
  await expect(row).toContainText('Enrolled');
  await row.getByRole('button', { name: 'Mark attended' }).click();
  await expect(row.getByRole('button', { name: '✓ Attended' })).toBeVisible();
  await context.close();

  const otherCentre = await browser.newContext();
  const refused = await otherCentre.request.post('/api/courses/roster', { form: { course } });
  expect(refused.status()).toBe(401);
  await otherCentre.close();
});
