import { test, expect, hydrated, freshEmail, yearsAgo, signIn } from './fixtures';

test('a young person registers, sees their card with a QR code, signs out and back in', async ({ page, context }) => {
  const email = freshEmail('newcomer');
  await page.goto('/register');
  await hydrated(page);
  await page.getByLabel('Full name', { exact: true }).fill('Дана Серікқызы');
  await page.getByLabel('Date of birth').fill(yearsAgo(19));
  await page.getByLabel('District').selectOption({ label: 'Bostandyk' });
  await page.getByLabel('E-mail or phone').fill(email);
  await page.getByLabel('Study and work').selectOption('studying');
  await page.getByLabel('New password (at least 8 characters)').fill('my-long-password');
  await page.getByLabel('I agree to the processing of my personal data').check();
  await page.getByRole('button', { name: 'Register' }).click();

  await expect(page).toHaveURL(/\/account\/card$/);
  await expect(page.getByTestId('card-holder')).toHaveText('Дана Серікқызы');
  await expect(page.getByTestId('card-number')).toHaveText(/^AYC-\d{8}$/);
  await expect(page.locator('.card-qr svg')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Transport' })).toBeVisible();
  await expect(page.getByTestId('signed-in')).toContainText('Дана Серікқызы');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  // The card is gone with the session: a 401 page (in its own tab, so the main one keeps its history).
  const signedOutTab = await context.newPage();
  const cardResponse = await signedOutTab.goto('/account/card');
  expect(cardResponse?.status()).toBe(401);
  await expect(signedOutTab.getByRole('alert')).toContainText('Please sign in');
  await expect(signedOutTab.getByTestId('card-number')).toHaveCount(0);
  await signedOutTab.close();

  await page.goto('/sign-in');
  await hydrated(page);
  await page.getByLabel('E-mail or phone').fill(email.toUpperCase());
  await page.getByLabel('Password').fill('my-long-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('link', { name: 'My card' })).toBeVisible();
});

test('without JavaScript, a 16-year-old is told right at the field that a guardian must consent', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/register');
  await page.getByLabel('Full name', { exact: true }).fill('Ерлан Test');
  await page.getByLabel('Date of birth').fill(yearsAgo(16));
  await page.getByLabel('District').selectOption({ label: 'Almaly' });
  await page.getByLabel('E-mail or phone').fill(freshEmail('teen'));
  await page.getByLabel('Study and work').selectOption('studying');
  await page.getByLabel('New password (at least 8 characters)').fill('my-long-password');
  await page.getByLabel('I agree to the processing of my personal data').check();
  await page.getByRole('button', { name: 'Register' }).click();

  await expect(page).toHaveURL(/\/register\?/);
  await expect(page.locator('#guardian_name-error')).toHaveText('Residents under 18 give the name of a parent or guardian.');
  await context.close();
});

test('a resident edits their profile and downloads their data', async ({ page }) => {
  const email = freshEmail('profile');
  await page.goto('/register');
  await hydrated(page);
  await page.getByLabel('Full name', { exact: true }).fill('Profile Person');
  await page.getByLabel('Date of birth').fill(yearsAgo(22));
  await page.getByLabel('District').selectOption({ label: 'Medeu' });
  await page.getByLabel('E-mail or phone').fill(email);
  await page.getByLabel('Study and work').selectOption('working');
  await page.getByLabel('New password (at least 8 characters)').fill('my-long-password');
  await page.getByLabel('I agree to the processing of my personal data').check();
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page).toHaveURL(/\/account\/card$/);

  await page.goto('/account');
  await hydrated(page);
  await page.getByLabel('Full name', { exact: true }).fill('Profile Person Renamed');
  await page.getByLabel('Study and work').selectOption('both');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue('Profile Person Renamed');
  await expect(page.getByTestId('signed-in')).toContainText('Profile Person Renamed');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download my data' }).click();
  const file = await download;
  const data = JSON.parse(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString()));
  expect(data.resident.full_name).toBe('Profile Person Renamed');
  expect(data.resident.occupation).toBe('Both');
  expect(data.account.login).toBe(email);
});

test('an admin promotes a registered user, who gets admin access on their next page', async ({ browser, makeColleague }) => {
  const email = freshEmail('promoted');
  const userContext = await browser.newContext();
  const user = await userContext.newPage();
  const registered = await user.request.post('/api/residents/register', {
    form: {
      full_name: 'Future Admin', birth_date: yearsAgo(30), district: 'almaly', contact: email,
      occupation: 'working', password: 'my-long-password', data_consent: 'on',
    },
  });
  expect(registered.status()).toBeLessThan(400);
  await user.goto('/');
  await expect(user.getByRole('link', { name: 'Accounts' })).toHaveCount(0);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const colleague = await makeColleague({ role: 'admin' });
  await signIn(admin, colleague.login, colleague.password);
  await admin.getByRole('link', { name: 'Accounts' }).click();
  await admin.getByLabel('Search').fill(email);
  await admin.getByRole('button', { name: 'Search' }).click();
  const row = admin.getByTestId(`account-${email}`);
  await expect(row).toBeVisible();
  await row.getByLabel('Role').selectOption('admin');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row.getByLabel('Role')).toHaveValue('admin');

  // No sign-out needed: the very next request sees the new role.
  await user.goto('/admin/accounts');
  await expect(user.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  await expect(user.getByRole('link', { name: 'Accounts' })).toBeVisible();
  await userContext.close();
  await adminContext.close();
});
