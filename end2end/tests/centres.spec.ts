import { test, expect, hydrated } from './fixtures';

test.describe('centres page with the WASM client', () => {
  test('renders on the server, hydrates, and filters by district', async ({ page }) => {
    const response = await page.goto('/centres');
    expect(response?.status()).toBe(200);
    // Server-rendered HTML already lists every centre, before any script runs.
    const html = await response!.text();
    expect(html.match(/data-testid="centre-card"/g)?.length).toBe(16);

    await hydrated(page);
    await expect(page.getByTestId('centre-card')).toHaveCount(16);

    await page.getByLabel('District').selectOption('almaly');
    await expect(page).toHaveURL(/\/centres\?district=almaly$/);
    await expect(page.getByTestId('centre-card')).toHaveCount(2);
    await expect(page.getByTestId('centre-card').first()).toContainText('Almaly');
    await expect(page.getByTestId('centre-card').first()).toContainText('Open');
    // The no-JavaScript "Show" button is hidden once the client runs.
    await expect(page.getByRole('button', { name: 'Show' })).toBeHidden();

    await page.goBack();
    await expect(page).toHaveURL(/\/centres$/);
    await expect(page.getByTestId('centre-card')).toHaveCount(16);
  });

  test('a shared filtered URL reproduces the same list', async ({ page }) => {
    await page.goto('/centres?district=turksib');
    await hydrated(page);
    await expect(page.getByTestId('centre-card')).toHaveCount(2);
    await expect(page.getByLabel('District')).toHaveValue('turksib');
  });

  test('language switch changes the text and is remembered by the server', async ({ page }) => {
    await page.goto('/centres');
    await hydrated(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Centres');

    await page.getByRole('button', { name: 'Русский' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Центры');
    await expect(page.getByTestId('centre-count')).toContainText('Найдено центров: 16');

    await page.getByRole('button', { name: 'Қазақша' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Орталықтар');

    // A fresh server render uses the remembered language: no flash of English.
    const response = await page.reload();
    const html = await response!.text();
    expect(html).toContain('<html lang="kk"');
    expect(html).toContain('Орталықтар');
    await hydrated(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Орталықтар');
  });

  test('a centre page lists its rooms; an unknown centre is a translated 404', async ({ page }) => {
    await page.goto('/centres?district=almaly');
    await hydrated(page);
    await page.getByRole('link', { name: 'Almaly Youth Centre', exact: true }).click();
    await expect(page).toHaveURL(/\/centres\/almaly-youth-centre$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Almaly Youth Centre');
    expect(await page.getByTestId('room-card').count()).toBeGreaterThanOrEqual(5);
    await expect(page.getByText('Recording studio').first()).toBeVisible();

    // Fetched, not navigated: a 404 navigation would put a resource error in the console.
    const missing = await page.request.get('/centres/no-such-centre', { headers: { 'Accept-Language': 'en' } });
    expect(missing.status()).toBe(404);
    expect(await missing.text()).toContain('We could not find this page.');

    // The pointer rests on a link button as the accessibility check runs: hovered, its text must
    // stay readable (a:hover once turned it green on dark green).
    await page.getByTestId('room-schedule-link').hover();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the district filter and the language switch work as plain forms', async ({ page }) => {
    await page.goto('/centres');
    await expect(page.getByTestId('centre-card')).toHaveCount(16);

    await page.getByLabel('District').selectOption('medeu');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/\/centres\?district=medeu$/);
    await expect(page.getByTestId('centre-card')).toHaveCount(2);

    await page.getByRole('button', { name: 'Русский' }).click();
    await expect(page).toHaveURL(/\/centres\?district=medeu$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Центры');
    await expect(page.getByTestId('centre-card')).toHaveCount(2);
  });

  test('a bad filter value gets a readable message, not a server error', async ({ page }) => {
    const response = await page.goto('/centres?district=Robert%27);DROP%20TABLE');
    expect(response?.status()).toBeLessThan(500);
    await expect(page.getByRole('alert')).toContainText('“District”: not valid.');
  });
});

test('server functions answer bad input with a typed 400 error', async ({ request }) => {
  const bad = await request.post('/api/centres/list', { form: { district: 'x'.repeat(500) } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ InvalidInput: { field: 'district', problem: 'TooLong' } });

  const unknown = await request.post('/api/centres/list', { form: { district: 'atlantis' } });
  expect(unknown.status()).toBe(400);
  expect(await unknown.json()).toEqual({ InvalidInput: { field: 'district', problem: 'Unknown' } });

  const ok = await request.post('/api/centres/list', { form: { district: 'alatau' } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).length).toBe(2);
});

test('pages carry a nonce-based CSP and other security headers', async ({ request }) => {
  const response = await request.get('/centres');
  const headers = response.headers();
  const nonce = /'nonce-([^']+)'/.exec(headers['content-security-policy'] ?? '')?.[1];
  expect(nonce).toBeTruthy();
  expect(await response.text()).toContain(`nonce="${nonce}"`);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
});

test('a state-changing request from another site is refused', async ({ request }) => {
  const forged = await request.post('/language', {
    form: { lang: 'ru', next: '/' },
    headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(forged.headers()['set-cookie']).toBeUndefined();
});
