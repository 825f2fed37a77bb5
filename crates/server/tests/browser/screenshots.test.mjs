// Screenshots of the UI over the project's own sample corpus (examples/sample,
// fiction written for the project, so no one else's text lands in docs/):
// story list, a dossier with a disagreement open, search with facets, an
// entity page. Written to target/browser-screenshots/, or to
// docs/screenshots/ with UPDATE_SCREENSHOTS=1. Each must stay small.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { REPO, assertInert, findChromium, findRecoupe, getJson, missing, startServer, trappedPage } from "./harness.mjs";

const executablePath = findChromium();
const skipAll = executablePath
  ? findRecoupe()
    ? false
    : missing("no recoupe binary", "build it with `cargo build -p recoupe-cli`, or set RECOUPE_BIN")
  : missing("Chromium is not installed", "install it with `sudo apt-get install -y chromium`, or set CHROMIUM");
const OUT = process.env.UPDATE_SCREENSHOTS ? join(REPO, "docs/screenshots") : join(REPO, "target/browser-screenshots");
const MAX_BYTES = 300 * 1024;

describe("screenshots", { skip: skipAll }, () => {
  let browser;
  let server;
  let page;
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    server = await startServer({ inputs: ["examples/sample"] });
    page = await trappedPage(browser);
  });
  after(async () => {
    await server?.stop();
    await browser?.close();
  });

  async function shoot(name) {
    await assertInert(page, name);
    // The page must not scroll sideways: nothing wider than the window.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: ${overflow}px wider than the window`);
    const file = join(OUT, `${name}.png`);
    await page.screenshot({ path: file });
    const size = statSync(file).size;
    assert.ok(size < MAX_BYTES, `${name}.png is ${size} bytes`);
  }

  test("story list", async () => {
    await page.goto(`${server.url}/?sort=disagreements`);
    assert.ok((await page.locator("table.stories tbody tr").count()) >= 3);
    await shoot("stories");
  });

  test("dossier with a disagreement open", async () => {
    // A story's disagreement count is known once its dossier has been built
    // (first view, then cached by the server's writer): open every dossier,
    // then wait for the counts to reach the list.
    for (const s of (await getJson(server, "/api/stories?per_page=50")).items) {
      await getJson(server, `/api/dossiers/${s.id}`);
    }
    let story;
    for (let tries = 0; tries < 50; tries++) {
      story = (await getJson(server, "/api/stories?sort=disagreements")).items[0];
      if (story.disagreements >= 1) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(story.disagreements >= 1);
    await page.goto(`${server.url}/stories/${story.id}`);
    const first = page.locator("details.disagreement").first();
    await first.locator("summary").click();
    assert.ok((await first.locator(".side blockquote.cite").count()) >= 2);
    await shoot("dossier");
  });

  test("search with facets", async () => {
    await page.goto(`${server.url}/search?q=visite`);
    assert.ok((await page.locator("ol.hits > li").count()) >= 2);
    await page.locator("aside.facets h3:text('Language') + ul a").first().click();
    await page.waitForURL(/language=/);
    await shoot("search");
  });

  test("no page scrolls sideways on a phone", async () => {
    const story = (await getJson(server, "/api/stories?sort=disagreements")).items[0];
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const path of ["/", `/stories/${story.id}`, "/search?q=visite", "/entities"]) {
        await page.goto(server.url + path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path}: ${overflow}px wider than a phone`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test("entity page", async () => {
    const story = (await getJson(server, "/api/stories?sort=disagreements")).items[0];
    const dossier = await getJson(server, `/api/dossiers/${story.id}`);
    const people = dossier.entities.filter((e) => e.kind === "person" && e.keys.length);
    const best = people.sort((a, b) => b.aliases.length - a.aliases.length || b.mention_count - a.mention_count)[0];
    assert.ok(best, "a person in the dossier");
    await page.goto(`${server.url}/entities/${encodeURIComponent(best.keys[0])}`);
    assert.ok((await page.locator("ul.co li").count()) >= 1);
    await shoot("entity");
  });
});
