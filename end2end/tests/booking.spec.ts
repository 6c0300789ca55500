import { Page } from '@playwright/test';
import { test, expect, hydrated, daysAhead, residentPage, signIn, unique } from './fixtures';

// Each test books in its own centre and a week far enough ahead that the demo data leaves it
// mostly free; tests pick the first free cells they find, so repeated runs still find room.
const WEEK = daysAhead(7 * 8);

/** The grid of one room of a centre for the test week. */
async function openRoom(page: Page, centre: string, roomLabel: string, { script = true } = {}) {
  await page.goto(`/centres/${centre}/rooms?week=${WEEK}`);
  if (script) await hydrated(page);
  await page.locator('#room-pick').selectOption({ label: roomLabel });
  if (!script) await page.locator('.week-pickers form').nth(1).getByRole('button').click();
  await expect(page.getByTestId('room-detail')).toHaveCount(1);
  // Picking a room loads the room's page: keys pressed before it is hydrated would do nothing.
  if (script) await hydrated(page);
}

/** Two free half hours in a row (same column) with a free half hour before and after them, so
 * the room's pause between uses cannot get in the way. */
async function twoFreeCells(page: Page) {
  return page.evaluate(() => {
    const cells = Array.from(document.querySelectorAll<HTMLElement>('[data-free]'));
    const free = (col: string, row: number) => cells.some((other) => other.dataset.col === col && Number(other.dataset.row) === row);
    for (const cell of cells) {
      const [col, row] = [cell.dataset.col!, Number(cell.dataset.row)];
      if (free(col, row - 1) && free(col, row + 1) && free(col, row + 2)) return { col, row };
    }
    throw new Error('no four free half hours in a row');
  });
}

function cell(page: Page, col: string, row: number) {
  return page.locator(`[data-col="${col}"][data-row="${row}"]`);
}

test('staff drag over free half hours, book them, see the booking, and a clash names it', async ({ page, makeColleague }) => {
  const staff = await makeColleague({ role: 'staff', centre: 'alatau-youth-centre' });
  await signIn(page, staff.login, staff.password);
  await openRoom(page, 'alatau-youth-centre', 'Classroom 1');
  const { col, row } = await twoFreeCells(page);
  const first = cell(page, col, row);
  const date = await first.getAttribute('data-date');
  const start = await first.getAttribute('data-start');
  const end = await cell(page, col, row + 1).getAttribute('data-end');
  await first.hover();
  await page.mouse.down();
  await cell(page, col, row + 1).hover();
  await page.mouse.up();
  await expect(page.getByLabel('Starts')).toHaveValue(start!);
  await expect(page.getByLabel('Ends')).toHaveValue(end!);
  const purpose = `Volunteers ${unique()}`;
  await page.getByLabel('Purpose').fill(purpose);
  await page.getByTestId('book-submit').click();
  await expect(page.getByTestId('booking-done')).toContainText('Booked: 1');
  await expect(page.getByTestId('week-grid')).toContainText(purpose);

  // The same time again: refused, naming the booking in the way.
  await page.getByLabel('Date', { exact: true }).fill(date!);
  await page.getByLabel('Starts').fill(start!);
  await page.getByLabel('Ends').fill(end!);
  await page.getByLabel('Purpose').fill('Second meeting');
  await page.getByTestId('book-submit').click();
  await expect(page.getByRole('alert')).toContainText(`The room is in use then: the booking “${purpose}”`);
});

