import { readFileSync, statSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import {
  test as base,
  expect,
  APIRequestContext,
  Browser,
  BrowserContext,
  ConsoleMessage,
  Page,
  request as playwrightRequest,
} from '@playwright/test';

/** Where the server under test listens (scripts/test.sh starts one server for the whole run). */
export const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

/** The password every account a test makes is given. */
export const PASSWORD = 'my-long-password';

// ---------------------------------------------------------------------------------------------
// Clean console and hydration, checked for every page every test opens.
// ---------------------------------------------------------------------------------------------

/** What went wrong in the browser during one test, and which pages must have hydrated. */
class PageChecks {
  readonly problems: string[] = [];
  private readonly scriptless = new WeakSet<BrowserContext>();
  private readonly watchedContexts = new Set<BrowserContext>();
  private readonly watchedPages = new Set<Page>();
  private readonly checkedPages = new WeakSet<Page>();

  /** Watches `context` and every page it opens; `javaScriptEnabled: false` contexts skip hydration. */
  watchContext(context: BrowserContext, javaScriptEnabled: boolean) {
    if (!javaScriptEnabled) this.scriptless.add(context);
    if (this.watchedContexts.has(context)) return;
    this.watchedContexts.add(context);
    context.on('page', (page) => this.watchPage(page));
    context.pages().forEach((page) => this.watchPage(page));
    // A context closed by the test is checked first, while its pages can still be asked.
    const close = context.close.bind(context);
    context.close = async (options) => {
      try {
        await this.checkContext(context);
      } finally {
        await close(options);
      }
    };
  }

  private watchPage(page: Page) {
    if (this.watchedPages.has(page)) return;
    this.watchedPages.add(page);
    // A 4xx answer to a page or a server function is a designed outcome the test asserts (a
    // refused sign-in, a 401 page); the browser still logs it as a failed resource load.
    const expected4xx = new Set<string>();
    page.on('response', (response) => {
      const kind = response.request().resourceType();
      const url = response.url();
      const isServerFunction = new URL(url).pathname.startsWith('/api/');
      if (response.status() >= 400 && response.status() < 500 && (kind === 'document' || isServerFunction)) {
        expected4xx.add(url);
      }
    });
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      if (message.text().startsWith('Failed to load resource') && expected4xx.has(message.location().url)) return;
      this.problems.push(`${message.type()} on ${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`pageerror on ${page.url()}: ${error.message}`));
    const close = page.close.bind(page);
    page.close = async (options) => {
      try {
        await this.checkPage(page);
      } finally {
        await close(options);
      }
    };
  }

  /** Every JS-enabled page showing one of the app's documents must have hydrated, and what it
   * shows at the end of the test must pass axe-core's WCAG 2.1 A and AA rules. */
  private async checkPage(page: Page) {
    if (page.isClosed() || this.checkedPages.has(page) || this.scriptless.has(page.context())) return;
    this.checkedPages.add(page);
    if (!page.url().startsWith(baseURL)) return;
    const appDocument = page.locator('link[rel="modulepreload"][href^="/pkg/"]');
    if ((await appDocument.count()) === 0) return;
    await expect(page.locator('body'), `${page.url()} must hydrate`).toHaveAttribute('data-hydrated', 'true');
    const accessibility = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const violation of accessibility.violations) {
      const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join('; ');
      this.problems.push(`accessibility (${violation.id}) on ${page.url()}: ${violation.help} at ${where}`);
    }
  }

  private async checkContext(context: BrowserContext) {
    for (const page of context.pages()) await this.checkPage(page);
  }

  /** Runs after the test: hydration of the pages still open, then the console of every page. */
  async finish() {
    for (const context of this.watchedContexts) await this.checkContext(context);
    expect(this.problems, 'browser console must stay clean and pages accessible').toEqual([]);
  }
}

/** The server's log (`SERVER_LOG`, set by scripts/test.sh), read from `offset` on. */
function serverLogSince(offset: number): string {
  const log = process.env.SERVER_LOG;
  return log ? readFileSync(log).subarray(offset).toString('utf8') : '';
}

function serverLogSize(): number {
  const log = process.env.SERVER_LOG;
  return log ? statSync(log).size : 0;
}

/** The ERROR lines of a tracing log, without terminal colours. */
function errorLines(log: string): string[] {
  // eslint-disable-next-line no-control-regex
  return log.replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((line) => /(^|\s)ERROR(\s|$)/.test(line));
}

/** The checks of the test that is running (one test at a time per worker). */
let currentChecks: PageChecks | undefined;
/** Script setting of each context made through the browser, recorded when it is made. */
const scriptlessContexts = new WeakSet<BrowserContext>();

type TestFixtures = {
  pageChecks: PageChecks;
  /** The console problems seen so far in this test (also checked automatically at its end). */
  consoleProblems: string[];
  /** A staff member of `centre` (or an admin with `role: 'admin'`), made for this test. */
  makeColleague: (options?: { role?: 'staff' | 'admin'; centre?: string }) => Promise<Colleague>;
  /** An online course of `centre` with one session ahead (Holland code `riasec`, ages 14–35 unless
   * given), made for this test. */
  makeCourse: (options?: {
    capacity?: number; centre?: string; label?: string; riasec?: string; minAge?: number; maxAge?: number;
  }) => Promise<MadeCourse>;
};
type WorkerFixtures = {
  /** The demo admin, signed in once per worker, only to make colleagues and courses. */
  demoAdmin: APIRequestContext;
};

export type Colleague = { login: string; password: string; displayName: string };
export type MadeCourse = { slug: string; title: string };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  pageChecks: [
    async ({}, use) => {
      const checks = new PageChecks();
      const logOffset = serverLogSize();
      currentChecks = checks;
      await use(checks);
      currentChecks = undefined;
      try {
        await checks.finish();
      } finally {
        // Whatever the browser saw, the server must not have logged an error while this test ran.
        expect.soft(errorLines(serverLogSince(logOffset)), 'server log must stay free of errors').toEqual([]);
      }
    },
    { auto: true },
  ],

  consoleProblems: async ({ pageChecks }, use) => {
    await use(pageChecks.problems);
  },

  // Every context a test makes, directly or through `browser.newPage`, is watched.
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        if (options?.javaScriptEnabled === false) scriptlessContexts.add(context);
        currentChecks?.watchContext(context, !scriptlessContexts.has(context));
        return context;
      };
      const watchNew = (context: BrowserContext) => currentChecks?.watchContext(context, !scriptlessContexts.has(context));
      browser.on('context', watchNew);
      await use(browser);
      browser.off('context', watchNew);
    },
    { scope: 'worker' },
  ],

  context: async ({ context, javaScriptEnabled, pageChecks }, use) => {
    pageChecks.watchContext(context, javaScriptEnabled !== false);
    await use(context);
  },

  page: async ({ page, pageChecks, javaScriptEnabled }, use) => {
    pageChecks.watchContext(page.context(), javaScriptEnabled !== false);
    await use(page);
  },

  demoAdmin: [
    async ({}, use) => {
      const api = await playwrightRequest.newContext({ baseURL });
      const signedIn = await api.post('/api/accounts/sign_in', {
        form: { login: 'admin@demo.kz', password: 'demo-password' },
        maxRedirects: 0,
      });
      expect(signedIn.status(), 'the demo admin signs in').toBeLessThan(400);
      await use(api);
      await api.dispose();
    },
    { scope: 'worker' },
  ],

  makeColleague: async ({ demoAdmin }, use) => {
    await use(async ({ role = 'staff', centre = 'almaly-youth-centre' } = {}) => {
      const login = freshEmail(role);
      const displayName = `${role === 'admin' ? 'Admin' : 'Staff'} ${unique()}`;
      const response = await demoAdmin.post('/api/admin/create_account', {
        form: { login, display_name: displayName, role, centre, password: PASSWORD },
      });
      expect(response.status(), await response.text()).toBeLessThan(400);
      return { login, password: PASSWORD, displayName };
    });
  },

  makeCourse: async ({ demoAdmin }, use) => {
    await use(async ({ capacity = 10, centre = 'almaly-youth-centre', label = 'Course', riasec = 'AE', minAge = 14, maxAge = 35 } = {}) => {
      const title = `E2E ${label} ${unique()}`;
      const created = await demoAdmin.post('/api/staff/create_course', {
        form: {
          centre,
          'form[category]': 'media',
          'form[title_kk]': `${title} kk`,
          'form[title_ru]': `${title} ru`,
          'form[title_en]': title,
          'form[description_kk]': '',
          'form[description_ru]': 'Курс, который создал сквозной тест.',
          'form[description_en]': '',
          'form[language]': 'ru',
          'form[format]': 'online',
          'form[min_age]': String(minAge),
          'form[max_age]': String(maxAge),
          'form[capacity]': String(capacity),
          'form[instructor]': 'Дана Омарова',
          'form[riasec]': riasec,
        },
        maxRedirects: 0,
      });
      expect(created.status(), await created.text()).toBeLessThan(400);
      const slug = /\/staff\/courses\/([^/]+)\/edit$/.exec(created.headers()['location'] ?? '')?.[1];
      expect(slug, 'the new course page is named in the redirect').toBeTruthy();
      // Online: no room, so no test's session can clash with another's.
      const session = await demoAdmin.post('/api/staff/add_sessions', {
        form: {
          course: slug!,
          'session[date]': daysAhead(30),
          'session[starts]': '18:00',
          'session[ends]': '19:30',
          'session[room]': '',
          'session[weeks]': '1',
        },
      });
      expect(session.status(), await session.text()).toBeLessThan(400);
      return { slug: slug!, title };
    });
  },
});

export { expect };

// ---------------------------------------------------------------------------------------------
// Helpers: every test makes its own data, so the suite can run again against the same server.
// ---------------------------------------------------------------------------------------------

/** Waits until the client has hydrated every island of the page, lazy ones included. */
export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** A token no other test run has used. */
export function unique() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** A login nobody has used yet. */
export function freshEmail(prefix: string) {
  return `${prefix}-${unique()}@example.kz`;
}

/** A phone number nobody has used yet (sign-in budgets are per login). */
export function freshPhone() {
  return `+7 7${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
}

/** The date `years` years ago today, as an <input type="date"> value. */
export function yearsAgo(years: number) {
  const date = new Date();
  date.setFullYear(date.getFullYear() - years);
  return date.toISOString().slice(0, 10);
}

/** A date `days` from today, as an <input type="date"> value. */
export function daysAhead(days: number) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toISOString().slice(0, 10);
}

export type Resident = { api: APIRequestContext; login: string; fullName: string };

/** A newly registered resident (aged 24 unless told, Bostandyk), signed in through their own cookie jar. */
export async function registerResident(label: string, { age = 24 } = {}): Promise<Resident> {
  const api = await playwrightRequest.newContext({ baseURL });
  const login = freshEmail(label);
  const fullName = `Resident ${label} ${unique()}`;
  const response = await api.post('/api/residents/register', {
    form: {
      full_name: fullName, birth_date: yearsAgo(age), district: 'bostandyk', contact: login,
      occupation: 'studying', password: PASSWORD, data_consent: 'on',
    },
    maxRedirects: 0,
  });
  expect(response.status(), await response.text()).toBeLessThan(400);
  return { api, login, fullName };
}

/** A browser page signed in as a newly registered resident. */
export async function residentPage(browser: Browser, label: string, javaScriptEnabled = true, { age = 24 } = {}) {
  const resident = await registerResident(label, { age });
  const context = await browser.newContext({ storageState: await resident.api.storageState(), javaScriptEnabled });
  return { ...resident, page: await context.newPage(), context };
}

/** Signs in through the sign-in form and waits for the account menu. */
export async function signIn(page: Page, login: string, password: string, { withScript = true } = {}) {
  await page.goto('/sign-in');
  if (withScript) await hydrated(page);
  await page.getByLabel('E-mail or phone').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in')).toBeVisible();
}
