import { Page } from '@playwright/test';
import { test, expect, hydrated, daysAhead, registerResident, signIn, unique } from './fixtures';

async function fillCourse(page: Page, title: string, maxAge: string) {
  await page.getByLabel('Category').selectOption('media');
  await page.getByLabel('Title (Kazakh)').fill(`Көше фотографиясы ${title}`);
  await page.getByLabel('Title (Russian)').fill(`Уличная фотография ${title}`);
  await page.getByLabel('Title (English, optional)').fill(`Street photography ${title}`);
  await page.getByLabel('Description (Russian)').fill('Снимаем город на телефон и учимся видеть кадр.');
  await page.locator('#course-language').selectOption('ru');
  await page.getByLabel('Format').selectOption('offline');
  await page.getByLabel('From age').fill('16');
  await page.getByLabel('To age').fill(maxAge);
  await page.getByLabel('Seats', { exact: true }).fill('8');
  await page.getByLabel('Instructor').fill('Дана Омарова');
  await page.getByLabel('Holland code (RIASEC)').fill('ar');
}

test('staff create a course, schedule a weekly series in a free room, and download the roster', async ({ page, makeColleague }) => {
  const title = unique();
  const staff = await makeColleague({ role: 'staff', centre: 'almaly-youth-centre' });
  await signIn(page, staff.login, staff.password);
  await page.goto('/staff/courses?centre=almaly-youth-centre');
  await hydrated(page);
  await page.getByRole('link', { name: '+ New course' }).click();
  await expect(page.getByRole('heading', { name: 'New course' })).toBeVisible();

  // Bad input is named at its field, and nothing typed is lost.
  await fillCourse(page, title, '12');
  await page.getByLabel('To age').evaluate((input: HTMLInputElement) => input.removeAttribute('min'));
  await page.getByRole('button', { name: 'Create course' }).click();
  await expect(page.locator('#max_age-error')).toHaveText(
    'Ages go from 14 to 35, and the upper age cannot be below the lower one.',
  );
  await expect(page.getByLabel('Title (English, optional)')).toHaveValue(`Street photography ${title}`);

  await page.getByLabel('To age').fill('25');
  await page.getByRole('button', { name: 'Create course' }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/courses/street-photography-${title}-almaly/edit$`));
  const slug = `street-photography-${title}-almaly`;
  await hydrated(page);
  await expect(page.getByText('No sessions ahead.')).toBeVisible();

  // Early mornings months ahead: no demo course uses the room then, and every run removes its
  // sessions again (below); a random day keeps a run that failed half-way out of the next one's way.
  const date = daysAhead(60 + Math.floor(Math.random() * 600));
  await page.getByLabel('Date of the first session').fill(date);
  await page.getByLabel('Starts').fill('07:00');
  await page.getByLabel('Ends').fill('08:30');
  const room = page.getByLabel('Room');
  const firstRoom = await room.locator('option').nth(1).getAttribute('value');
  await room.selectOption(firstRoom!);
  await page.getByLabel('Weeks in a row').fill('3');
  await page.getByRole('button', { name: 'Add sessions' }).click();
  await expect(page.getByText('Sessions added: 3.')).toBeVisible();
  await expect(page.getByTestId('sessions').locator('tbody tr')).toHaveCount(3);

  // The same time again: the room is taken, and the refusal names the course in the way.
  await page.getByRole('button', { name: 'Add sessions' }).click();
  await expect(page.getByRole('alert')).toContainText(`The room is in use then: a session of “Street photography ${title}”`);

  // Fewer seats and a later-enrolment permission are saved.
  await page.getByLabel('Seats', { exact: true }).fill('6');
  await page.getByLabel('Allow enrolment after the course has started').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();

  // Residents see it with its schedule; staff find it in the centre's list.
  await page.goto(`/courses/${slug}`);
  await expect(page.getByRole('heading', { name: `Street photography ${title}` })).toBeVisible();
  await expect(page.getByText('Upcoming sessions (3)')).toBeVisible();
  await expect(page.getByText('Seats left: 6 of 6')).toBeVisible();
  await page.goto('/staff/courses?centre=almaly-youth-centre');
  const row = page.getByTestId(`staff-course-${slug}`);
  await expect(row).toContainText('0 / 6');

  const csv = await page.request.get(`/staff/courses/${slug}/roster.csv?lang=en`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(await csv.text()).toBe('\ufeffFull name,Phone,E-mail,Status,Attended\n');

  // Staff remove the sessions one by one, and the room is free again.
  await page.goto(`/staff/courses/${slug}/edit`);
  await hydrated(page);
  const sessions = page.getByTestId('sessions').locator('tbody tr');
  for (const left of [2, 1]) {
    await sessions.first().getByRole('button', { name: 'Remove' }).click();
    await expect(sessions).toHaveCount(left);
  }
  await sessions.first().getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('No sessions ahead.')).toBeVisible();
});

test('without JavaScript staff still create a course and see what to fix', async ({ browser, makeColleague }) => {
  const staff = await makeColleague({ role: 'staff', centre: 'almaly-youth-centre' });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, staff.login, staff.password, { withScript: false });
  await page.goto('/staff/new-course?centre=almaly-youth-centre');
  const title = unique();
  await fillCourse(page, title, '25');
  await page.getByLabel('Holland code (RIASEC)').fill('XYZ');
  await page.getByRole('button', { name: 'Create course' }).click();
  await expect(page.locator('#riasec-error')).toHaveText(
    'Enter 1–3 different letters of R, I, A, S, E, C, strongest first (for example AE).',
  );

  await fillCourse(page, title, '25');
  await page.getByRole('button', { name: 'Create course' }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/courses/street-photography-${title}-almaly/edit$`));
  await expect(page.getByLabel('Title (Russian)')).toHaveValue(`Уличная фотография ${title}`);
  await context.close();
});

test('residents and visitors cannot open the staff pages or the roster file', async ({ request }) => {
  expect((await request.get('/staff/courses/podcast-production-almaly/roster.csv')).status()).toBe(401);
  const list = await request.post('/api/staff/courses', { form: { centre: 'almaly-youth-centre' } });
  expect(list.status()).toBe(401);
  const resident = await registerResident('not-staff');
  expect((await resident.api.get('/staff/courses/podcast-production-almaly/roster.csv')).status()).toBe(403);
  expect((await resident.api.post('/api/staff/courses', { form: { centre: 'almaly-youth-centre' } })).status()).toBe(403);
});
