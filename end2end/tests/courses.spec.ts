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
  expect(await response.text()).toContain('Проверьте поле «Страница»');
});
