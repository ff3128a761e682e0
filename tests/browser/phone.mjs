// The main pages on a 390 px phone (issue 20 item 7) in headless Chromium,
// as each demo role: nothing scrolls sideways (the document is no wider
// than the viewport), the child list is stacked cards (a row no wider than
// the screen, its cells labelled), and the list's filters are folded -
// all with JavaScript off: the cards' labels come from the server
// (data-label, issue 20 item 6), not from portal.js.
// Screenshots: OUT_DIR/browser-phone-<user>-<n>.png.
//
// PHONE_PLAN: one line per account, "user|password|path path ...".  The
// shell test modules/registry/tests/test_registry_phone.sh prepares it.
import { launch, signIn } from './common.mjs';

const base = process.env.BASE;
const plan = (process.env.PHONE_PLAN || '').split('\n').filter((l) => l.trim());
const outDir = process.env.OUT_DIR || '.';
const WIDTH = 390;
if (!base || !plan.length) { console.error('  FAIL browser phone: BASE and PHONE_PLAN are needed'); process.exit(1); }

const browser = await launch();
let failures = 0;
const fail = (msg) => { console.error('  FAIL browser phone: ' + msg); failures++; };
const ok = (msg) => console.log('  ok   browser phone: ' + msg);

try {
  for (const line of plan) {
    const [user, password, paths] = line.split('|');
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 844 },
                                               isMobile: true, hasTouch: true,
                                               javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, base, user, password);
    let n = 0;
    for (const path of paths.split(' ').filter(Boolean)) {
      const resp = await page.goto(base + path);
      const st = resp ? resp.status() : 0;
      if (st !== 200) { fail(`${user} ${path}: status ${st}`); continue; }
      const m = await page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
        wide: Array.from(document.querySelectorAll('main *'))
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 3).map((e) => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className),
      }));
      await page.screenshot({ path: `${outDir}/browser-phone-${user}-${n++}.png`, fullPage: true });
      if (m.doc > m.view) fail(`${user} ${path}: the page is ${m.doc} px wide in a ${m.view} px viewport (${m.wide.join(', ')})`);
      else ok(`${user} ${path}: ${m.doc} px <= ${m.view} px`);
      if (path === '/children') {
        const list = await page.evaluate(() => {
          const tr = document.querySelector('table.list tbody tr');
          const td = tr && tr.querySelector('td');
          const f = document.querySelector('details#list-filters');
          return { rowDisplay: tr ? getComputedStyle(tr).display : '',
                   label: td ? td.dataset.label || '' : '',
                   folded: f ? !f.open : false };
        });
        if (list.rowDisplay !== 'block') fail(`${user} /children: rows are not cards (display ${list.rowDisplay})`);
        else if (list.label !== '姓名') fail(`${user} /children: a card's cell is not labelled (${list.label})`);
        else ok(`${user} /children: rows are labelled cards (script off)`);
        if (!list.folded) fail(`${user} /children: the filters are not folded on a phone`);
        else ok(`${user} /children: the filters are folded`);
      }
    }
    await context.close();
  }
} catch (e) {
  fail(e.stack);
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
