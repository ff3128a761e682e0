// The village director's pages on a phone (issue 15, item 5) in headless
// Chromium at 390 px wide: home, my children, the visit form and the survey
// form are one column without horizontal scroll and with large touch
// targets; the visit form keeps a draft in the browser when the network is
// down (sending is held back, the draft survives a reload) and, sent once
// the network is back, saves the visit and clears the draft.  Screenshots:
// OUT_DIR/browser-village-form.png and browser-village-visit.png.
//
// The shell test modules/village/tests/test_village_phone.sh prepares the
// director (DIRECTOR_USER / DIRECTOR_PASSWORD) and a child of their village
// (CHILD_ID, CHILD_NAME), runs this, and checks the database afterwards.
import { launch, need, signIn } from './common.mjs';

const env = need('browser village');
const base = env('BASE');
const outDir = process.env.OUT_DIR || '.';
const user = env('DIRECTOR_USER');
const password = env('DIRECTOR_PASSWORD');
const childId = env('CHILD_ID');
const childName = env('CHILD_NAME');
const WIDTH = 390;

class Failure extends Error {}
const fail = (msg) => { throw new Failure(msg); };
const step = (msg) => console.log('  ok   browser village: ' + msg);

// one column at 390 px: nothing wider than the viewport, every button and
// big link at least 44 px high (the usual minimum touch target)
async function phoneFit(page, what) {
  const m = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    small: Array.from(document.querySelectorAll('main button, main a.button, ul.cards a, ' +
      'main select, main input[type=text], main input[type=date], label.check'))
      .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
      .map((e) => e.outerHTML.slice(0, 80)),
  }));
  if (m.scroll > WIDTH) fail(`${what}: ${m.scroll} px wide at ${WIDTH} px (horizontal scroll)`);
  if (m.small.length) fail(`${what}: touch targets under 44 px: ${m.small.join(' | ')}`);
}

const browser = await launch();
let code = 0;
try {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 844 },
                                             isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, base, user, password);

  await page.goto(base + '/village');
  if (!(await page.textContent('h1')).includes('儿童主任')) fail('the director\'s home did not open');
  await phoneFit(page, 'home');
  step('home fits 390 px');

  await page.goto(base + '/village/children');
  await phoneFit(page, 'my children');
  await Promise.all([page.waitForNavigation(),
                     page.click(`li[data-child="${childId}"] a`)]);
  if (!(await page.textContent('h1')).includes(childName)) fail('the child\'s visit form did not open');
  await phoneFit(page, 'visit form');
  step('my children and the visit form fit 390 px');

  const tag = String(Date.now()).slice(-6);
  await page.fill('#f-seen', '儿童本人和祖母' + tag);
  await page.fill('#f-told', '告知孤儿基本生活保障政策' + tag);
  await page.check('input[name=concern][value=injury]');
  await page.fill('#f-concern_note', '左臂淤青' + tag);
  await page.screenshot({ path: outDir + '/browser-village-form.png', fullPage: true });

  // the network goes: sending is held back, the draft stays in the browser
  await context.setOffline(true);
  await page.click('#visit-form button[type=submit]');
  await page.waitForSelector('#draft-note:not([hidden])');
  if (!(await page.textContent('#draft-note')).includes('网络不通')) fail('no offline note');
  const key = await page.getAttribute('#visit-form', 'data-draft');
  const draft = await page.evaluate((k) => localStorage.getItem(k), key) || '';
  if (!draft.includes(tag)) fail('the draft was not kept in the browser');
  if (draft.includes('淤青')) fail('the details of a concern went into the phone\'s storage');
  step('offline: the visit is held back as a draft (without the details of the concern)');

  await context.setOffline(false);
  await page.reload();
  if (await page.inputValue('#f-seen') !== '儿童本人和祖母' + tag) fail('the draft was not restored');
  if (!(await page.isChecked('input[name=concern][value=injury]'))) fail('the checklist was not restored');
  if (!(await page.textContent('#draft-note')).includes('已恢复')) fail('no note of the restored draft');
  step('the draft survives a reload');

  await Promise.all([page.waitForNavigation(), page.click('#visit-form button[type=submit]')]);
  if (!/\/village\/visits\/\d+$/.test(page.url())) fail('the visit was not saved: ' + page.url());
  if (!(await page.getAttribute('#report-link', 'href')).includes(`child=${childId}`))
    fail('the visit page does not offer the mandatory report');
  if (await page.evaluate((k) => localStorage.getItem(k), key)) fail('the draft was not cleared');
  await phoneFit(page, 'visit page');
  await page.screenshot({ path: outDir + '/browser-village-visit.png', fullPage: true });
  step('online again: saved once, draft cleared, the report offered');

  await page.goto(base + '/village/survey/new');
  await phoneFit(page, 'survey form');
  step('the survey form fits 390 px');
  console.log('VISIT_TAG=' + tag);
} catch (e) {
  console.error('  FAIL browser village: ' + (e instanceof Failure ? e.message : e.stack));
  code = 1;
} finally {
  await browser.close();
}
process.exit(code);
