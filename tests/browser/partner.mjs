// The partner workflow of issue 5 in headless Chromium, through the forms as a
// user fills them in (clicking, typing, choosing a file): county staff approve
// a partner organisation and assign a child of 龙潭镇 to it; the partner opens
// the child from its 志愿服务 page (no ID number), logs a service and uploads a
// photo; the township opens the photo from 服务记录核实 and verifies the log;
// the child's file shows the service in its 社会力量服务 panel.  Screenshot:
// OUT_DIR/browser-partner.png.  Uses Debian's /usr/bin/chromium.
//
// tests/run.sh prepares what a browser cannot do by itself and passes it in
// the environment: a pending organisation serving 龙潭镇 (ORG_NAME) with a
// partner account (PARTNER_USER / PARTNER_PASSWORD), and a child of 龙潭镇
// (CHILD_ID, CHILD_NAME) whose ID number (CHILD_ID_NUMBER) is on file.
// Dates are computed from the portal's own today, read from its forms.
import { launch, need, signIn } from './common.mjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const env = need('browser partner');
const base = env('BASE');
const outDir = process.env.OUT_DIR || '.';
const orgName = env('ORG_NAME');
const partnerUser = env('PARTNER_USER');
const partnerPassword = env('PARTNER_PASSWORD');
const childId = env('CHILD_ID');
const childName = env('CHILD_NAME');
const idNumber = env('CHILD_ID_NUMBER');
const idMasked = idNumber.slice(0, 6) + '********' + idNumber.slice(14);
const tag = childId;  // makes the texts typed below unique in the instance

class Failure extends Error {}
const fail = (msg) => { throw new Failure(msg); };
const step = (msg) => console.log('  ok   browser partner: ' + msg);

// ---------------------------------------------------------------- helpers

// a PNG of w x h pixels of one colour, valid to the last CRC
function png(w, h, [r, g, b]) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const x of buf) c = table[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2;  // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(w).fill([r, g, b]).flat())]);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr),
                        chunk('IDAT', deflateSync(Buffer.concat(Array(h).fill(row)))),
                        chunk('IEND', Buffer.alloc(0))]);
}

// YYYY-MM-DD plus n days (calendar arithmetic in UTC)
function addDays(day, n) {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// what went wrong on an error page, for the message
async function pageProblem(page) {
  if (await page.locator('.error-page').count())
    return `${await page.textContent('.error-page h1')}: ${await page.textContent('.error-message')}`;
  return '';
}

// click a submit button and wait for the page the form leads to; that page
// must not be an error page, and shows `flash` when given
async function submit(page, button, flash, what) {
  await Promise.all([page.waitForNavigation(), button.click()]);
  const problem = await pageProblem(page);
  if (problem) fail(`${what}: the form answered ${problem} (${page.url()})`);
  if (flash) {
    const shown = (await page.locator('p.flash').count()) ? await page.textContent('p.flash') : '';
    if (!shown.includes(flash)) fail(`${what}: expected the notice "${flash}", got "${shown}" (${page.url()})`);
  }
}

async function login(browser, user, password) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, base, user, password);
  if (page.url().includes('/login')) {
    const err = (await page.locator('.form-error').count()) ? await page.textContent('.form-error') : '';
    fail(`${user} could not log in: ${err}`);
  }
  return page;
}

async function menu(page, title) {
  const link = page.locator('nav.menu a', { hasText: new RegExp(`^${title}$`) });
  if ((await link.count()) !== 1) fail(`the menu of ${page.url()} has no single entry ${title}`);
  await Promise.all([page.waitForNavigation(), link.click()]);
  const problem = await pageProblem(page);
  if (problem) fail(`menu ${title}: ${problem}`);
}

// ---------------------------------------------------------------- the test

const tmp = mkdtempSync(join(tmpdir(), 'portal-browser-'));
const photoPath = join(tmp, '活动照片.png');
writeFileSync(photoPath, png(24, 16, [46, 139, 87]));

