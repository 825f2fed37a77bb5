// Hostile text in every field an article has (title, body, outlet, author,
// URL, a quote; as JSON, as HTML, as text with query hints), ingested through
// the API, must stay inert in every UI page Chromium can reach from the story
// list, and in the self-contained HTML dossier of `recoupe brief`. And the
// Content-Security-Policy must block inline code even if some got through.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import {
  REPO,
  assertInert,
  assertSecurityHeaders,
  findChromium,
  findRecoupe,
  getJson,
  ingest,
  missing,
  startServer,
  trappedPage,
} from "./harness.mjs";

const executablePath = findChromium();
const skipAll = executablePath
  ? findRecoupe()
    ? false
    : missing("no recoupe binary", "build it with `cargo build -p recoupe-cli`, or set RECOUPE_BIN")
  : missing("Chromium is not installed", "install it with `sudo apt-get install -y chromium`, or set CHROMIUM");

/** Markup that runs script if it ever reaches the DOM unescaped. */
const payload = (tag) =>
  `<script>window.__pwned="${tag}"</script><img src=x onerror="window.__pwned='${tag}';alert('${tag}')">`;

// Our own text: a flood in a made-up town, told by three outlets.
const TITLE_A = `Crue de la Vionne ${payload("title")} à Valmorin`;
const DOCS_JSON = [
  {
    title: TITLE_A,
    outlet: `Le Veilleur ${payload("outlet")}`,
    author: `"><svg onload=alert('author')> Jeanne Morel`,
    url: "javascript:alert('url')",
    published: "2026-03-02",
    language: "fr",
    text: [
      `Crue de la Vionne : le maire de Valmorin annonce une visite de cinq jours ${payload("lead")} dans les quartiers inondés.`,
      "Le maire de Valmorin, Paul Verdier, effectuera une visite de cinq jours dans les quartiers touchés par la crue de la Vionne, a indiqué la mairie lundi.",
      `« Nous ne laisserons personne seul ${payload("quote")} face à l'eau », a déclaré Paul Verdier devant la presse.`,
      `Selon la préfecture, 1 200 personnes ont été évacuées depuis samedi <a href="javascript:alert('link')">lire la suite</a> à Valmorin.`,
    ].join("\n"),
  },
  {
    outlet: `<b onmouseover=alert('outlet2')>Vionne Matin</b>`,
    url: " JaVaScRiPt:alert('url2')",
    author: "javascript:alert('author2')",
    published: "2026-03-03",
    html: `<!DOCTYPE html><html><head>
<title>Crue de la Vionne : 1 500 évacués ${payload("htmltitle")}</title>
<meta name="author" content="&lt;img src=x onerror=alert('metaauthor')&gt;">
<meta property="og:url" content="javascript:alert('ogurl')">
<link rel="canonical" href="javascript:alert('canonical')">
<meta property="og:site_name" content="&lt;script&gt;alert('sitename')&lt;/script&gt;">
<script>alert('pagescript')</script></head><body><article>
<h1>Crue de la Vionne : 1 500 évacués</h1>
<p>Le maire de Valmorin, Paul Verdier, effectuera du 2 au 8 mars 2026 une visite dans les quartiers inondés par la crue de la Vionne.</p>
<p>Selon la préfecture, 1 500 personnes ont été évacuées depuis samedi. <a href="javascript:alert('a')">Voir la carte</a>
<iframe src="javascript:alert('iframe')"></iframe><img src=x onerror="alert('img')"></p>
<p>« Nous resterons mobilisés &lt;script&gt;alert('escaped-quote')&lt;/script&gt; jour et nuit », a déclaré Paul Verdier à Valmorin.</p>
<p onclick="alert('p')">Les pompiers restent mobilisés dans les quartiers bas de Valmorin, au bord de la Vionne.</p>
</article></body></html>`,
  },
  {
    title: "Vionne : la décrue s'amorce à Valmorin",
    outlet: "L'Écho des berges",
    url: `https://example.org/crue"onmouseover="alert('attr')"'><script>alert('url4')</script>`,
    published: "2026-03-04",
    language: "fr",
    text: [
      "Vionne : la décrue s'amorce à Valmorin après la crue de la semaine.",
      "Le maire de Valmorin, Paul Verdier, poursuit sa visite de cinq jours dans les quartiers inondés par la crue de la Vionne.",
      "Selon la préfecture, 1 300 personnes ont été évacuées depuis samedi.",
    ].join("\n"),
  },
];
// A text body with its metadata as query parameters.
const TEXT_DOC = {
  query: {
    title: `'"--></style></script><script>window.__pwned='t4'</script>Vionne : les écoles fermées à Valmorin`,
    outlet: `Valmorin & Co <script>alert('outlet4')</script>`,
    author: `<a href="javascript:alert('author4')">Luc Arnaud</a>`,
    url: "data:text/html,<script>alert('url5')</script>",
    published: "2026-03-03",
    language: "fr",
  },
  text: [
    "Vionne : les écoles fermées à Valmorin pendant la crue.",
    `Le maire de Valmorin, Paul Verdier, a annoncé la fermeture des écoles ${payload("body4")} pendant sa visite des quartiers inondés par la crue de la Vionne.`,
    "« Les enfants d'abord <svg/onload=alert('quote4')> », a déclaré Paul Verdier.",
  ].join("\n"),
};

