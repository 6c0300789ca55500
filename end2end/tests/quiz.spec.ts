import {
  test, expect, hydrated, freshEmail, unique, yearsAgo, signIn, PASSWORD, baseURL, registerResident, residentPage,
} from './fixtures';
import { Page, request as playwrightRequest } from '@playwright/test';

/** Answers that make A and E the strongest types: "strongly like" for them, "strongly dislike" otherwise. */
function answerFor(item: number): string {
  return item % 6 === 2 || item % 6 === 4 ? '5' : '1';
}

/** Answers `count` items with the number keys, starting at item `from` (0-based). */
async function answerWithKeys(page: Page, from: number, count: number) {
  for (let item = from; item < from + count; item++) {
    await expect(page.locator(`#item-${item}`)).toBeVisible();
    await page.keyboard.press(answerFor(item));
  }
}

test('the quick form, keyboard only: code, chart, professions and courses', async ({ page }) => {
  await page.goto('/quiz');
  await hydrated(page);
  await expect(page.getByRole('link', { name: 'Quick (30 items)' })).toBeVisible();
  await page.goto('/quiz?form=quick');
  await hydrated(page);
  await expect(page.getByTestId('quiz-progress')).toHaveAttribute('max', '30');
  await expect(page.locator('#item-0')).toContainText('Strongly dislike');
  await expect(page.locator('#item-0')).toContainText('Strongly like');

  await answerWithKeys(page, 0, 8);
  // ← goes back and a key changes the answer; → moves on again.
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('#item-7')).toHaveClass(/current/);
  await page.keyboard.press('1');
  await expect(page.locator('#item-8')).toHaveClass(/current/);
  await expect(page.getByText('8 of 30 answered')).toBeVisible();
  await answerWithKeys(page, 8, 22);

  await expect(page.getByTestId('quiz-finish')).toBeVisible();
  await expect(page.getByTestId('quiz-save')).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/quiz\/result\/[A-Za-z0-9_-]+/);
  await hydrated(page);
  await expect(page.getByTestId('holland-code')).toHaveText('AER');
  const chart = page.getByTestId('score-chart');
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('aria-label', /Artistic 100.*Enterprising 100/);
  await expect(page.getByTestId('chart-bar')).toHaveCount(6);
  await expect(page.getByTestId('professions').locator('li')).toHaveCount(10);
  await expect(page.getByTestId('professions')).toContainText('Why:');
  await expect(page.getByTestId('courses').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('courses')).toContainText('Seats left');
  expect(await page.getByTestId('courses').locator('a[href^="/courses/"]').count()).toBeGreaterThan(0);
  // The saved answers are forgotten once the result is stored: a new quick form starts at 0
  // (exact: "30 of 30 answered" contains "0 of 30 answered").
  await expect.poll(() => page.evaluate(() => localStorage.length)).toBe(0);
  await page.goto('/quiz?form=quick');
  await hydrated(page);
  await expect(page.getByText('0 of 30 answered', { exact: true })).toBeVisible();
});

test('answers survive a reload mid-questionnaire', async ({ page }) => {
  await page.goto('/quiz?form=full');
  await hydrated(page);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await hydrated(page);
  await answerWithKeys(page, 0, 7);
  await expect(page.getByText('7 of 60 answered')).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByText('7 of 60 answered')).toBeVisible();
  await expect(page.locator('#item-7')).toHaveClass(/current/);
  await answerWithKeys(page, 7, 5);
  await expect(page.getByText('12 of 60 answered')).toBeVisible();
  // Back shows earlier items with their answers.
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page.locator('#item-6').getByRole('radio', { name: 'Strongly dislike', exact: true })).toBeChecked();
  await page.evaluate(() => localStorage.clear());
});

test('one item per screen on a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto('/quiz?form=quick');
  await hydrated(page);
  await expect(page.getByTestId('quiz-item')).toHaveCount(1);
  // Answering moves straight on to the next item (so the answered radio is gone from the screen).
  await page.locator('#item-0').getByRole('radio', { name: 'Like', exact: true }).click();
  await expect(page.locator('#item-1')).toBeVisible();
  await expect(page.getByText('1 of 30 answered')).toBeVisible();
  await expect(page.getByTestId('quiz-item')).toHaveCount(1);
  await page.evaluate(() => localStorage.clear());
  await context.close();
});

