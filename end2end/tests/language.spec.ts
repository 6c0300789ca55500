import { Page } from '@playwright/test';
import { test, expect, hydrated } from './fixtures';

// A phone, where the switch once (when it translated the page in place) panicked the client on a
// course page about 2 times in 10.
test.use({ viewport: { width: 390, height: 844 } });

type Language = 'kk' | 'ru' | 'en';

/** The switch's buttons (by their accessible names) and the menu's "Courses" link in each language. */
const SWITCH: Record<Language, { button: string; coursesLink: string }> = {
  kk: { button: 'Қазақша', coursesLink: 'Курстар' },
  ru: { button: 'Русский', coursesLink: 'Курсы' },
  en: { button: 'English', coursesLink: 'Courses' },
};

/** Every public page, with its main heading as a reader of each language sees it. */
const PUBLIC_PAGES: { name: string; path: string; heading: Record<Language, string> }[] = [
  {
    name: 'the home page',
    path: '/',
    heading: { kk: 'Алматы жастар орталықтары', ru: 'Молодёжные центры Алматы', en: 'Youth centres of Almaty' },
  },
  { name: 'the filtered catalogue', path: '/courses?district=almaly', heading: { kk: 'Курстар', ru: 'Курсы', en: 'Courses' } },
  {
    name: 'a course page',
    path: '/courses/smm-alatau',
    heading: {
      kk: 'SMM: әлеуметтік желілерде жылжыту',
      ru: 'SMM: продвижение в социальных сетях',
      en: 'SMM: social media marketing',
    },
  },
  { name: 'the centres', path: '/centres', heading: { kk: 'Орталықтар', ru: 'Центры', en: 'Centres' } },
  {
    name: "a centre's rooms grid",
    path: '/centres/almaly-youth-centre/rooms',
    heading: { kk: 'Бөлмелер кестесі', ru: 'Расписание помещений', en: 'Room schedule' },
  },
  { name: 'sign-in', path: '/sign-in', heading: { kk: 'Жүйеге кіру', ru: 'Вход', en: 'Sign in' } },
  {
    name: 'registration',
    path: '/register',
    heading: { kk: 'Резидент ретінде тіркелу', ru: 'Регистрация резидента', en: 'Register as a resident' },
  },
];

/** Page loads per page; each load switches twice (Қаз, then Рус, as the report did). */
const LOADS_PER_PAGE = 3;

async function expectLanguage(page: Page, language: Language, heading: Record<Language, string>) {
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading[language]);
  await expect(page.locator('nav.main-nav').getByRole('link', { name: SWITCH[language].coursesLink, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: SWITCH[language].button })).toHaveAttribute('aria-pressed', 'true');
}

for (const { name, path, heading } of PUBLIC_PAGES) {
  test(`switching the language on ${name} shows the same page in that language, every time`, async ({ page, context, consoleProblems }) => {
    test.setTimeout(90_000);
    for (let load = 0; load < LOADS_PER_PAGE; load++) {
      // Each load starts in English (the language cookie is what the server renders by).
      await context.clearCookies();
      await page.goto(path);
      await hydrated(page);
      await expectLanguage(page, 'en', heading);
      // Switched at once, before the page has settled: the switch is a form the server answers
      // with the same address (its query included), drawn in the chosen language.
      for (const language of ['kk', 'ru'] as const) {
        await page.getByRole('button', { name: SWITCH[language].button }).click();
        await expectLanguage(page, language, heading);
        expect(new URL(page.url()).pathname + new URL(page.url()).search, `${path}, load ${load}`).toBe(path);
      }
      expect(consoleProblems, `${path}, load ${load}`).toEqual([]);
    }
  });
}

test("every public page describes itself to search engines in the reader's language", async ({ request }) => {
  const kazakhLetters = /[әғқңөұүһі]/i;
  const cyrillic = /[а-яё]/i;
  const courseDescription: Record<Language, string> = { kk: 'контент-жоспар', ru: 'контент-план', en: 'content plans' };
  for (const language of ['kk', 'ru', 'en'] as const) {
    const descriptions = new Map<string, string>();
    for (const { path } of PUBLIC_PAGES) {
      const response = await request.get(path, { headers: { 'Accept-Language': language } });
      expect(response.status()).toBe(200);
      const html = await response.text();
      expect(html).toContain(`<html lang="${language}"`);
      const tags = html.match(/<meta\b[^>]*\bname="description"[^>]*>/g) ?? [];
      expect(tags, `one description on ${path} in ${language}`).toHaveLength(1);
      const description = /\bcontent="([^"]*)"/.exec(tags[0])?.[1] ?? '';
      expect(description.length, `${path} in ${language}: "${description}"`).toBeGreaterThan(40);
      if (language === 'kk') expect(description).toMatch(kazakhLetters);
      if (language === 'ru') expect(description).toMatch(cyrillic);
      if (language === 'en') expect(description).not.toMatch(cyrillic);
      descriptions.set(path, description);
    }
    // Each page says what is on it, not one sentence for the whole site.
    expect(new Set(descriptions.values()).size, [...descriptions.values()].join('\n')).toBe(PUBLIC_PAGES.length);
    expect(descriptions.get('/courses/smm-alatau')).toContain(courseDescription[language]);
  }
});
