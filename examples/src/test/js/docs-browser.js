// Drives /docs (Swagger UI) and /redoc of a running Brisk app in headless Chromium with playwright-core.
// usage: node docs-browser.js <tools dir with node_modules> <base url> <user-data-dir>
// Prints one line per step; exits 0 when every check passed, 1 with the reason otherwise.
const path = require('path');
const { chromium } = require(path.join(process.argv[2], 'node_modules', 'playwright-core'));
const base = process.argv[3];
const userDataDir = process.argv[4];

async function main() {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const external = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    // Every script, style and font must come from the app. The one exception is ReDoc's own attribution
    // logo in its side menu, which the ReDoc bundle hard-codes to cdn.redoc.ly (no option turns it off).
    const allowed = u => u.startsWith(base) || u.startsWith('data:') || u.startsWith('blob:' + base)
        || u === 'https://cdn.redoc.ly/redoc/logo-mini.svg';
    page.on('request', r => { if (!allowed(r.url())) external.push(r.url()); });

    // Swagger UI: open the read-book operation, Try it out, fill book_id, Execute against the live server.
    await page.goto(base + '/docs');
    const title = await page.title();
    if (title !== 'Bookstore - Swagger UI') throw new Error('unexpected /docs title: ' + title);
    const op = page.locator('.opblock').filter({ has: page.locator('[data-path="/books/{book_id}"]') }).first();
    await op.locator('.opblock-summary').first().click();
    console.log('docs: expanded GET /books/{book_id}');
    await op.locator('button.try-out__btn').click();
    await op.locator('input[placeholder="book_id"]').fill('1');
    await op.locator('button.execute').click();
    console.log('docs: executed');
    const status = op.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor();
    const code = (await status.innerText()).trim();
    const body = await op.locator('.live-responses-table .response-col_description .microlight').first().innerText();
    if (code !== '200') throw new Error('Try it out answered ' + code + ': ' + body);
    if (!body.includes('"title": "Dune"')) throw new Error('response body not shown: ' + body);
    console.log('docs: response ' + code + ' ' + body.replace(/\s+/g, ' ').slice(0, 80));

    // ReDoc: the side menu lists the operations by summary.
    await page.goto(base + '/redoc');
    for (const summary of ['List Books', 'Read Book', 'Create Book', 'Health check']) {
      await page.locator('[role=menuitem]').filter({ hasText: summary }).first().waitFor();
    }
    const ops = await page.locator('[role=menuitem] .operation-type').count();
    if (ops < 5) throw new Error('redoc lists only ' + ops + ' operations');
    console.log('redoc: ' + ops + ' operations listed');
    if (external.length) throw new Error('requests left the server: ' + external.join(', '));
    console.log('OK');
  } finally {
    await context.close();
  }
}

main().catch(e => { console.error('FAILED: ' + (e && e.stack || e)); process.exit(1); });
