import { test, expect, hydrated, registerResident, residentPage, signIn } from './fixtures';

function seatsLeft(text: string | null) {
  const match = text?.match(/Seats left: (\d+) of (\d+)/);
  expect(match, `seat count in "${text}"`).not.toBeNull();
  return Number(match![1]);
}

test('a resident enrols from the course page, sees it in My courses and cancels', async ({ browser, makeCourse }) => {
  const course = await makeCourse({ capacity: 5, label: 'Enrol' });
  const { page, context } = await residentPage(browser, 'enrol');
  await page.goto(`/courses/${course.slug}`);
  await hydrated(page);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', course.title);
  await expect(page.getByTestId('seats-left')).toContainText('Seats left: 5 of 5');

  await page.getByRole('button', { name: 'Enrol' }).click();
  await expect(page.getByTestId('my-place')).toHaveText('You are enrolled.');
  await expect(page.getByTestId('seats-left')).toContainText('Seats left: 4 of 5');

  await page.getByRole('link', { name: 'My courses' }).click();
  await expect(page.getByTestId(`my-course-${course.slug}`)).toContainText('You are enrolled.');
  await expect(page.getByTestId(`my-course-${course.slug}`).locator('time').first()).toHaveText(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);

  await page.goto(`/courses/${course.slug}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Cancel my place' }).click();
  await expect(page.getByRole('button', { name: 'Enrol' })).toBeVisible();
  await expect(page.getByTestId('seats-left')).toContainText('Seats left: 5 of 5');
  await context.close();
});

test('a full course puts the next resident on the waiting list, who is promoted when a seat frees up', async ({ browser, makeCourse }) => {
  const course = await makeCourse({ capacity: 2, label: 'Waitlist' });
  const seated = [];
  for (const label of ['first', 'second']) {
    const { api } = await registerResident(`seat-${label}`);
    const response = await api.post('/api/courses/enrol', { form: { course: course.slug } });
    expect(await response.json()).toBe('Enrolled');
    seated.push(api);
  }

  const { page, context } = await residentPage(browser, 'waiting');
  await page.goto(`/courses/${course.slug}`);
  await hydrated(page);
  await expect(page.getByTestId('seats-left')).toContainText('Seats left: 0 of 2');
  await page.getByRole('button', { name: 'Join the waiting list' }).click();
  await expect(page.getByTestId('my-place')).toHaveText('You are number 1 on the waiting list.');

  const cancelled = await seated[0].post('/api/courses/cancel', { form: { course: course.slug } });
  expect(cancelled.status()).toBe(200);

  await page.goto('/account/courses');
  await expect(page.getByTestId(`my-course-${course.slug}`)).toContainText('You are enrolled.');
  await context.close();
});

test('without JavaScript a resident enrols with the plain form and sees the result', async ({ browser, makeCourse }) => {
  const course = await makeCourse({ capacity: 4, label: 'No script' });
  const { page, context } = await residentPage(browser, 'nojs', false);
  await page.goto(`/courses/${course.slug}`);
  expect(seatsLeft(await page.getByTestId('seats-left').textContent())).toBe(4);
  await page.getByRole('button', { name: 'Enrol' }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${course.slug}\\??$`));
  await expect(page.getByTestId('my-place')).toHaveText('You are enrolled.');
  await expect(page.getByTestId('seats-left')).toContainText('Seats left: 3 of 4');

  // Enrolling twice (e.g. a resubmitted form) is refused with a clear message.
  const again = await page.request.post('/api/courses/enrol', { form: { course: course.slug } });
  expect(again.status()).toBe(400);
  await context.close();
});

test('visitors are invited to sign in; the course page carries a sharing card', async ({ page }) => {
  await page.goto('/courses/smm-alatau');
  await hydrated(page);
  await expect(page.getByTestId('enrol-panel')).toContainText('Sign in or register as a resident to enrol.');
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /SMM/);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(image).toMatch(/^https?:\/\/.+\/og-course\.png$/);
  const png = await page.request.get(image!.replace(/^https?:\/\/[^/]+/, ''));
  expect(png.headers()['content-type']).toBe('image/png');
  expect(await page.getByTestId('sessions').locator('li').count()).toBeGreaterThan(0);
});

