// The map page (`essaykit outline --html`) in headless Chromium: for our own fixtures and a
// few posts of each form from ../shared (Markdown, bare and seedlike plain text), the page
// loads without a console error and with its script; its sections, outline entries, footnote
// links and shaded claims are as many as `essaykit analyze` finds; every link into the page
// has its target and ids are unique; a reference reaches its body and the back-link returns;
// scripts off, the outline and the text are there; axe-core finds no violation; a hostile
// document shows as text and runs nothing. Keeps a screenshot in OUT_DIR.
//
// usage: node test_map.mjs ESSAYKIT SOURCE_DIR SHARED_DIR OUT_DIR
// Run by run.sh, which finds Chromium and node and installs playwright-core with npm ci.
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [EK, SRC, SHARED, OUT] = process.argv.slice(2).map((p) => path.resolve(p));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let failures = 0, passes = 0;
function check(ok, what) {
  if (ok) passes++;
  else {
    failures++;
    console.log(`FAIL ${what}`);
  }
}

function essaykit(...args) {
  return execFileSync(EK, args, { maxBuffer: 1 << 30 });
}

// The page of FILE written to OUT, and the JSON of the same file.
function make(file, name) {
  const page = path.join(OUT, `${name}.html`);
  fs.writeFileSync(page, essaykit("outline", "--html", file));
  const doc = JSON.parse(essaykit("analyze", file).toString());
  return { page, doc, name };
}

function inputs() {
  const mine = [
    [path.join(SRC, "examples/post.md"), "post"],
    [path.join(SRC, "examples/notes-in-the-margin.md"), "notes-in-the-margin"],
    [path.join(SRC, "tests/essays/car-free-centres.txt"), "car-free-centres"],
    [path.join(SRC, "tests/essays/code-review.md"), "code-review"],
    [path.join(SRC, "tests/browser/fixtures/recovered.txt"), "recovered"],
    [path.join(SRC, "tests/html/hugo-papermod.html"), "hugo-papermod"],
  ];
  const shared = [];
  const pick = (dir, suffix, n) => {
    const d = path.join(SHARED, dir);
    if (!fs.existsSync(d)) {
      console.log(`skip ${dir}: ${d} is absent (the corpora live beside the project, in ../shared)`);
      return;
    }
    const names = fs.readdirSync(d).filter((f) => f.endsWith(suffix)).sort();
    // Spread over the list, so that different blogs are taken.
    for (let i = 0; i < n && names.length; i++) {
      const f = names[Math.floor((i * names.length) / n)];
      shared.push([path.join(d, f), `shared-${dir.replace(/\//g, "-")}-${f}`]);
    }
  };
  pick("corpus/md", ".md", 3);
  pick("corpus/browser", ".bare.txt", 3);
  pick("corpus2/seedlike", ".seedlike.txt", 3);
  return [...mine, ...shared];
}

