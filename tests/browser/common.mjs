// Shared by the browser tests: Debian's headless Chromium with the options
// every test uses, the value of a required environment variable, and a
// sign-in through the real login form.
import { chromium } from 'playwright-core';

// Debian's /usr/bin/chromium, headless, with no network of its own
export const launch = () => chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// need('browser village')('BASE'): the variable's value; without it the
// test fails at once, naming the variable
export const need = (who) => (name) => {
  const v = process.env[name];
  if (!v) { console.error(`  FAIL ${who}: ${name} is not set`); process.exit(1); }
  return v;
};

// signs in through the login form and waits for the page it leads to
export async function signIn(page, base, user, password) {
  await page.goto(base + '/login');
  await page.fill('#f-username', user);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.click('section.login button[type=submit]')]);
}
