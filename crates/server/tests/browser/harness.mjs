// Shared pieces of the browser tests: finding Chromium, starting `recoupe
// serve` on a free loopback port over an empty temporary data folder, the
// API calls, and the checks every page must pass (security headers, no script
// run, no `javascript:` link).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import assert from "node:assert/strict";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
export const UNDER_CI = Boolean(process.env.CI);

/** Debian's Chromium (or $CHROMIUM), or null. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

/** The `recoupe` binary: $RECOUPE_BIN, else target/release, else target/debug. */
export function findRecoupe() {
  const candidates = [
    process.env.RECOUPE_BIN,
    join(REPO, "target/release/recoupe"),
    join(REPO, "target/debug/recoupe"),
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

/** Tells why a test cannot run: a failure under CI, a visible skip elsewhere. */
export function missing(what, how) {
  const message = `${what} (${how})`;
  if (UNDER_CI) throw new Error(`CI is set and ${message}`);
  console.log(`SKIP: ${message}`);
  return message;
}

/**
 * Starts `recoupe serve` on 127.0.0.1 with port 0 (the system picks a free
 * one; the server prints the address it got) over a new empty data folder.
 */
export async function startServer({ inputs = [], timeoutMs = 120_000 } = {}) {
  const bin = findRecoupe();
  assert.ok(bin, "no recoupe binary: run `cargo build -p recoupe-cli` (or set RECOUPE_BIN)");
  const data = mkdtempSync(join(tmpdir(), "recoupe-browser-"));
  const token = randomBytes(18).toString("hex");
  const child = spawn(bin, ["--data", data, "-q", "serve", ...inputs, "--addr", "127.0.0.1:0"], {
    cwd: REPO,
    env: { ...process.env, RECOUPE_TOKEN: token, RECOUPE_DATA: data },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`recoupe serve did not start in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`recoupe serve exited with ${code}:\n${stderr}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(data, { recursive: true, force: true });
  };
  return { url, token, stop, stderr: () => stderr };
}

/** POST /api/ingest with the token; returns the parsed summary. */
export async function ingest(server, body, contentType, query = {}) {
  const qs = new URLSearchParams(query).toString();
  const response = await fetch(`${server.url}/api/ingest${qs ? `?${qs}` : ""}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${server.token}`, "Content-Type": contentType },
    body,
  });
  const json = await response.json();
  assert.equal(response.status, 200, `ingest answered ${response.status}: ${JSON.stringify(json)}`);
  assert.deepEqual(json.errors, [], "ingest errors");
  return json;
}

export async function getJson(server, path) {
  const response = await fetch(`${server.url}${path}`);
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

/** Whitespace collapsed, for comparing rendered text with stored text. */
export const squash = (s) => s.replace(/\s+/g, " ").trim().normalize("NFC");

/**
 * A browser page with traps: any dialog, any `window.__pwned`, any CSP
 * violation and any console error are recorded in `page.trapped`.
 */
export async function trappedPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI || ""}`.trim());
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const trapped = { dialogs: [], console: [], pageErrors: [] };
  page.on("dialog", async (d) => {
    trapped.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") trapped.console.push(m.text());
  });
  page.on("pageerror", (e) => trapped.pageErrors.push(String(e)));
  page.trapped = trapped;
  return page;
}

/** The security headers every page carries. */
export function assertSecurityHeaders(response, what) {
  const h = response.headers();
  const csp = h["content-security-policy"] ?? "";
  assert.match(csp, /script-src 'self'/, `${what}: CSP script-src`);
  assert.match(csp, /style-src 'self'/, `${what}: CSP style-src`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: CSP allows inline code`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.equal(h["x-content-type-options"], "nosniff", `${what}: nosniff`);
  assert.equal(h["x-frame-options"], "DENY", `${what}: frame denial`);
}

/**
 * What no page may contain: no script ran (no dialog, no `window.__pwned`,
 * no page error, no CSP violation: a violation means markup got through
 * escaping and only the CSP stopped it), no link or source that is not
 * http(s) on this server or elsewhere, no inline handler, no inline style,
 * no script but the app's, no embedded element.
 */
export async function assertInert(page, what) {
  const found = await page.evaluate(() => {
    const bad = [];
    const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "poster", "background", "data"];
    for (const el of document.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith("on")) bad.push(`inline handler ${name} on <${el.localName}>`);
        if (name === "style") bad.push(`style attribute on <${el.localName}>`);
        if (urlAttributes.includes(name)) {
          let protocol;
          try {
            protocol = new URL(attr.value, document.baseURI).protocol;
          } catch {
            bad.push(`unparsable ${name}=${JSON.stringify(attr.value)}`);
            continue;
          }
          if (protocol !== "http:" && protocol !== "https:") {
            bad.push(`${name}=${JSON.stringify(attr.value)} on <${el.localName}>`);
          }
        }
      }
    }
    for (const s of document.querySelectorAll("script")) {
      if (s.getAttribute("src") !== "/assets/app.js") bad.push(`script ${s.outerHTML.slice(0, 80)}`);
    }
    for (const el of document.querySelectorAll("img, svg, iframe, frame, object, embed, base, meta[http-equiv], style")) {
      bad.push(`element <${el.localName}>`);
    }
    return { bad, pwned: window.__pwned, violations: window.__violations };
  });
  assert.deepEqual(found.bad, [], `${what}: hostile markup in the DOM`);
  assert.equal(found.pwned, undefined, `${what}: a script ran`);
  assert.deepEqual(found.violations, [], `${what}: CSP violations`);
  assert.deepEqual(page.trapped.dialogs, [], `${what}: dialogs`);
  assert.deepEqual(page.trapped.pageErrors, [], `${what}: page errors`);
}
