// The supervision dashboard and the printed monthly bulletin (issue 16) in
// headless Chromium: the dashboard's table and its server-drawn SVG
// sparklines render without JavaScript of the page's own; the bulletin,
// printed (print media, A4 from the module's @page), hides the buttons and
// the menu.  Screenshots and the PDF: OUT_DIR/browser-supervision-dashboard.png,
// browser-supervision-bulletin.png, browser-supervision-bulletin.pdf.
//
// modules/supervision/tests/test_supervision_bulletin.sh prepares the user
// (SV_USER / SV_PASSWORD), the month (SV_MONTH) and the issued bulletin
// (SV_BULLETIN), runs this and checks the files.
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) { console.error(`  FAIL browser supervision: ${name} is not set`); process.exit(1); }
  return v;
};
const base = env('BASE');
const outDir = process.env.OUT_DIR || '.';
class Failure extends Error {}
const fail = (msg) => { throw new Failure(msg); };
const step = (msg) => console.log('  ok   browser supervision: ' + msg);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let code = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 },
                                             javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + '/login');
  await page.fill('#f-username', env('SV_USER'));
  await page.fill('#f-password', env('SV_PASSWORD'));
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);

  await page.goto(`${base}/supervision?month=${env('SV_MONTH')}`);
  const rows = await page.locator('#figures tbody tr').count();
  if (rows < 2) fail(`the dashboard shows ${rows} townships`);
  const lines = await page.locator('svg.spark polyline').count();
  if (lines < 10) fail(`only ${lines} sparklines`);
  const box = await page.locator('svg.spark').first().boundingBox();
  if (!box || box.width < 100 || box.height < 20) fail('the sparkline is not drawn at its size');
  await page.screenshot({ path: outDir + '/browser-supervision-dashboard.png', fullPage: true });
  step(`the dashboard: ${rows} townships, ${lines} SVG sparklines without script`);

  await page.goto(`${base}/supervision/bulletins/${env('SV_BULLETIN')}`);
  await page.emulateMedia({ media: 'print' });
  if (await page.locator('nav.menu').isVisible()) fail('the menu is printed');
  if (await page.locator('button[data-print]').isVisible()) fail('the print button is printed');
  if (!(await page.locator('#towns').isVisible())) fail('the townships are not printed');
  await page.screenshot({ path: outDir + '/browser-supervision-bulletin.png', fullPage: true });
  await page.pdf({ path: outDir + '/browser-supervision-bulletin.pdf', preferCSSPageSize: true });
  step('the bulletin prints on A4 without the menu or the buttons');
} catch (e) {
  console.error('  FAIL browser supervision: ' + (e instanceof Failure ? e.message : e.stack));
  code = 1;
} finally {
  await browser.close();
}
process.exit(code);