test('a resident requests the studio, staff approve it, and the resident sees it confirmed', async ({ browser, page, makeColleague }) => {
  const resident = await residentPage(browser, 'studio');
  await openRoom(resident.page, 'auezov-youth-centre', 'Recording studio');
  await expect(resident.page.getByTestId('quota')).toContainText('used 0 of 4 h this week');
  const { col, row } = await twoFreeCells(resident.page);
  await cell(resident.page, col, row).click();
  // A studio session is at least an hour: the form proposes one.
  const purpose = `Demo track ${unique()}`;
  await resident.page.getByLabel('Purpose').fill(purpose);
  await resident.page.getByTestId('book-submit').click();
  await expect(resident.page.getByTestId('booking-done')).toBeVisible();
  await resident.page.goto('/account/bookings');
  await hydrated(resident.page);
  const mine = resident.page.locator('.booking-card', { hasText: purpose });
  await expect(mine.getByTestId('booking-status')).toHaveText('Waiting for approval');

  const staff = await makeColleague({ role: 'staff', centre: 'auezov-youth-centre' });
  await signIn(page, staff.login, staff.password);
  await page.goto('/staff/bookings');
  await hydrated(page);
  const request = page.getByTestId('pending-list').locator('.booking-card', { hasText: purpose });
  await expect(request.getByTestId('booking-status')).toHaveText('Waiting for approval');
  await request.getByTestId('approve').click();
  // Approved: it leaves the queue (it is further ahead than the two weeks listed below it).
  await expect(page.locator('.booking-card', { hasText: purpose })).toHaveCount(0);

  await resident.page.reload();
  await hydrated(resident.page);
  await expect(resident.page.locator('.booking-card', { hasText: purpose }).getByTestId('booking-status')).toHaveText('Confirmed');
  await resident.context.close();
});

