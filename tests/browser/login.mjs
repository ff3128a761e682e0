// Log in through the real login form in headless Chromium and reach the home
// page; save a screenshot under tests/out.  Uses Debian's /usr/bin/chromium.
import { launch } from './common.mjs';

const base = process.env.BASE;
const outDir = process.env.OUT_DIR || '.';
const fail = (msg) => { console.error('  FAIL browser: ' + msg); process.exit(1); };

const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(base + '/');
  if (!page.url().includes('/login')) fail('anonymous visit did not land on the login page: ' + page.url());
  if (!(await page.textContent('h1')).includes('登录')) fail('login page heading is not Chinese');
  await page.fill('#f-username', 'admin');
  await page.fill('#f-password', 'Admin#2026portal');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  const h1 = await page.textContent('h1');
  if (!h1.includes('欢迎')) fail('home page not reached after login, heading: ' + h1);
  if (!(await page.textContent('header')).includes('酉阳县民政局')) fail('header lacks the organisation');
  await page.screenshot({ path: outDir + '/browser-home.png', fullPage: true });
  // logging out works without JavaScript-only controls
  await Promise.all([page.waitForNavigation(), page.click('header form button')]);
  if (!page.url().includes('/login')) fail('logout did not return to the login page');
  console.log('  ok   browser: login, home page, logout; screenshot tests/out/browser-home.png');
} finally {
  await browser.close();
}
