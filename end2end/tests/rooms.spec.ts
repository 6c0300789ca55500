import { test, expect, hydrated } from './fixtures';

test('the room directory filters by type and district, in the URL', async ({ page }) => {
  await page.goto('/rooms');
  await hydrated(page);
  await expect(page.getByTestId('room-count')).toContainText('Rooms found: 48');

  await page.getByLabel('Room type').selectOption('recording-studio');
  // The default client keeps the form's empty field; islands mode leaves empty fields out.
  await expect(page).toHaveURL(/\/rooms\?kind=recording-studio(&district=)?$/);
  await expect(page.getByTestId('room-card')).toHaveCount(8);

  await page.getByLabel('District').selectOption('medeu');
  await expect(page).toHaveURL(/kind=recording-studio&district=medeu$/);
  await expect(page.getByTestId('room-card')).toHaveCount(1);
  // Each card leads to its centre and to the centre's room schedule.
  await page.getByTestId('room-card').getByRole('link', { name: 'Room schedule and booking' }).click();
  await expect(page).toHaveURL(/\/centres\/medeu-youth-centre\/rooms$/);
  await page.goBack();
  await page.getByTestId('room-card').getByRole('link', { name: 'Medeu Youth Centre' }).click();
  await expect(page).toHaveURL(/\/centres\/medeu-youth-centre$/);
});

test('an unknown room type is a readable error', async ({ request }) => {
  const response = await request.get('/rooms?kind=sauna', { headers: { 'Accept-Language': 'en' } });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain('Room type');
});