test('a weekly series preview marks the taken week as skipped and saves the free ones', async ({ page, makeColleague }) => {
  const staff = await makeColleague({ role: 'staff', centre: 'bostandyk-youth-centre' });
  await signIn(page, staff.login, staff.password);
  await openRoom(page, 'bostandyk-youth-centre', 'Classroom 2');
  // Saturday 12:00–13:00 of the test week is taken a week later by an exam.
  const saturday = await page.locator('[data-free][data-start="12:00"]').last().getAttribute('data-date');
  const next = new Date(`${saturday}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 7);
  const nextSaturday = next.toISOString().slice(0, 10);
  const until = new Date(next);
  until.setUTCDate(until.getUTCDate() + 14);
  const exam = `Exam ${unique()}`;
  await page.getByLabel('Date', { exact: true }).fill(nextSaturday);
  await page.getByLabel('Starts').fill('12:00');
  await page.getByLabel('Ends').fill('13:00');
  await page.getByLabel('Purpose').fill(exam);
  await page.getByTestId('book-submit').click();
  await expect(page.getByTestId('booking-done')).toBeVisible();
  // A booking empties the form for the next one.
  await page.waitForLoadState('networkidle');
  await expect(page.getByLabel('Purpose')).toHaveValue('');

  const club = `English club ${unique()}`;
  await page.getByLabel('Date', { exact: true }).fill(saturday!);
  await page.getByLabel('Starts').fill('12:00');
  await page.getByLabel('Ends').fill('13:00');
  await page.getByLabel('Purpose').fill(club);
  await page.getByText('Repeat', { exact: true }).click();
  await page.getByLabel('How often').selectOption('1');
  await page.getByLabel('Until (at most 12 weeks ahead)').fill(until.toISOString().slice(0, 10));
  await page.getByTestId('book-submit').click();
  const preview = page.getByTestId('series-preview');
  await expect(preview.getByTestId('occurrence-skipped')).toHaveCount(1);
  await expect(preview.getByTestId('occurrence-skipped')).toContainText(exam);
  await expect(preview.getByTestId('occurrence-free')).toHaveCount(3);
  await preview.getByTestId('save-series').click();
  await expect(page.getByTestId('booking-done')).toContainText('Booked: 3');
  await expect(page.getByTestId('booking-done')).toContainText('Skipped (taken or against the rules): 1');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the grid reads and a slot is booked through the plain form', async ({ page, makeColleague }) => {
    const staff = await makeColleague({ role: 'staff', centre: 'zhetysu-youth-centre' });
    await signIn(page, staff.login, staff.password, { withScript: false });
    await openRoom(page, 'zhetysu-youth-centre', 'Consultation room', { script: false });
    await page.locator('[data-free]').first().click();
    const purpose = `Lawyer hours ${unique()}`;
    await page.getByLabel('Purpose').fill(purpose);
    await page.getByTestId('book-submit').click();
    await expect(page.getByTestId('booking-done')).toContainText('Booked: 1');
    await expect(page.getByTestId('week-grid')).toContainText(purpose);
  });

  test('weekly limits are saved through the plain form', async ({ page, makeColleague }) => {
    const staff = await makeColleague({ role: 'staff', centre: 'zhetysu-youth-centre' });
    await signIn(page, staff.login, staff.password, { withScript: false });
    await page.goto('/staff/bookings');
    await page.getByLabel('Co-working, Residents, hours a week').fill('8');
    await page.getByTestId('save-limits').click();
    await expect(page.getByLabel('Co-working, Residents, hours a week')).toHaveValue('8');
  });
});

test('staff set their centre\'s weekly limits; a typo is explained and nothing is saved', async ({ page, makeColleague }) => {
  const staff = await makeColleague({ role: 'staff', centre: 'medeu-youth-centre' });
  await signIn(page, staff.login, staff.password);
  await page.goto('/staff/bookings');
  await hydrated(page);
  const studio = page.getByLabel('Recording studio, Residents, hours a week');
  await expect(studio).toHaveValue('4');
  await studio.fill('1,5');
  await page.getByLabel('Classroom, Staff, hours a week').fill('two');
  await page.getByTestId('save-limits').click();
  await expect(page.getByRole('alert')).toContainText('0 to 168');
  await page.reload();
  await expect(page.getByLabel('Recording studio, Residents, hours a week')).toHaveValue('4');

  await page.getByLabel('Recording studio, Residents, hours a week').fill('1,5');
  await page.getByLabel('Classroom, Staff, hours a week').fill('20');
  await page.getByTestId('save-limits').click();
  await expect(page.getByTestId('limits-saved')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Recording studio, Residents, hours a week')).toHaveValue('1.5');
  await expect(page.getByLabel('Classroom, Staff, hours a week')).toHaveValue('20');
  await expect(page.getByLabel('Co-working, Staff, hours a week')).toHaveValue('');
});

test('keyboard only: arrows move between cells, Enter opens the form, the booking is saved', async ({ page, makeColleague }) => {
  const staff = await makeColleague({ role: 'staff', centre: 'nauryzbay-youth-centre' });
  await signIn(page, staff.login, staff.password);
  await openRoom(page, 'nauryzbay-youth-centre', 'Music class');
  const start = page.locator('[data-col][tabindex="0"]');
  await start.focus();
  const label = await start.getAttribute('aria-label');
  expect(label).toMatch(/^Music class, \w+day \d\d:\d\d, free/);
  await page.keyboard.press('ArrowDown');
  const moved = page.locator(':focus');
  await expect(moved).not.toHaveAttribute('aria-label', label!);
  await expect(moved).toHaveAttribute('data-free', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Starts')).not.toHaveValue('');
  const purpose = `Dombra rehearsal ${unique()}`;
  await page.getByLabel('Purpose').focus();
  await page.keyboard.type(purpose);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('booking-done')).toContainText('Booked: 1');
  await expect(page.getByTestId('week-grid')).toContainText(purpose);
});

test('on a phone the grid shows one day with a day switch', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`/centres/turksib-youth-centre/rooms?week=${WEEK}&day=2`);
  await hydrated(page);
  await expect(page.getByTestId('day-2')).toHaveAttribute('aria-current', 'true');
  const visibleHeads = page.locator('.week-grid thead .day-head:visible');
  await expect(visibleHeads).toHaveCount(1);
  await expect(visibleHeads).toContainText('Wednesday');
  await page.getByTestId('day-4').click();
  await expect(page.locator('.week-grid thead .day-head:visible')).toContainText('Friday');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'no sideways scrolling of the page').toBeLessThanOrEqual(390);
  await context.close();
});

test('the schedule speaks Kazakh and Russian too', async ({ page }) => {
  await page.goto(`/centres/almaly-youth-centre/rooms?week=${WEEK}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Расписание помещений');
  await expect(page.getByTestId('next-week')).toHaveText('Следующая неделя →');
  await page.getByRole('button', { name: 'Қазақша' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Бөлмелер кестесі');
  await expect(page.locator('.week-grid thead .day-head').first()).toContainText('Дүйсенбі');
});
