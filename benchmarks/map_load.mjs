// How Chromium takes a map page: time to the load event, the DOM's size, and whether the
// page answers afterwards (a reference clicked reaches its body; a frame is drawn).
//   usage: node map_load.mjs PAGE.html...   (CHROMIUM defaults to /usr/bin/chromium)
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
for (const file of process.argv.slice(2)) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const t0 = Date.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 300000 });
  const wall = Date.now() - t0;
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0];
    return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, nodes: document.getElementsByTagName("*").length,
             ready: document.documentElement.getAttribute("data-map") };
  });
  // After load: a frame, and a jump from the last reference to its body.
  const t1 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  const frame = Date.now() - t1;
  let jump = -1;
  const refs = await page.$$("a.fnref");
  if (refs.length) {
    const last = refs[refs.length - 1];
    const href = await last.getAttribute("href");
    const t2 = Date.now();
    await last.click();
    await page.waitForFunction((h) => location.hash === h, href);
    jump = Date.now() - t2;
  }
  console.log(`${file}: load event ${nav.load.toFixed(0)} ms (DOMContentLoaded ${nav.dcl.toFixed(0)} ms, ` +
              `goto ${wall} ms), ${nav.nodes} elements, script ${nav.ready}; next frame ${frame} ms; ` +
              `last reference to its body ${jump} ms`);
  await page.close();
}
await browser.close();
