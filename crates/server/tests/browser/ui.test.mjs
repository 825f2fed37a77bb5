// The web UI of `recoupe serve` in headless Chromium: an analyst's path
// through the seed story (ingested through the API), hostile text in every
// field staying inert, the CSP blocking injected inline code, and the
// screenshots of docs/screenshots. Run with `npm test` (see README.md).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
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
  squash,
  startServer,
  trappedPage,
} from "./harness.mjs";

const executablePath = findChromium();
const skipAll = executablePath
  ? findRecoupe()
    ? false
    : missing("no recoupe binary", "build it with `cargo build -p recoupe-cli`, or set RECOUPE_BIN")
  : missing("Chromium is not installed", "install it with `sudo apt-get install -y chromium`, or set CHROMIUM");
const SEEDS = process.env.RECOUPE_SEEDS ?? join(REPO, "../shared/seeds");

let browser;
before(async () => {
  if (skipAll) return;
  // The sandbox needs user namespaces, often missing in containers and as root.
  browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
});
after(async () => {
  await browser?.close();
});

describe("an analyst's path through the seeds", { skip: skipAll }, () => {
  let server;
  const seedText = new Map(); // article id → text of its seed file
  const seedsMissing = existsSync(SEEDS)
    ? false
    : missing(`no seeds at ${SEEDS}`, "put ../shared beside the clone, or set RECOUPE_SEEDS");

  before(async () => {
    if (seedsMissing) return;
    server = await startServer();
    const files = readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort();
    assert.ok(files.length >= 2, `seeds in ${SEEDS}`);
    for (const f of files) {
      const text = readFileSync(join(SEEDS, f), "utf8");
      const summary = await ingest(server, text, "text/plain; charset=utf-8");
      assert.equal(summary.article_ids.length, 1, `${f}: one article`);
      seedText.set(summary.article_ids[0], squash(text));
    }
  });
  after(async () => server?.stop());

  test("story list → story → disagreement → cited article and back", { skip: seedsMissing }, async () => {
    const page = await trappedPage(browser);
    const stories = (await getJson(server, "/api/stories")).items;
    const seedStory = stories.find((s) => s.articles === seedText.size);
    assert.ok(seedStory, `one story holds the ${seedText.size} seeds: ${JSON.stringify(stories)}`);
    assert.ok(seedStory.disagreements >= 1, "the seed story has disagreements");

    const list = await page.goto(`${server.url}/`);
    assertSecurityHeaders(list, "story list");
    const row = page.locator("table.stories tbody tr", { has: page.locator(`a[href="/stories/${seedStory.id}"]`) });
    await assert.doesNotReject(row.waitFor());
    const cells = await row.locator("td").allInnerTexts();
    assert.equal(squash(cells[0]), squash(seedStory.title));
    assert.match(cells[1], new RegExp(`^${seedStory.articles}\\b`));
    assert.equal(squash(cells[3]), seedStory.languages.join(" "));
    assert.equal(cells[5].trim(), String(seedStory.disagreements));
    await assertInert(page, "story list");

    await row.locator("a.story-link").click();
    await page.waitForURL(`**/stories/${seedStory.id}`);
    assert.equal(squash(await page.locator("main h1").innerText()), squash(seedStory.title));
    const disagreements = page.locator("details.disagreement");
    assert.equal(await disagreements.count(), seedStory.disagreements);
    await assertInert(page, "dossier");

    // Open the first disagreement: both sides, each with its value and the
    // sentences it rests on, quoted from the articles they are cited to.
    const first = disagreements.first();
    const sides = first.locator(".side");
    assert.equal(await sides.first().isVisible(), false, "a disagreement starts closed");
    await first.locator("summary").click();
    assert.equal(await first.getAttribute("open"), "");
    assert.ok((await sides.count()) >= 2, "two sides at least");
    const quoted = [];
    for (const side of await sides.all()) {
      assert.ok(await side.isVisible());
      assert.ok((await side.locator(".value").innerText()).trim().length > 0, "a side shows its value");
      const cites = side.locator("blockquote.cite");
      assert.ok((await cites.count()) >= 1, "a side quotes its sentences");
      for (const cite of await cites.all()) {
        const sentence = squash(await cite.locator("p").innerText());
        const href = await cite.locator("footer a").getAttribute("href");
        const id = /^\/articles\/([^?#]+)\?hl=\d+#s\d+$/.exec(href)?.[1];
        assert.ok(seedText.has(id), `cited to a seed article: ${href}`);
        assert.ok(seedText.get(id).includes(sentence), `"${sentence}" is in article ${id}`);
        quoted.push({ sentence, id, href });
      }
    }
    const values = await sides.locator(".value").allInnerTexts();
    assert.equal(new Set(values).size, values.length, `the sides differ: ${values}`);
    const summaryText = await first.locator("summary").innerText();
    for (const v of values) assert.ok(summaryText.includes(v), `the summary names ${v}`);

    // A citation leads to the article with that sentence highlighted, and back.
    const { sentence, id, href } = quoted[0];
    await first.locator(`blockquote.cite footer a[href="${href}"]`).first().click();
    await page.waitForURL(`**/articles/${id}?hl=*`);
    const k = /#s(\d+)$/.exec(href)[1];
    const highlighted = page.locator(`#s${k}`);
    assert.match(await highlighted.getAttribute("class"), /\bhl\b/);
    assert.equal(squash(await highlighted.innerText()), sentence);
    assert.ok(await highlighted.isVisible());
    await assertInert(page, "article");
    await page.locator("p.back a").click();
    await page.waitForURL(`**/stories/${seedStory.id}`);

    // The dossier's own way back returns to the list.
    await page.locator("p.back a[data-back]").click();
    await page.waitForURL(`${server.url}/`);
    await assert.doesNotReject(page.locator("table.stories").waitFor());

    // A filter of the story list applies on change (app.js) and is kept.
    await page.locator("select[name=language]").selectOption(seedStory.languages[0]);
    await page.waitForURL(`**/?*language=${seedStory.languages[0]}*`);
    assert.equal(await page.locator(`a[href="/stories/${seedStory.id}"]`).count(), 1);
    await page.locator("main input[name=q]").fill("zzzz-nothing-like-this");
    await page.locator("form.filters button").click();
    await assert.doesNotReject(page.locator("p.empty").waitFor());
    await page.context().close();
  });

  test("search with a facet and an order", { skip: seedsMissing }, async () => {
    const page = await trappedPage(browser);
    await page.goto(`${server.url}/`);
    await page.locator("header input[name=q]").fill("Moscou");
    await page.locator("header input[name=q]").press("Enter");
    await page.waitForURL("**/search?q=Moscou");
    assert.match(await page.title(), /Moscou/);
    const hits = page.locator("ol.hits > li");
    const total = await hits.count();
    assert.ok(total >= 2, `several articles name Moscou (got ${total})`);
    for (const snippet of await page.locator("ol.hits .snippet").all()) {
      const marked = await snippet.locator("mark").allInnerTexts();
      assert.ok(marked.length >= 1, "each snippet marks the word");
      for (const m of marked) assert.match(m, /^moscou/i);
    }
    await assertInert(page, "search");

    // The outlet facet narrows the results and shows as a removable chip.
    const facet = page.locator("aside.facets h3:text('Outlet') + ul a").first();
    const outlet = (await facet.innerText()).trim();
    const facetCount = Number(await facet.locator("xpath=following-sibling::span").innerText());
    await facet.click();
    await page.waitForURL(/[?&]outlet=/);
    assert.equal(await hits.count(), facetCount, "as many hits as the facet said");
    for (const meta of await page.locator("ol.hits li > p.muted").allInnerTexts()) {
      assert.ok(meta.startsWith(outlet), `hit from ${outlet}: ${meta}`);
    }
    const chip = page.locator("p.chips a.chip");
    assert.equal(squash(await chip.innerText()), `outlet: ${outlet} ×`);

    // The order select submits on change and keeps the filter.
    await page.locator("select[name=sort]").selectOption("oldest");
    await page.waitForURL(/sort=oldest/);
    assert.match(page.url(), /outlet=/);
    const dates = (await page.locator("ol.hits li > p.muted").allInnerTexts())
      .map((m) => /\d{4}-\d{2}-\d{2}/.exec(m)?.[0])
      .filter(Boolean);
    assert.deepEqual(dates, [...dates].sort(), "oldest first");

    // Removing the chip brings every hit back.
    await page.locator("p.chips a.chip").click();
    await page.waitForURL((u) => !u.search.includes("outlet="));
    assert.equal(await hits.count(), total);

    // A search that finds nothing says so; a search result opens its article.
    await page.locator("main input[name=q]").fill("xylophone");
    await page.locator("main form.filters button").click();
    await assert.doesNotReject(page.locator("p.empty").waitFor());
    await page.goBack();
    await page.goBack();
    await page.locator("ol.hits a.hit-title").first().click();
    await page.waitForURL("**/articles/**");
    assert.ok((await page.locator(".sent.hl").count()) >= 1, "the hit's sentence is highlighted");
    await assert.doesNotReject(page.locator(".sent.hl mark, .sent.hl").first().waitFor());
    await page.context().close();
  });

  test("an entity: aliases, stories, co-occurring entities, and the way back", { skip: seedsMissing }, async () => {
    const page = await trappedPage(browser);
    const story = (await getJson(server, "/api/stories")).items.find((s) => s.articles === seedText.size);
    await page.goto(`${server.url}/stories/${story.id}`);
    // The dossier's entity with the most spellings.
    const items = page.locator("#entities ul.entities > li");
    let best = null;
    for (const li of await items.all()) {
      const also = await li.locator("span.muted", { hasText: /^also / }).allInnerTexts();
      const n = also.length ? also[0].split(",").length : 0;
      if (!best || n > best.n) best = { li, n, name: (await li.locator("a.entity").innerText()).trim() };
    }
    assert.ok(best && best.n >= 1, "an entity of the seeds has other spellings");
    await best.li.locator("a.entity").click();
    await page.waitForURL("**/entities/**");
    const entityUrl = page.url();
    const id = decodeURIComponent(entityUrl.split("/entities/")[1]);
    const detail = await getJson(server, `/api/entities/${encodeURIComponent(id)}`);

    assert.equal(squash(await page.locator("main h1").innerText()), `${detail.name} ${detail.kind}`);
    assert.equal(detail.name, best.name);
    const aliases = await page.locator("ul.aliases li").allInnerTexts();
    assert.deepEqual(aliases, detail.aliases);
    assert.ok(aliases.length >= best.n, "the page shows every spelling met");
    const storyLinks = page.locator("ul.stories-of a");
    assert.equal(await storyLinks.count(), detail.stories.length);
    assert.equal(await page.locator(`ul.stories-of a[href="/stories/${story.id}"]`).count(), 1);
    const co = page.locator("ul.co a.entity");
    assert.equal(await co.count(), detail.co_occurring.length);
    assert.ok(detail.co_occurring.length >= 1, "entities met with it");
    await assertInert(page, "entity");

    // Follow a co-occurring entity, then come back.
    const other = co.first();
    const otherName = (await other.innerText()).trim();
    await other.click();
    await page.waitForURL((u) => u.href !== entityUrl && u.pathname.startsWith("/entities/"));
    assert.match(await page.locator("main h1").innerText(), new RegExp(`^${otherName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    assert.equal(await page.locator(`ul.co a.entity:text-is("${best.name}")`).count(), 1, "met with the first one too");
    await page.goBack();
    assert.equal(page.url(), entityUrl);

    // The entity's search finds the articles that name it.
    await page.locator("a.button", { hasText: "Search the articles" }).click();
    await page.waitForURL(/\/search\?q=.*&entity=/);
    assert.ok((await page.locator("ol.hits > li").count()) >= 1);
    assert.equal(squash(await page.locator("p.chips a.chip").innerText()), `entity: ${id} ×`);
    await page.goBack();

    // From the entity to its story; the story's way back leads to the list
    // (not back to the entity), and the entity's to the entity list.
    await page.locator(`ul.stories-of a[href="/stories/${story.id}"]`).click();
    await page.waitForURL(`**/stories/${story.id}`);
    await page.locator("p.back a").click();
    await page.waitForURL(`${server.url}/`);
    await page.goBack();
    await page.goBack();
    assert.equal(page.url(), entityUrl);
    await page.locator("p.back a").click();
    await page.waitForURL(`${server.url}/entities`);
    assert.ok((await page.locator(`a.entity[href="/entities/${encodeURIComponent(id)}"]`).count()) === 1);
    await page.context().close();
  });
});