test('without JavaScript the questionnaire is a plain multi-step form', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/quiz');
  await page.getByRole('link', { name: 'Quick (30 items)' }).click();
  await expect(page.getByTestId('quiz-item')).toHaveCount(6);

  // A page with an unanswered item is shown again with a message.
  await page.locator('#item-0').getByRole('radio', { name: 'Like', exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('quiz-page-error')).toHaveText('Please answer every item on this page.');
  await expect(page.locator('#item-0').getByRole('radio', { name: 'Like', exact: true })).toBeChecked();

  for (let round = 0; round < 5; round++) {
    for (let item = round * 6; item < round * 6 + 6; item++) {
      const word = answerFor(item) === '5' ? 'Strongly like' : 'Dislike';
      await page.locator(`#item-${item}`).getByRole('radio', { name: word, exact: true }).check();
    }
    await page.getByRole('button', { name: 'Next' }).click();
    if (round === 1) {
      // Back to the first page and forward again: answers are kept in the URL.
      await page.getByRole('link', { name: 'Back' }).click();
      await expect(page.locator('#item-8').getByRole('radio', { name: 'Strongly like', exact: true })).toBeChecked();
      await page.getByRole('button', { name: 'Next' }).click();
    }
  }
  await expect(page.getByTestId('quiz-finish')).toBeVisible();
  await page.getByRole('button', { name: 'Save and see the result' }).click();
  await expect(page).toHaveURL(/\/quiz\/result\//);
  await expect(page.getByTestId('holland-code')).toHaveText('AER');
  await expect(page.getByTestId('professions').locator('li')).toHaveCount(10);
  await context.close();
});

test('a mentor runs it with a resident of the centre, who consents and finds it on their profile', async ({ page, browser }) => {
  // A resident of Almaly (the demo mentor's centre's district), with their own browser.
  const api = await playwrightRequest.newContext({ baseURL });
  const login = freshEmail('quiz-visitor');
  const fullName = `Visitor ${unique()}`;
  const registered = await api.post('/api/residents/register', {
    form: {
      full_name: fullName, birth_date: yearsAgo(20), district: 'almaly', contact: login, occupation: 'studying',
      password: PASSWORD, data_consent: 'on',
    },
    maxRedirects: 0,
  });
  expect(registered.status(), await registered.text()).toBeLessThan(400);

  await signIn(page, 'mentor@demo.kz', 'demo-password');
  await page.getByRole('link', { name: 'Questionnaire with a visitor' }).click();
  await expect(page).toHaveURL(/\/quiz\/visitor$/);
  await hydrated(page);
  await page.getByLabel('Name, phone or card number').fill(fullName);
  await page.getByRole('button', { name: 'Search' }).click();
  const card = page.getByTestId('visitors').locator('li', { hasText: fullName });
  await card.getByRole('link', { name: 'Start the questionnaire' }).click();
  await hydrated(page);
  await expect(page.getByTestId('quiz-with')).toContainText(fullName);
  await page.getByRole('link', { name: 'Quick (30 items)' }).click();
  await hydrated(page);
  await expect(page.getByTestId('quiz-with')).toContainText(fullName);
  await answerWithKeys(page, 0, 30);
  await expect(page.getByTestId('quiz-finish')).toBeVisible();
  await page.getByLabel('The resident agrees that this result is saved to their profile').check();
  await page.getByRole('button', { name: 'Save and see the result' }).click();
  await expect(page).toHaveURL(/\/quiz\/result\//);
  await expect(page.getByTestId('holland-code')).toHaveText('AER');
  // Nothing personal on the shared result.
  await expect(page.getByTestId('quiz-result')).not.toContainText(fullName);
  // The centre's own courses come first.
  await expect(page.getByTestId('courses').locator('li').first()).toContainText('At this centre');

  await page.getByRole('link', { name: 'Questionnaire sessions' }).click();
  await expect(page.getByTestId('sessions')).toContainText(fullName);

  const residentContext = await browser.newContext({ storageState: await api.storageState() });
  const residentPage = await residentContext.newPage();
  await residentPage.goto('/account');
  await hydrated(residentPage);
  await expect(residentPage.getByTestId('my-quiz-results')).toContainText('AER');
  await residentContext.close();
  await api.dispose();
});

test('print preview shows the result without the menu', async ({ page }) => {
  await page.goto('/quiz?form=quick');
  await hydrated(page);
  await page.evaluate(() => localStorage.clear());
  await answerWithKeys(page, 0, 30);
  await page.getByTestId('quiz-save').click();
  await expect(page).toHaveURL(/\/quiz\/result\//);
  await hydrated(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.site-header')).toBeHidden();
  await expect(page.locator('nav.main-nav')).toBeHidden();
  await expect(page.locator('footer.site-footer')).toBeHidden();
  await expect(page.getByTestId('score-chart')).toBeVisible();
  await expect(page.getByTestId('holland-code')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('header.site-header')).toBeVisible();
});

/**
 * A quick sheet (answers as digits, as the save function takes them) whose Holland code is `code`:
 * items go R I A S E C in turn; the code's letters get 5, 4 and 3, the others 1.
 */
function quickSheetFor(code: string): string {
  return Array.from({ length: 30 }, (_, item) => {
    const rank = code.indexOf('RIASEC'[item % 6]);
    return rank < 0 ? '1' : String(5 - rank);
  }).join('');
}

/**
 * Saves a quick result with the Holland code `code` through `api` (a visitor's or a resident's)
 * and returns its page. Each test uses a code of its own and a course with exactly that code, the
 * closest fit there is, so its course is recommended however many runs made courses before it.
 */
async function savedResult(api: import('@playwright/test').APIRequestContext, code: string): Promise<string> {
  const answers = quickSheetFor(code);
  const saved = await api.post('/api/quiz/save', { form: { form: 'quick', answers }, maxRedirects: 0 });
  expect(saved.status(), await saved.text()).toBeLessThan(400);
  const location = saved.headers()['location'];
  return location ?? `/quiz/result/${JSON.parse(await saved.text())}`;
}

test('a resident enrols in a recommended course from the result and finds it under My courses', async ({ browser, makeCourse }) => {
  // A course with exactly the AER code the keyboard answers give, so it is recommended (only this
  // test makes AER courses).
  const course = await makeCourse({ label: 'Quiz AER', riasec: 'AER', capacity: 10 });
  const { page, context } = await residentPage(browser, 'quiz-enrol');
  await page.goto('/quiz?form=quick');
  await hydrated(page);
  await answerWithKeys(page, 0, 30);
  await page.getByTestId('quiz-save').click();
  await expect(page).toHaveURL(/\/quiz\/result\//);
  await hydrated(page);
  await expect(page.getByTestId('holland-code')).toHaveText('AER');

  const card = page.getByTestId('courses').locator('li', { hasText: course.title });
  await expect(card).toContainText('Seats left: 10 of 10');
  await card.getByRole('button', { name: 'Enrol', exact: true }).click();
  await expect(card.getByTestId('course-place')).toContainText('You are enrolled.');
  await expect(card).toContainText('Seats left: 9 of 10');
  await expect(card.getByRole('button', { name: 'Enrol', exact: true })).toHaveCount(0);

  await card.getByRole('link', { name: 'My courses' }).click();
  await expect(page).toHaveURL(/\/account\/courses$/);
  await expect(page.getByTestId(`my-course-${course.slug}`).getByTestId('my-course-status')).toHaveText('You are enrolled.');
  await context.close();
});

test('a visitor of a shared result signs in from a course card and comes back to enrol', async ({ page, makeCourse }) => {
  const course = await makeCourse({ label: 'Quiz share', riasec: 'SCI', capacity: 1 });
  const resident = await registerResident('quiz-share');
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const result = await savedResult(anonymous, 'SCI');
  await anonymous.dispose();

  await page.goto(result);
  await hydrated(page);
  const card = page.getByTestId('courses').locator('li', { hasText: course.title });
  await card.getByRole('link', { name: 'Sign in to enrol' }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await hydrated(page);
  await page.getByLabel('E-mail or phone').fill(resident.login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${result}$`));
  await expect(page.getByTestId('signed-in')).toBeVisible();
  // The button acts for the viewer: their place, nothing about whoever took the questionnaire.
  await card.getByRole('button', { name: 'Enrol', exact: true }).click();
  await expect(card.getByTestId('course-place')).toContainText('You are enrolled.');
  await expect(card).toContainText('Seats left: 0 of 1');
  await resident.api.dispose();
});

test('without JavaScript the Enrol button on the result is a plain form that puts the resident on the waiting list', async ({ browser, makeCourse }) => {
  const course = await makeCourse({ label: 'Quiz full', riasec: 'ICS', capacity: 1 });
  const first = await registerResident('quiz-first');
  const taken = await first.api.post('/api/courses/enrol', { form: { course: course.slug } });
  expect(taken.status(), await taken.text()).toBeLessThan(400);
  await first.api.dispose();

  const { page, context, api } = await residentPage(browser, 'quiz-nojs', false);
  const result = await savedResult(api, 'ICS');
  await page.goto(result);
  const card = page.getByTestId('courses').locator('li', { hasText: course.title });
  await card.getByRole('button', { name: 'Join the waiting list' }).click();
  await expect(page).toHaveURL(new RegExp(`${result}`));
  await expect(card.getByTestId('course-place')).toContainText('You are number 1 on the waiting list.');
  await context.close();
  await api.dispose();
});

test('a result card tells a resident outside the course\'s ages why, instead of offering Enrol', async ({ browser, makeCourse }) => {
  const course = await makeCourse({ label: 'Quiz teens', riasec: 'ECR', minAge: 14, maxAge: 18 });
  const { page, context, api } = await residentPage(browser, 'quiz-too-old', true, { age: 22 });
  const result = await savedResult(api, 'ECR');
  await page.goto(result);
  await hydrated(page);
  const card = page.getByTestId('courses').locator('li', { hasText: course.title });
  await expect(card.getByTestId('eligibility')).toHaveText('For ages 14–18: you are 22.');
  await expect(card.getByRole('button', { name: 'Enrol', exact: true })).toHaveCount(0);
  await context.close();
  await api.dispose();
});
