// Opens WebSockets to a running Brisk seed app from a real browser page (headless Chromium via
// playwright-core): text and binary echo on both lanes, the negotiated extension, a clean close.
// usage: node ws-browser.js <tools dir with node_modules> <base url> <user-data-dir>
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
  try {
    const page = await context.newPage();
    await page.goto(base + '/ping'); // a page on the app's origin: the socket carries that Origin
    for (const route of ['/ws/echo', '/ws/echo-sync']) {
      const result = await page.evaluate(async (url) => {
        const ws = new WebSocket(url);
        ws.binaryType = 'arraybuffer';
        const inbox = [];
        let waiter = null;
        ws.onmessage = (e) => { inbox.push(e.data); if (waiter) { waiter(); waiter = null; } };
        const next = () => new Promise((resolve) => {
          if (inbox.length) resolve(inbox.shift());
          else waiter = () => resolve(inbox.shift());
        });
        await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('error before open')); });
        ws.send('héllo from the browser');
        const text = await next();
        ws.send(new Uint8Array([7, 8, 9]).buffer);
        const bin = Array.from(new Uint8Array(await next()));
        const big = 'z'.repeat(300000);
        ws.send(big);
        const bigBack = await next();
        const closed = new Promise((resolve) => { ws.onclose = (e) => resolve({ code: e.code, clean: e.wasClean }); });
        ws.close(1000, 'bye');
        const close = await closed;
        return { text, bin, bigOk: bigBack === big, extensions: ws.extensions, close };
      }, base.replace(/^http/, 'ws') + route);
      if (result.text !== 'héllo from the browser') throw new Error(route + ' text echo: ' + result.text);
      if (result.bin.join(',') !== '7,8,9') throw new Error(route + ' binary echo: ' + result.bin);
      if (!result.bigOk) throw new Error(route + ' 300 KB echo differs');
      if (!result.extensions.startsWith('permessage-deflate')) throw new Error(route + ' extensions: ' + result.extensions);
      if (result.close.code !== 1000 || !result.close.clean) throw new Error(route + ' close: ' + JSON.stringify(result.close));
      console.log(route + ': browser echo OK (' + result.extensions + ', close ' + result.close.code + ')');
    }
    console.log('OK');
  } finally {
    await context.close();
  }
}

main().catch((e) => { console.log('FAILED: ' + e.message); process.exit(1); });
