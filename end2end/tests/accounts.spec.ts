import { test, expect, hydrated, freshEmail, freshPhone, registerResident, signIn, PASSWORD } from './fixtures';

// The cookie's two weeks roll forward once half of them is spent (a week later): a browser test
// cannot wait that long, so the renewal itself is proven with a clock in
// tests/database/session_renewal.rs; this test checks what the browser is given at sign-in.
test('a demo resident signs in and out; the session cookie is HttpOnly, SameSite=Lax and lasts two weeks', async ({ page, context, consoleProblems }) => {
  await page.goto('/sign-in');
  await hydrated(page);
  await page.getByLabel('E-mail or phone').fill('Resident@Demo.kz');
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('signed-in')).toContainText('Айгерім Нұрланқызы');
  const cookie = (await context.cookies()).find((c) => c.name === 'yc_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');
  // Not a browser-session cookie: it expires 14 days from now (a minute either way for slow runs).
  const fourteenDays = 14 * 24 * 3600;
  expect(cookie?.expires ?? -1).toBeGreaterThan(Date.now() / 1000 + fourteenDays - 60);
  expect(cookie?.expires ?? -1).toBeLessThan(Date.now() / 1000 + fourteenDays + 60);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect(consoleProblems).toEqual([]);
});

test('a wrong password and an unknown account get the same message', async ({ page }) => {
  const { login } = await registerResident('wrong-password');
  await page.goto('/sign-in');
  await hydrated(page);
  await page.getByLabel('E-mail or phone').fill(login);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong login or password.');

  const wrong = await page.request.post('/api/accounts/sign_in', { form: { login, password: 'nope' } });
  const unknown = await page.request.post('/api/accounts/sign_in', { form: { login: freshEmail('nobody'), password: 'nope' } });
  expect(wrong.status()).toBe(401);
  expect(unknown.status()).toBe(401);
  expect(await wrong.text()).toBe(await unknown.text());
});

test('signing in issues a new session id (no session fixation)', async ({ request }) => {
  const { login } = await registerResident('fixation');
  // A session that exists before sign-in (here: planted by an attacker) must not become the signed-in one.
  const planted = 'yc_session=AAAAAAAAAAAAAAAAAAAAAA';
  const response = await request.post('/api/accounts/sign_in', {
    form: { login, password: PASSWORD },
    headers: { Cookie: planted },
    maxRedirects: 0,
  });
  expect(response.status()).toBeLessThan(400);
  const setCookie = response.headers()['set-cookie'] ?? '';
  expect(setCookie).toMatch(/yc_session=/);
  expect(setCookie).not.toContain('AAAAAAAAAAAAAAAAAAAAAA');
  expect(setCookie).toMatch(/HttpOnly/i);
});

test('repeated wrong passwords are rate-limited', async ({ request }) => {
  // A login of its own: the per-login budget of one run is not spent by another.
  const login = freshPhone();
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 7; attempt++) {
    const response = await request.post('/api/accounts/sign_in', { form: { login, password: 'guess' } });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.at(-1)).toBe(429);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('sign-in works as a plain form, and a failure is explained on the form', async ({ page, makeColleague }) => {
    const admin = await makeColleague({ role: 'admin' });
    await page.goto('/sign-in');
    await page.getByLabel('E-mail or phone').fill(admin.login);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole('alert')).toContainText('Wrong login or password.');

    await page.getByLabel('E-mail or phone').fill(admin.login);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('signed-in')).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  test('changing the password works as a plain form: a mistake is explained, a success confirmed', async ({ page, makeColleague }) => {
    const staff = await makeColleague({ role: 'staff' });
    await page.goto('/sign-in');
    await page.getByLabel('E-mail or phone').fill(staff.login);
    await page.getByLabel('Password').fill(staff.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in')).toBeVisible();

    const change = async (current: string) => {
      await page.goto('/account/password');
      await page.getByLabel('Current password').fill(current);
      await page.getByLabel('New password (at least 8 characters)').fill('dombra-and-coffee');
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(page).toHaveURL(/\/account\/password\?/);
    };
    await change('not my password');
    await expect(page.getByRole('alert')).toHaveText('The password is not correct.');
    await expect(page.getByRole('status')).toHaveCount(0);

    await change(staff.password);
    await expect(page.getByRole('status')).toContainText('Password changed.');
    await expect(page.getByRole('alert')).toHaveCount(0);
    // The new password is the one that works now.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/sign-in');
    await page.getByLabel('E-mail or phone').fill(staff.login);
    await page.getByLabel('Password').fill('dombra-and-coffee');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in')).toBeVisible();
  });
});

test('changing the password signs out every other device', async ({ browser, makeColleague }) => {
  // A colleague made for this test: no demo account's password changes.
  const staff = await makeColleague({ role: 'staff' });
  const signedIn = async (password: string) => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, staff.login, password);
    return { context, page };
  };
  const laptop = await signedIn(staff.password);
  const phone = await signedIn(staff.password);

  await laptop.page.getByTestId('signed-in').click();
  await laptop.page.getByRole('link', { name: 'Change password' }).click();
  await laptop.page.getByLabel('Current password').fill(staff.password);
  await laptop.page.getByLabel('New password (at least 8 characters)').fill('dombra-and-coffee');
  await laptop.page.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.page.getByRole('status')).toContainText('Password changed.');

  await laptop.page.reload();
  await expect(laptop.page.getByTestId('signed-in')).toBeVisible();
  await phone.page.reload();
  await expect(phone.page.getByRole('link', { name: 'Sign in' })).toBeVisible();

  const again = await signedIn('dombra-and-coffee');
  await again.context.close();
  await laptop.context.close();
  await phone.context.close();
});

test('visitors cannot change a password', async ({ request }) => {
  const response = await request.post('/api/accounts/change_password', {
    form: { current_password: 'demo-password', new_password: 'whatever-long' },
  });
  expect(response.status()).toBe(401);
  expect(await response.json()).toBe('Unauthenticated');
});
