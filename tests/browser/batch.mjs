// Batch approval of a page of the inbox in headless Chromium (issue 17): a
// township clerk narrows 基本生活保障's home to one step, ticks the page's
// boxes with 全选本页 (portal.js; hidden without the script), clears and
// ticks them again, types the opinion, ticks the confirmation and submits;
// the summary names every application passed.  Screenshot:
// OUT_DIR/browser-batch.png.
//
// The shell test modules/living/tests/test_living_batch_browser.sh makes
// the applications (APPS: their ids, space-separated) and the approver
// (APPROVER / APPROVER_PASSWORD), runs this, and checks the database.
import { launch, need, signIn } from './common.mjs';

const env = need('browser batch');
const base = env('BASE');
const outDir = process.env.OUT_DIR || '.';
const apps = env('APPS').split(' ');
const fail = (msg) => { console.error('  FAIL browser batch: ' + msg); process.exit(1); };
const step = (msg) => console.log('  ok   browser batch: ' + msg);

const browser = await launch();
try {
  const page = await browser.newPage();
  await signIn(page, base, env('APPROVER'), env('APPROVER_PASSWORD'));
  await page.goto(base + '/living');
  await page.selectOption('#f-inbox-step', 'orphan.check');
  await Promise.all([page.waitForNavigation(), page.click('#inbox-filter button[type=submit]')]);
  if (!page.url().includes('step=orphan.check')) fail('the filter did not narrow the page: ' + page.url());
  const boxes = 'input[type=checkbox][form=batch-form]';
  const shown = await page.$$eval(boxes, (b) => b.map((x) => x.value));
  for (const a of apps)
    if (!shown.includes(a)) fail(`application ${a} has no box on the narrowed page (${shown.join(' ')})`);
  step(`the narrowed page has a box for each of the ${apps.length} applications`);
  const all = page.locator('button[data-select-all=batch-form]');
  if (!(await all.isVisible())) fail('全选本页 is not shown with the script');
  await all.click();
  if ((await page.$$eval(boxes, (b) => b.filter((x) => !x.checked).length)) !== 0)
    fail('全选本页 left boxes unticked');
  await all.click();
  if ((await page.$$eval(boxes, (b) => b.filter((x) => x.checked).length)) !== 0)
    fail('全选本页 on a page all ticked did not clear them');
  await all.click();
  step('全选本页 ticks every box of the page, and clears them when all are ticked');
  await page.fill('#f-batch-opinion', '浏览器批量通过');
  await page.check('input[name=wf_confirm]');
  await page.screenshot({ path: outDir + '/browser-batch.png', fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('#batch-form button[type=submit]')]);
  const text = await page.textContent('main');
  if (!text.includes(`已通过 ${shown.length} 件`))
    fail(`the summary does not say ${shown.length} passed: ${text.slice(0, 300)}`);
  step(`submitted: the summary says ${shown.length} passed`);
} finally {
  await browser.close();
}