const browser = await launch();
let status = 0;
try {
  // ---- 1. county staff approve the organisation and assign the child
  const county = await login(browser, 'county', 'County#2026portal');
  await menu(county, '社会组织');
  const orgRow = county.locator('#orgs tbody tr', { hasText: orgName });
  if ((await orgRow.count()) !== 1) fail('the organisation is not listed once on 社会组织');
  if (!(await orgRow.textContent()).includes('待审核')) fail('the organisation is not listed as 待审核');
  await Promise.all([county.waitForNavigation(), orgRow.getByRole('link', { name: orgName }).click()]);
  if ((await county.textContent('h1')).trim() !== orgName) fail('the organisation page has another heading');
  const today = await county.inputValue('#f-eff');  // the portal's today
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) fail(`the effective date field holds no date: "${today}"`);
  await county.selectOption('#f-st', { label: '批准' });
  await county.fill('#f-reason', '材料齐全，同意合作');
  await submit(county, county.locator('#info form button[type=submit]'), null, 'approving');
  if ((await county.getAttribute('#status', 'data-status')) !== 'approved')
    fail('the organisation is not approved after the status form');
  if (!(await county.textContent('#events')).includes('材料齐全，同意合作'))
    fail('the approval and its reason are not in 状态记录');
  step(`county staff approved the organisation (today is ${today})`);

  const start = addDays(today, -30), end = addDays(today, 90);
  const assign = county.locator('form[action$="/assign"]');
  await assign.locator('#f-child').fill(childId);
  await assign.locator('#f-type').selectOption('学业辅导');
  await assign.locator('#f-needs').fill('数学基础薄弱，每周辅导一次');
  await assign.locator('#f-from').fill(start);
  await assign.locator('#f-to').fill(end);
  await submit(county, assign.getByRole('button', { name: '指派' }), `已将${childName}指派给该组织`, 'assigning');
  const asRow = county.locator('#assignments tbody tr', { hasText: childName });
  if ((await asRow.count()) !== 1) fail('the assignment is not listed on the organisation page');
  const asText = await asRow.textContent();
  if (!asText.includes('服务中') || !asText.includes(`${start} 至 ${end}`))
    fail(`the assignment row does not read 服务中 ${start} 至 ${end}: ${asText.replace(/\s+/g, ' ')}`);
  step(`county staff assigned ${childName} (${start} to ${end})`);
  await county.context().close();

  // ---- 2. the partner: a volunteer, the child, a service log, a photo
  const partner = await login(browser, partnerUser, partnerPassword);
  await menu(partner, '志愿服务');
  if ((await partner.textContent('h1')).trim() !== orgName) fail('志愿服务 does not show the partner\'s organisation');
  const volName = `志愿者${tag}`;
  const addVol = partner.locator('form[action="/volunteer/partner/volunteers"]');
  await addVol.locator('#f-vn').fill(volName);
  await addVol.locator('#f-vs').fill('数学辅导');
  await submit(partner, addVol.getByRole('button', { name: '添加' }), '志愿者已添加', 'adding a volunteer');
  const volRow = partner.locator('#volunteers tbody tr', { hasText: volName });
  if ((await volRow.count()) !== 1) fail('the new volunteer is not listed');
  const volId = (await volRow.locator('td').first().textContent()).trim();
  if (!/^\d+$/.test(volId)) fail(`the volunteer's number is "${volId}"`);

  const childLink = partner.locator('#children a', { hasText: childName });
  if ((await childLink.count()) !== 1) fail('the assigned child is not on the 志愿服务 page');
  await Promise.all([partner.waitForNavigation(), childLink.click()]);
  if (await pageProblem(partner)) fail(`the partner cannot open the child: ${await pageProblem(partner)}`);
  if (!(await partner.textContent('h1')).includes(childName)) fail('the child page has another heading');
  if (!(await partner.textContent('#needs')).includes('数学基础薄弱')) fail('the child page lacks the needs');
  const seen = await partner.innerText('body'), html = await partner.content();
  for (const [what, s] of [['the ID number', idNumber], ['the masked ID number', idMasked],
                           ['the last digits of the ID', idNumber.slice(14)]])
    if (seen.includes(s) || html.includes(s)) fail(`the partner's view of the child shows ${what}`);
  step('the partner opened the child from 志愿服务: needs shown, no ID number');

  const serviceDate = addDays(today, -1), notes = `浏览器测试：辅导分数运算${tag}`;
  const logForm = partner.locator(`form[action="/volunteer/partner/children/${childId}/logs"]`);
  if ((await logForm.locator('#f-date').getAttribute('max')) !== today)
    fail('the log form\'s date field does not end at the portal\'s today');
  await logForm.locator('#f-date').fill(serviceDate);
  await logForm.locator('#f-min').fill('75');
  await logForm.locator('#f-type').selectOption('学业辅导');
  await logForm.locator(`#f-vols input[name="volunteer"][value="${volId}"]`).check();
  await logForm.locator('#f-notes').fill(notes);
  await submit(partner, logForm.getByRole('button', { name: '提交' }), '服务记录已提交', 'submitting the log');
  const logRow = partner.locator('#log-table tbody tr', { hasText: notes });
  if ((await logRow.count()) !== 1) fail('the submitted log is not listed on the child page');
  const logId = (await logRow.locator('td').first().textContent()).trim();
  if ((await partner.getAttribute(`td[data-log="${logId}"]`, 'data-status')) !== 'submitted')
    fail('the log is not 待核实');
  if (!(await logRow.textContent()).includes(volName)) fail('the log does not name the volunteer');

  const upload = partner.locator(`form[action="/volunteer/partner/logs/${logId}/photos"]`);
  if ((await upload.getAttribute('enctype')) !== 'multipart/form-data') fail('the photo form is not multipart');
  await upload.locator('input[type=file][name=photo]').setInputFiles(photoPath);
  await submit(partner, upload.getByRole('button', { name: '上传照片' }), '照片已上传', 'uploading the photo');
  const ownPhoto = partner.locator(`td[data-photos="${logId}"] a`);
  if ((await ownPhoto.count()) !== 1) fail('the uploaded photo is not linked from the log');
  const photoHref = await ownPhoto.getAttribute('href');
  if (!new RegExp(`^/volunteer/logs/${logId}/photos/\\d+$`).test(photoHref))
    fail(`the photo link is ${photoHref}`);
  step(`the partner logged service #${logId} (${serviceDate}, 75 minutes) and uploaded a photo`);
  await partner.context().close();

  // ---- 3. the township opens the photo and verifies the log
  const town = await login(browser, 'township', 'Town#2026portal');
  await menu(town, '服务记录核实');
  const vRow = town.locator('#logs tbody tr', { hasText: notes });
  if ((await vRow.count()) !== 1) fail('the log is not listed on 服务记录核实');
  const vText = await vRow.textContent();
  for (const s of [childName, orgName, serviceDate, '75', volName])
    if (!vText.includes(s)) fail(`the log's row on 服务记录核实 lacks ${s}`);
  const vPhoto = vRow.locator(`a[href="${photoHref}"]`);
  if ((await vPhoto.count()) !== 1) fail('the log\'s row has no link to its photo');
  const [popup] = await Promise.all([town.waitForEvent('popup'), vPhoto.click()]);
  await popup.waitForLoadState('load');
  const shown = await popup.evaluate(() => {
    const img = document.querySelector('img');
    return { type: document.contentType, w: img ? img.naturalWidth : 0, h: img ? img.naturalHeight : 0 };
  });
  if (shown.type !== 'image/png' || shown.w !== 24 || shown.h !== 16)
    fail(`the photo does not load as the 24x16 PNG uploaded: ${JSON.stringify(shown)}`);
  await popup.close();
  // an irreversible step asks for its confirmation box first (issue 20)
  await vRow.getByRole('checkbox', { name: '我已核对，确认核实无误' }).check();
  await submit(town, vRow.getByRole('button', { name: '核实无误' }), '服务记录已核实', 'verifying');
  if (await town.locator('#logs tbody tr', { hasText: notes }).count()) fail('the verified log is still to verify');
  step('the township opened the photo (a 24x16 PNG) and verified the log');

  // ---- 4. the child's file shows the service
  await town.goto(`${base}/children/${childId}`);
  if (await pageProblem(town)) fail(`the child's file: ${await pageProblem(town)}`);
  if ((await town.textContent('#child-id')).trim() !== idMasked)
    fail('the child\'s file does not show the masked ID number to the township');
  const panel = town.locator('section[data-module="volunteer"]', { has: town.locator('h2', { hasText: '社会力量服务' }) });
  if ((await panel.count()) !== 1) fail('the child\'s file has no 社会力量服务 panel');
  const pRow = panel.locator('tbody tr', { hasText: orgName });
  if ((await pRow.count()) !== 1) fail('the 社会力量服务 panel does not list the organisation\'s service');
  const cells = (await pRow.locator('td').allTextContents()).map((s) => s.trim());
  const want = [serviceDate, orgName, '学业辅导', '75', volName];
  if (JSON.stringify(cells) !== JSON.stringify(want))
    fail(`the panel's row is ${JSON.stringify(cells)}, expected ${JSON.stringify(want)}`);
  if (!(await panel.locator('.panel-note').textContent()).includes('共 1 次，合计 1 小时 15 分钟'))
    fail('the panel\'s note does not count 1 service of 1 hour 15 minutes');
  await panel.scrollIntoViewIfNeeded();
  await town.screenshot({ path: outDir + '/browser-partner.png', fullPage: true });
  step(`the child's file shows the service in 社会力量服务; screenshot tests/out/browser-partner.png`);
  await town.context().close();
} catch (e) {
  console.error('  FAIL browser partner: ' + (e instanceof Failure ? e.message : e.stack || e));
  status = 1;
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