test('an admin opens the roster from the course page and marks attendance; visitors are refused', async ({ browser, makeCourse, makeColleague }) => {
  const course = await makeCourse({ label: 'Roster' });
  const resident = await registerResident('roster');
  expect(await (await resident.api.post('/api/courses/enrol', { form: { course: course.slug } })).json()).toBe('Enrolled');
  const admin = await makeColleague({ role: 'admin' });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, admin.login, admin.password);
  await page.goto(`/courses/${course.slug}`);
  await hydrated(page);
  // The link is there after hydration too: the page's data and the client agree on who is calling.
  await page.getByRole('link', { name: 'Roster (staff)' }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/courses/${course.slug}$`));
  const row = page.getByTestId('roster').getByRole('row', { name: new RegExp(resident.fullName) });
  await expect(row).toContainText('Enrolled');
  await row.getByRole('button', { name: 'Mark attended' }).click();
  await expect(row.getByRole('button', { name: '✓ Attended' })).toBeVisible();
  await context.close();

  const visitor = await browser.newContext();
  const refused = await visitor.request.post('/api/courses/roster', { form: { course: course.slug } });
  expect(refused.status()).toBe(401);
  await visitor.close();
});

test('every render of the course and account pages knows its caller, and the hydrated page agrees', async ({ browser, makeCourse, makeColleague }) => {
  // Each server render must answer with the caller's own state (the roster link for an admin, the
  // Enrol button for a resident) and hand the client the same data, so the hydrated page agrees;
  // the page checks also fail the test on a hydration panic or an ERROR in the server log.
  test.setTimeout(90_000);
  const course = await makeCourse({ label: 'Render' });
  const admin = await makeColleague({ role: 'admin' });
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin.login, admin.password);
  const resident = await residentPage(browser, 'render');
  for (let load = 0; load < 8; load++) {
    await adminPage.goto(`/courses/${course.slug}`);
    await hydrated(adminPage);
    await expect(adminPage.getByRole('link', { name: 'Roster (staff)' })).toBeVisible();
    await expect(adminPage.getByTestId('enrol-panel')).toContainText('Sign in or register as a resident to enrol.');

    await resident.page.goto(`/courses/${course.slug}`);
    await hydrated(resident.page);
    await expect(resident.page.getByRole('button', { name: 'Enrol' })).toBeVisible();
    await expect(resident.page.getByRole('link', { name: 'Roster (staff)' })).toHaveCount(0);
  }
  // Many more server renders, without a browser: each must find the caller's session, and hand the
  // client no "service unavailable" answer to hydrate from (the account page too, which loads the
  // resident's profile and the districts the same way).
  for (let load = 0; load < 150; load++) {
    for (const path of [`/courses/${course.slug}`, '/account']) {
      const response = await resident.api.get(path);
      expect(response.status()).toBe(200);
      expect(await response.text(), `${path}, load ${load}`).not.toContain('Unavailable');
    }
  }
  await adminContext.close();
  await resident.context.close();
});

test('a resident outside a course\'s ages is told why instead of being offered Enrol', async ({ browser, makeCourse }) => {
  const course = await makeCourse({ label: 'Teens', minAge: 14, maxAge: 18 });
  const { page, context } = await residentPage(browser, 'too-old', true, { age: 22 });
  await page.goto(`/courses/${course.slug}`);
  await hydrated(page);
  await expect(page.getByTestId('enrol-panel')).toContainText('For ages 14–18: you are 22.');
  await expect(page.getByRole('button', { name: 'Enrol' })).toHaveCount(0);
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
  // The server applies the same rule: the button was not hidden over a place it would give.
  const refused = await page.request.post('/api/courses/enrol', { form: { course: course.slug } });
  expect(refused.status()).toBe(400);
  await context.close();

  // Without JavaScript the server-rendered page says the same.
  const { page: plain, context: plainContext } = await residentPage(browser, 'too-old-nojs', false, { age: 22 });
  await plain.goto(`/courses/${course.slug}`);
  await expect(plain.getByTestId('enrol-panel')).toContainText('For ages 14–18: you are 22.');
  await expect(plain.getByRole('button', { name: 'Enrol' })).toHaveCount(0);
  await plainContext.close();
});

test('when the server refuses an enrolment the page gives its reason, not "Something went wrong"', async ({ browser, makeCourse }) => {
  const course = await makeCourse({ label: 'Other tab' });
  const { page, context, api } = await residentPage(browser, 'other-tab');
  await page.goto(`/courses/${course.slug}`);
  await hydrated(page);
  // The same resident enrols from another tab while this page still offers the button.
  expect(await (await api.post('/api/courses/enrol', { form: { course: course.slug } })).json()).toBe('Enrolled');
  await page.getByRole('button', { name: 'Enrol' }).click();
  await expect(page.getByRole('alert')).toHaveText('You are already enrolled in this course or on its waiting list.');
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
  await expect(page.getByTestId('my-place')).toHaveText('You are enrolled.');
  await context.close();
});
