// Drives Swagger UI (/docs) of the running security tutorial in headless Chromium with playwright-core:
// GET /users/me without authorizing answers 401; Authorize (OAuth2 password flow against the relative
// tokenUrl, all scopes) then GET /users/me answers 200 with the user.
// usage: node auth-browser.js <tools dir with node_modules> <base url> <user-data-dir> <username> <password>
// Prints one line per step; exits 0 when every check passed, 1 with the reason otherwise.
const path = require('path');
const { chromium } = require(path.join(process.argv[2], 'node_modules', 'playwright-core'));
const [base, userDataDir, username, password] = process.argv.slice(3);

async function execute(page, label) {
  const op = page.locator('.opblock').filter({ has: page.locator('[data-path="/users/me"]') }).first();
  if (!(await op.locator('.opblock-body').count())) await op.locator('.opblock-summary').first().click();
  const tryOut = op.locator('button.try-out__btn');
  if ((await tryOut.innerText()).trim() === 'Try it out') await tryOut.click();
  await op.locator('button.execute').click();
  const status = op.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor();
  const code = (await status.innerText()).trim().split(/\s+/)[0];   // '401' then 'Undocumented'
  const body = await op.locator('.live-responses-table .response-col_description .microlight').first().innerText();
  console.log(label + ': response ' + code + ' ' + body.replace(/\s+/g, ' ').slice(0, 100));
  await op.locator('button.btn-clear').click().catch(() => {});
  return { code, body };
}

async function main() {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    page.on('response', r => { if (r.url().includes('/token')) console.log('token endpoint: ' + r.request().method() + ' ' + r.url() + ' -> ' + r.status()); });
    await page.goto(base + '/docs');
    await page.locator('[data-path="/users/me"]').first().waitFor();

    const anonymous = await execute(page, 'unauthorized');
    if (anonymous.code !== '401') throw new Error('without Authorize GET /users/me answered ' + anonymous.code);
    if (!anonymous.body.includes('Not authenticated')) throw new Error('unexpected 401 body: ' + anonymous.body);

    await page.locator('.auth-wrapper button.authorize').click();
    const modal = page.locator('.modal-ux');
    await modal.locator('#oauth_username').fill(username);
    await modal.locator('#oauth_password').fill(password);
    await modal.locator('a', { hasText: 'select all' }).first().click();
    await modal.locator('button.modal-btn.authorize').first().click();
    // Swagger UI swaps its Authorize button for Logout once the token request succeeded
    await modal.locator('button.modal-btn', { hasText: 'Logout' }).first().waitFor()
        .catch(async e => { throw new Error('no token: ' + (await modal.innerText()).replace(/\s+/g, ' ') + ' / ' + e); });
    console.log('authorize: token obtained from the tokenUrl');
    await modal.locator('button.btn-done').first().click();

    const authorized = await execute(page, 'authorized');
    if (authorized.code !== '200') throw new Error('after Authorize GET /users/me answered ' + authorized.code + ': ' + authorized.body);
    if (!authorized.body.includes('"username": "' + username + '"')) throw new Error('user not shown: ' + authorized.body);
    console.log('OK');
  } finally {
    await context.close();
  }
}

main().catch(e => { console.error('FAILED: ' + (e && e.stack || e)); process.exit(1); });