async function load(context, file) {
  const page = await context.newPage();
  const errors = [], dialogs = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on("request", (r) => {
    if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) errors.push(`request to ${r.url()}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, errors, dialogs };
}

// What the JSON says the page must show.
function expected(doc) {
  const withBody = doc.footnotes.filter((f) => f.start !== null && f.start !== undefined);
  return {
    sections: doc.sections.length,
    links: withBody.reduce((n, f) => n + f.refs.length, 0),
    missing: doc.footnotes.reduce((n, f) => n + f.refs.length, 0) - withBody.reduce((n, f) => n + f.refs.length, 0),
    bodies: withBody.length,
    claims: doc.claims.length,
    theses: doc.claims.filter((c) => c.kind === "thesis").length,
    diagnostics: doc.diagnostics.length,
    uncertain: doc.source.format === "text" ? doc.footnotes.filter((f) => f.start != null && f.confidence < 0.5).length : 0,
  };
}

async function counts(page) {
  return page.evaluate(() => {
    const q = (s) => document.querySelectorAll(s).length;
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    const dangling = [...document.querySelectorAll('a[href^="#"]')]
      .map((a) => a.getAttribute("href").slice(1))
      .filter((id) => !document.getElementById(id));
    return {
      sections: q("svg.strip .seg"),
      outline: q("nav.outline li"),
      headings: q("main .sec"),
      links: q("a.fnref"),
      missing: q(".fnref.missing"),
      bodies: q("main .note"),
      claims: q("mark.claim[id]"),
      theses: q("mark.claim.thesis[id]"),
      thesisMarks: q("svg.strip .thesis"),
      diagnostics: q("#diagnostics li"),
      uncertain: q(".note.uncertain"),
      recovered: q("main .sec.rec .conf"),
      scripts: q("script"),
      duplicateIds: ids.length - new Set(ids).size,
      dangling,
      ready: document.documentElement.getAttribute("data-map"),
    };
  });
}

async function inView(page, id) {
  return page.evaluate((id) => {
    const e = document.getElementById(id);
    if (!e) return false;
    const r = e.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }, id);
}

async function checkPage(browser, { page: file, doc, name }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, errors, dialogs } = await load(context, file);
  const want = expected(doc);
  const got = await counts(page);
  check(errors.length === 0, `${name}: console errors: ${errors.slice(0, 3).join(" | ")}`);
  check(dialogs.length === 0, `${name}: a dialog opened`);
  check(got.ready === "ready", `${name}: the page's script did not run (data-map=${got.ready})`);
  check(got.sections === want.sections, `${name}: ${got.sections} section segments, the JSON has ${want.sections} sections`);
  check(got.outline === want.sections, `${name}: ${got.outline} outline entries, the JSON has ${want.sections} sections`);
  check(got.headings === want.sections, `${name}: ${got.headings} headings in the text, the JSON has ${want.sections}`);
  check(got.links === want.links, `${name}: ${got.links} footnote links, the JSON has ${want.links} references with a body`);
  check(got.missing === want.missing, `${name}: ${got.missing} references flagged without body, the JSON has ${want.missing}`);
  check(got.bodies === want.bodies, `${name}: ${got.bodies} note bodies, the JSON has ${want.bodies}`);
  check(got.claims === want.claims, `${name}: ${got.claims} shaded claims, the JSON has ${want.claims}`);
  check(got.theses === want.theses && got.thesisMarks === want.theses, `${name}: ${got.theses} theses shaded, ${got.thesisMarks} on the strip, the JSON has ${want.theses}`);
  check(got.diagnostics === want.diagnostics, `${name}: ${got.diagnostics} diagnostics listed, the JSON has ${want.diagnostics}`);
  check(got.uncertain === want.uncertain, `${name}: ${got.uncertain} notes flagged uncertain, the JSON has ${want.uncertain}`);
  if (doc.source.format === "text")
    check(got.recovered === want.sections, `${name}: ${got.recovered} headings marked as recovered, of ${want.sections}`);
  check(got.scripts === 1, `${name}: ${got.scripts} script elements, not 1`);
  check(got.duplicateIds === 0, `${name}: ${got.duplicateIds} duplicate ids`);
  check(got.dangling.length === 0, `${name}: links without a target: ${got.dangling.slice(0, 5)}`);

  // A reference reaches its body, and the body's back-link returns to it.
  const ref = await page.$("a.fnref");
  if (ref) {
    const [refId, href] = await ref.evaluate((a) => [a.id, a.getAttribute("href")]);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));  // start away from both
    await ref.click();
    await page.waitForFunction((h) => location.hash === h, href, { timeout: 5000 }).catch(() => {});
    check(await page.evaluate(() => location.hash) === href, `${name}: clicking ${refId} did not go to ${href}`);
    check(await inView(page, href.slice(1)), `${name}: the body ${href} is not in view after the click`);
    const back = await page.$(`${href} a.back[href="#${refId}"]`);
    check(back !== null, `${name}: ${href} has no back-link to ${refId}`);
    if (back) {
      await back.click();
      await page.waitForFunction((h) => location.hash === h, `#${refId}`, { timeout: 5000 }).catch(() => {});
      check(await page.evaluate(() => location.hash) === `#${refId}`, `${name}: the back-link did not return to #${refId}`);
      check(await inView(page, refId), `${name}: ${refId} is not in view after the back-link`);
    }
  }
  // An outline entry jumps to its heading.
  const entry = await page.$("nav.outline a[href^='#s-']");
  if (entry) {
    const href = await entry.getAttribute("href");
    await entry.click();
    check(await inView(page, href.slice(1)), `${name}: the outline's ${href} is not in view after the click`);
  }
  await context.close();
  return got;
}

async function accessibility(browser, { page: file, name }) {
  // axe-core is injected as a script, which the page's policy refuses: this context lets it in.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
  const { page } = await load(context, file);
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0].target.join(" ")}`);
  });
  check(result.length === 0, `${name}: axe-core: ${result.join("; ")}`);
  // Headings in order: none more than one level below the one before.
  const jumps = await page.evaluate(() => {
    let last = 0;
    const bad = [];
    for (const h of document.querySelectorAll("h1,h2,h3,h4,h5,h6")) {
      const level = Number(h.tagName[1]);
      if (level > last + 1) bad.push(`${h.tagName} after h${last}: ${h.textContent.slice(0, 40)}`);
      last = level;
    }
    return bad;
  });
  check(jumps.length === 0, `${name}: headings out of order: ${jumps.slice(0, 3)}`);
  await context.close();
}

async function scriptsOff(browser, { page: file, doc, name }) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const { page, errors } = await load(context, file);
  const got = await counts(page);
  check(got.ready === null, `${name}: scripts off, yet the page's script ran`);
  check(got.outline === doc.sections.length && got.claims === doc.claims.length, `${name}: scripts off: ${got.outline} outline entries, ${got.claims} claims`);
  const visible = await page.evaluate(() => {
    const main = document.querySelector("main");
    const nav = document.querySelector("nav.outline");
    return main.innerText.trim().length > 0 && nav.getBoundingClientRect().height > 0;
  });
  check(visible, `${name}: scripts off, the outline or the text is not shown`);
  check(errors.length === 0, `${name}: scripts off, console errors: ${errors.slice(0, 3)}`);
  await context.close();
}

