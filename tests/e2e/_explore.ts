import { readFileSync, writeFileSync } from 'node:fs';
import { writeFixture } from '../helpers/fixture.ts';
import { serve } from '../helpers/server.ts';
import { UI_DIR, launchChromium } from '../helpers/browser.ts';
const a = writeFixture({ domains: ['kimchi-test-uip-a1'] });
let n = 0;
writeFileSync(a.path, readFileSync(a.path, 'utf8').replace(/<\/devices>/g, () => `<interface type='network'><mac address='52:54:00:aa:bb:${String(10 + n++)}'/><source network='default'/><model type='virtio'/></interface></devices>`));
const server = await serve(a.uri, { uiDir: UI_DIR });
const browser = await launchChromium();
for (const locale of ['en-US', 'pt-BR']) {
const page = await (await browser.newContext({ viewport: { width: 768, height: 1024 }, locale })).newPage();
page.on('pageerror', (e) => console.log('ERR', e));
await page.goto(`${server.url}/#/vms/kimchi-test-uip-a1`);
await page.waitForSelector('[data-testid=vm-iface]', { timeout: 15000 });
await page.locator('[data-testid=vm-section-ifaces]').screenshot({ path: `/tmp/uip/nic-${locale}.png` });
const r = await page.locator('[data-testid=vm-ifaces] th').evaluateAll((ths) => ths.map((th) => { const b = th.getBoundingClientRect(); return [th.textContent, Math.round(b.left), Math.round(b.right), th.scrollWidth, th.clientWidth]; }));
console.log(locale, JSON.stringify(r));
}
await browser.close(); await server.stop(); a.cleanup();
