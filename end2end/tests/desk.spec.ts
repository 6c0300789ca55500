import { request as playwrightRequest } from '@playwright/test';
import { test, expect, hydrated, registerResident, signIn, baseURL } from './fixtures';

/** Almaty wall-clock time `minutes` from now (UTC+5), as the date and time fields take it. */
function almatyIn(minutes: number) {
  const almaty = new Date(Date.now() + (5 * 60 + minutes) * 60_000).toISOString();
  return { date: almaty.slice(0, 10), time: almaty.slice(11, 16) };
}

/** Waits out the last minutes of an Almaty day, so a session added "today" fits in it. */
async function awayFromMidnight() {
  const { time } = almatyIn(0);
  if (time >= '23:50') await new Promise((resolve) => setTimeout(resolve, (61 - Number(time.slice(3))) * 60_000));
}

test('staff check a resident in by typing the card number; the roster shows attended, twice is once', async ({ browser, makeCourse, makeColleague, demoAdmin }) => {
  test.setTimeout(15 * 60_000);
  await awayFromMidnight();
  const course = await makeCourse({ label: 'Desk' });
  const resident = await registerResident('desk');
  expect(await (await resident.api.post('/api/courses/enrol', { form: { course: course.slug } })).json()).toBe('Enrolled');
  // A session today, starting in a few minutes: the desk shows today's sessions only.
  const starts = almatyIn(3);
  const ends = almatyIn(63).time > starts.time ? almatyIn(63).time : '23:59';
  const added = await demoAdmin.post('/api/staff/add_sessions', {
    form: {
      course: course.slug, 'session[date]': starts.date, 'session[starts]': starts.time,
      'session[ends]': ends, 'session[room]': '', 'session[weeks]': '1',
    },
  });
  expect(added.status(), await added.text()).toBeLessThan(400);
  const card = await (await resident.api.post('/api/residents/card')).json();
  const staff = await makeColleague({ role: 'staff', centre: 'almaly-youth-centre' });

  const context = await browser.newContext({ viewport: { width: 800, height: 1280 } });
  const page = await context.newPage();
  await signIn(page, staff.login, staff.password);
  await page.getByRole('link', { name: 'Front desk' }).click();
  await expect(page).toHaveURL(/\/staff\/desk$/);
  await hydrated(page);
  const field = page.getByLabel('Card number, card link, name or phone');
  await field.fill(card.card_number.toLowerCase().replace('-', ' '));
  await field.press('Enter');
  const found = page.getByTestId('desk-resident');
  await expect(found.getByRole('heading', { name: resident.fullName })).toBeVisible();
  await expect(found).toContainText('From another district — welcome');
  await hydrated(page);

  const session = found.getByTestId('desk-sessions').getByRole('listitem').filter({ hasText: course.title });
  await session.getByRole('button', { name: 'Mark attended' }).click();
  await expect(page.getByTestId('desk-checked-in')).toHaveText('Checked in.');
  await expect(session.getByRole('button', { name: '✓ Attended' })).toBeVisible();
  await session.getByRole('button', { name: '✓ Attended' }).click();
  await expect(page.getByTestId('desk-checked-in')).toHaveText('Already checked in for this: nothing changed.');
  const recent = page.getByTestId('desk-recent');
  await expect(recent.getByRole('listitem')).toHaveCount(1);
  await expect(recent).toContainText(resident.fullName);
  await expect(recent).toContainText(course.title);

  // A tablet in landscape: the same desk, the last check-ins beside it; the touch targets are large.
  await page.setViewportSize({ width: 1280, height: 800 });
  const button = await session.getByRole('button').boundingBox();
  expect(button?.height ?? 0).toBeGreaterThanOrEqual(44);

  await page.goto(`/staff/courses/${course.slug}`);
  const row = page.getByTestId('roster').getByRole('row', { name: new RegExp(resident.fullName) });
  await expect(row.getByRole('button', { name: '✓ Attended' })).toBeVisible();
  await context.close();
});

test('without JavaScript, in Kazakh, staff find a resident by name, record a drop-in and see a clear refusal', async ({ browser, makeColleague }) => {
  const resident = await registerResident('dropin');
  const staff = await makeColleague({ role: 'staff', centre: 'almaly-youth-centre' });
  const api = await playwrightRequest.newContext({ baseURL });
  const signedIn = await api.post('/api/accounts/sign_in', { form: { login: staff.login, password: staff.password }, maxRedirects: 0 });
  expect(signedIn.status()).toBeLessThan(400);
  const context = await browser.newContext({ locale: 'kk-KZ', javaScriptEnabled: false, storageState: await api.storageState() });
  await api.dispose();
  const page = await context.newPage();

  await page.goto('/staff/desk');
  const field = page.getByLabel('Карта нөмірі, карта сілтемесі, аты немесе телефоны');
  await field.fill(resident.fullName.split(' ').slice(-1)[0]);
  await field.press('Enter');
  const found = page.getByTestId('desk-resident');
  await expect(found.getByRole('heading', { name: resident.fullName })).toBeVisible();
  await expect(found).toContainText('Бүгін осы орталықта бұл тұрғынның курсы жоқ');
  await found.getByRole('button', { name: 'Студия' }).click();
  await expect(page.getByTestId('desk-resident').getByRole('button', { name: '✓ Студия' })).toBeVisible();
  await expect(page.getByTestId('desk-recent')).toContainText(resident.fullName);
  await expect(page.getByTestId('desk-recent')).toContainText('Студия');

  // A link cut short (a torn sticker, a bad paste) is not a card: said plainly, nothing found.
  await page.getByLabel('Карта нөмірі, карта сілтемесі, аты немесе телефоны').fill(`${baseURL}/card/AbCdEf`);
  await page.getByLabel('Карта нөмірі, карта сілтемесі, аты немесе телефоны').press('Enter');
  await expect(page.getByRole('alert')).toContainText('Бұл карта сілтемесі де, карта нөмірі де емес');
  await expect(page.getByTestId('desk-resident')).toHaveCount(0);
  await context.close();

  // Residents and visitors are kept out of the desk and its functions.
  const outsider = await browser.newContext();
  expect((await outsider.request.post('/api/desk/find', { form: { card: 'AYC-00000005' } })).status()).toBe(401);
  expect((await resident.api.post('/api/desk/find', { form: { card: 'AYC-00000005' } })).status()).toBe(403);
  await outsider.close();
});