// A document written to break out of the page: markup in every place the page shows text.
function hostile() {
  const evil = "<script>window.__pwned = 1; document.title = 'pwned'; alert('pwned')</script>";
  const md = Buffer.concat([
    Buffer.from(`---\ntitle: "Quotes \\" ' and </title><script>alert(1)</script>"\n---\n\n`),
    Buffer.from(`I think ${evil} this should never run.[^x] </style><style>body{display:none}</style>\n\n`),
    Buffer.from(`## Heading ${evil} "quoted" 'single' & <img src=x onerror="window.__pwned=2">\n\n`),
    Buffer.from("- an item <iframe src=\"javascript:alert(3)\"></iframe>\n- invalid bytes: "),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80]),
    Buffer.from(" end\n\n"),
    Buffer.from(`We must agree that ]]> --> <!-- <svg onload="window.__pwned=4"> is text.[^x]\n\n`),
    Buffer.from(`[^x]: A note with ${evil} and <a href="javascript:alert(5)">a link</a>.\n`),
  ]);
  const txt = Buffer.concat([
    Buffer.from(`A title with </title><script>alert(1)</script>\n\nWhy "quotes" & <b>tags</b> stay text\n\n`),
    Buffer.from(`I believe ${evil} is only text.1 Everyone should agree with this claim, because it is true.\n\n`),
    Buffer.from([0xff, 0xfe]),
    Buffer.from(` </style> <img src=x onerror=alert(2)>\n\n1 The note, with <script>alert(6)</script> in it.\n`),
  ]);
  const mdPath = path.join(OUT, "hostile.md"), txtPath = path.join(OUT, "hostile.txt");
  fs.writeFileSync(mdPath, md);
  fs.writeFileSync(txtPath, txt);
  return [make(mdPath, "hostile-md"), make(txtPath, "hostile-txt")];
}

async function checkHostile(browser, made) {
  // With the page's policy, and without it: escaping alone must hold.
  for (const bypassCSP of [false, true]) {
    const context = await browser.newContext({ bypassCSP });
    const { page, errors, dialogs } = await load(context, made.page);
    await page.waitForTimeout(200);
    const r = await page.evaluate(() => ({
      pwned: window.__pwned,
      title: document.title,
      scripts: document.querySelectorAll("script").length,
      foreign: document.querySelectorAll("img, iframe, style:not(head > style), main svg, main script, main a[href^='javascript']").length,
      styles: document.querySelectorAll("style").length,
      text: document.body.innerText,
      bodyShown: document.body.getBoundingClientRect().height > 0,
    }));
    const tag = `${made.name}${bypassCSP ? " (no CSP)" : ""}`;
    check(r.pwned === undefined, `${tag}: the document's script ran (window.__pwned = ${r.pwned})`);
    check(dialogs.length === 0, `${tag}: a dialog opened: ${dialogs}`);
    check(!r.title.startsWith("pwned") && r.title.includes("essaykit map"), `${tag}: the title was changed: ${r.title}`);
    check(r.scripts === 1 && r.styles === 1 && r.foreign === 0, `${tag}: ${r.scripts} scripts, ${r.styles} styles, ${r.foreign} elements from the document`);
    check(r.text.includes("<script>window.__pwned = 1;"), `${tag}: the <script> is not shown as text`);
    check(r.text.includes("\uFFFD"), `${tag}: invalid UTF-8 is not shown as U+FFFD`);
    check(r.bodyShown, `${tag}: the body is hidden`);
    check(errors.length === 0, `${tag}: console errors: ${errors.slice(0, 3)}`);
    await context.close();
  }
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  // Playwright gives each launch a new empty profile (--user-data-dir) of its own. Without
  // the background-networking flags Chromium's own connections are refused by a closed network.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const made = inputs().map(([file, name]) => make(file, name));
    for (const m of made) {
      const got = await checkPage(browser, m);
      console.log(`ok   ${m.name}: ${got.sections} sections, ${got.links} footnote links, ${got.claims} claims, ${got.diagnostics} diagnostics`);
    }
    for (const m of made.filter((m) => !m.name.startsWith("shared-")).concat(made.filter((m) => m.name.startsWith("shared-")).slice(0, 3)))
      await accessibility(browser, m);
    console.log("ok   accessibility (axe-core, heading order)");
    for (const m of made.slice(0, 3)) await scriptsOff(browser, m);
    console.log("ok   scripts off");
    for (const m of hostile()) await checkHostile(browser, m);
    console.log("ok   hostile documents");
    // The artifact: our own essay's map.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await load(context, made[1].page);
    await page.screenshot({ path: path.join(OUT, "map.png") });
    await context.close();
    console.log(`ok   screenshot ${path.join(OUT, "map.png")}`);
  } finally {
    await browser.close();
  }
  console.log(`${passes} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.log(`FAIL ${e.stack || e}`);
  process.exit(1);
});
