import { test, expect, hydrated, residentPage, signIn } from './fixtures';

/** The link the resident's card QR code holds, read from their card page. */
async function checkLink(page: import('@playwright/test').Page) {
  const link = page.getByTestId('card-check-link');
  await expect(link).toHaveAttribute('href', /\/card\/[A-Za-z0-9_-]{24}$/);
  return (await link.getAttribute('href')) ?? '';
}

test("a partner opens a resident's card link in a fresh browser; a new code makes the old link not valid", async ({ browser }) => {
  const { page, fullName, login } = await residentPage(browser, 'card');
  await page.goto('/account/card');
  await hydrated(page);
  await expect(page.locator('.card-qr svg')).toBeVisible();
  const oldLink = await checkLink(page);

  // A café's phone, in Kazakh, with no cookie of the resident's: the link alone proves the card.
  const cafe = await browser.newContext({ locale: 'kk-KZ' });
  const partner = await cafe.newPage();
  await partner.goto(oldLink);
  await hydrated(partner);
  await expect(partner.getByTestId('card-verdict')).toHaveText('✓ Жарамды резидент картасы');
  const [first, second] = fullName.split(' ');
  await expect(partner.getByTestId('card-check-holder')).toHaveText(`${first} ${second[0]}.`);
  await expect(partner.getByTestId('card-check')).toContainText('18–24');
  await expect(partner.locator('body')).not.toContainText(login);
  await expect(partner.locator('body')).not.toContainText(fullName);

  // The resident replaces the code; the page shows the new one at once.
  await page.getByRole('button', { name: 'Issue a new code' }).click();
  await expect(page.getByRole('status')).toContainText('the old one is no longer valid');
  await expect(page.getByTestId('card-check-link')).not.toHaveAttribute('href', oldLink);
  const newLink = await checkLink(page);

  await partner.reload();
  await hydrated(partner);
  await expect(partner.getByTestId('card-verdict')).toHaveText('✗ Карта жарамсыз');
  await cafe.close();

  // The new link works, in Russian, and without JavaScript (a plain server-rendered page).
  const shop = await browser.newContext({ locale: 'ru-RU', javaScriptEnabled: false });
  const cashier = await shop.newPage();
  await cashier.goto(newLink);
  await expect(cashier.getByTestId('card-verdict')).toHaveText('✓ Действительная карта резидента');
  await cashier.goto(`${newLink.slice(0, -4)}`);
  await expect(cashier.getByTestId('card-verdict')).toHaveText('✗ Карта недействительна');
  await shop.close();
});

test('an admin blocks a card from its link and unblocks it again', async ({ browser, page }) => {
  const resident = await residentPage(browser, 'blocked-card');
  await resident.page.goto('/account/card');
  const link = await checkLink(resident.page);

  await signIn(page, 'admin@demo.kz', 'demo-password');
  await page.goto(link);
  await hydrated(page);
  await expect(page.getByTestId('card-verdict')).toHaveText('✓ Valid resident card');
  const admin = page.getByTestId('card-admin');
  await expect(admin).toContainText(resident.fullName);
  await expect(admin).toContainText(/AYC-\d{8}/);
  await admin.getByRole('button', { name: 'Block the card' }).click();
  await expect(page.getByTestId('card-verdict')).toHaveText('✗ Not a valid card');
  await expect(admin).toContainText('Blocked');

  // The resident's own link now says "not valid" to anyone.
  const other = await browser.newContext();
  const partner = await other.newPage();
  await partner.goto(link);
  await expect(partner.getByTestId('card-verdict')).toHaveText('✗ Not a valid card');
  await expect(partner.getByTestId('card-admin')).toHaveCount(0);

  await admin.getByRole('button', { name: 'Unblock the card' }).click();
  await expect(page.getByTestId('card-verdict')).toHaveText('✓ Valid resident card');
  await partner.reload();
  await expect(partner.getByTestId('card-verdict')).toHaveText('✓ Valid resident card');
  await other.close();
});