/** The UI pages reachable from `start` by links on this server (API and assets aside). */
async function crawl(page, server, starts, limit) {
  const seen = new Set();
  const queue = [...starts];
  const visited = [];
  while (queue.length && visited.length < limit) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await page.goto(server.url + path);
    assert.ok(response.status() < 500, `${path}: ${response.status()}`);
    assertSecurityHeaders(response, path);
    await assertInert(page, path);
    visited.push(path);
    const links = await page.evaluate(() =>
      [...document.querySelectorAll("a[href]")].map((a) => a.href).filter((h) => h.startsWith(location.origin)),
    );
    for (const href of links) {
      const u = new URL(href);
      if (u.pathname.startsWith("/api") || u.pathname.startsWith("/assets") || u.pathname === "/openapi.json") continue;
      const p = u.pathname + u.search;
      if (!seen.has(p)) queue.push(p);
    }
  }
  return visited;
}

describe("hostile text stays inert", { skip: skipAll }, () => {
  let browser;
  let server;
  const ids = [];
  before(async () => {
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    server = await startServer();
    ids.push(...(await ingest(server, JSON.stringify(DOCS_JSON), "application/json")).article_ids);
    ids.push(...(await ingest(server, TEXT_DOC.text, "text/plain; charset=utf-8", TEXT_DOC.query)).article_ids);
    assert.equal(ids.length, 4, "four hostile articles stored");
  });
  after(async () => {
    await server?.stop();
    await browser?.close();
  });

  test("every page reachable from the story list, and searches for the payloads", async () => {
    const page = await trappedPage(browser);
    const stories = (await getJson(server, "/api/stories")).items;
    assert.ok(stories.length >= 1);
    const hostileSearches = ["script", "alert", "onerror", "javascript", "Vionne", "évacuées", "<script>", "x' onerror="].map(
      (q) => `/search?q=${encodeURIComponent(q)}`,
    );
    const starts = [
      "/",
      ...ids.map((id) => `/articles/${id}`),
      ...stories.map((s) => `/stories/${s.id}`),
      "/entities",
      ...hostileSearches,
      `/?q=${encodeURIComponent("<script>alert(1)</script>")}`,
      `/entities?q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`,
      `/search?q=crue&outlet=${encodeURIComponent(DOCS_JSON[0].outlet)}`,
      `/no-such-page/${encodeURIComponent("<script>alert(1)</script>")}`,
    ];
    const visited = await crawl(page, server, starts, 120);
    const kinds = new Set(visited.map((p) => p.split(/[/?]/)[1] || "list"));
    for (const k of ["list", "stories", "articles", "entities", "search"]) assert.ok(kinds.has(k), `visited ${k} pages`);
    assert.ok(visited.length >= 20, `visited ${visited.length} pages`);

    // The hostile text is shown as text, not dropped: the title on its article page.
    await page.goto(`${server.url}/articles/${ids[0]}`);
    assert.ok((await page.locator("main h1").innerText()).includes(`<script>window.__pwned="title"</script>`));
    // The `javascript:` URL is shown as text, never as a link.
    assert.ok((await page.locator("p.meta").innerText()).includes("javascript:alert('url')"));
    assert.equal(await page.locator("p.meta a").count(), 0);
    // An http(s) URL carrying quotes stays one attribute value.
    await page.goto(`${server.url}/articles/${ids[2]}`);
    const original = page.locator("p.meta a", { hasText: "original page" });
    assert.equal(await original.getAttribute("href"), DOCS_JSON[2].url);
    assert.equal(await original.getAttribute("onmouseover"), null);
    await original.hover();
    await assertInert(page, "article with a quoted URL");
    await page.context().close();
  });

  test("the CSP blocks inline script, handlers, styles and javascript: URLs injected into a page", async () => {
    const page = await trappedPage(browser);
    const csp = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    const story = (await getJson(server, "/api/stories")).items[0];
    await page.goto(`${server.url}/stories/${story.id}`);
    await assertInert(page, "dossier before injection");
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__pwned = 'inline script'";
      document.body.append(script);
      const holder = document.createElement("div");
      holder.innerHTML =
        `<img src="/assets/icon.svg" onload="window.__pwned='inline handler'">` +
        `<p id="styled" style="color: rgb(255, 0, 0)">styled</p>` +
        `<a id="jslink" href="javascript:window.__pwned='javascript url'">go</a>`;
      document.body.append(holder);
      const style = document.createElement("style");
      style.textContent = "body { background: rgb(255, 0, 0) !important; }";
      document.head.append(style);
    });
    await page.locator("#jslink").click();
    await page.waitForFunction(() => window.__violations.length >= 4, null, { timeout: 5000 });
    const state = await page.evaluate(() => ({
      pwned: window.__pwned,
      violations: window.__violations,
      background: getComputedStyle(document.body).backgroundColor,
      color: getComputedStyle(document.getElementById("styled")).color,
    }));
    assert.equal(state.pwned, undefined, "no injected code ran");
    assert.notEqual(state.background, "rgb(255, 0, 0)", "inline <style> blocked");
    assert.notEqual(state.color, "rgb(255, 0, 0)", "style attribute blocked");
    const directives = state.violations.map((v) => v.split(" ")[0]);
    for (const d of ["script-src-elem", "script-src-attr", "style-src-elem", "style-src-attr"]) {
      assert.ok(directives.includes(d), `${d} violation reported: ${state.violations}`);
    }
    assert.ok(csp.length >= 4, `CSP violations in the console: ${csp.join(" | ")}`);
    assert.deepEqual(page.trapped.dialogs, []);
    await page.context().close();
  });

  test("the HTML dossier of `recoupe brief` is inert too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "recoupe-hostile-"));
    try {
      const lines = [
        ...DOCS_JSON.map((d) => ({ ...d, html: undefined, text: d.text ?? d.html })),
        { ...TEXT_DOC.query, text: TEXT_DOC.text },
      ].map((d) => JSON.stringify(d));
      writeFileSync(join(dir, "hostile.jsonl"), lines.join("\n") + "\n");
      const out = join(dir, "brief.html");
      execFileSync(findRecoupe(), ["--data", join(dir, "data"), "brief", "-q", join(dir, "hostile.jsonl"), "--format", "html", "-o", out], {
        cwd: REPO,
        stdio: ["ignore", "ignore", "pipe"],
      });
      const page = await trappedPage(browser);
      await page.goto(pathToFileURL(out).href);
      const found = await page.evaluate(() => {
        const bad = [];
        for (const el of document.querySelectorAll("*")) {
          for (const attr of el.attributes) {
            if (attr.name.startsWith("on")) bad.push(`${attr.name} on <${el.localName}>`);
            if (["href", "src", "action", "formaction"].includes(attr.name) && !/^(https?:|#)/i.test(attr.value.trim())) {
              bad.push(`${attr.name}=${attr.value}`);
            }
          }
        }
        for (const el of document.querySelectorAll("script, img, svg, iframe, object, embed")) bad.push(`<${el.localName}>`);
        return { bad, pwned: window.__pwned, text: document.body.innerText };
      });
      assert.deepEqual(found.bad, [], "hostile markup in the HTML dossier");
      assert.equal(found.pwned, undefined);
      assert.deepEqual(page.trapped.dialogs, []);
      assert.ok(found.text.includes("Vionne"), "the dossier is about the flood");
      assert.ok(found.text.includes(`<script>window.__pwned="title"</script>`), "the hostile title shown as text");
      await page.context().close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
