// What every browser test needs: a herald demo of its own on a free port, Debian's Chromium
// driven by playwright-core, axe-core, screenshots kept as artefacts, and a watch on dialogs
// (an XSS payload that runs would most likely open one).
//
// Nothing is built here: the herald binary comes from HERALD_BIN (CI passes the one
// `cargo test` built), so a test run never waits for cargo.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/// Where screenshots and the demos' logs go.
export const artefacts =
  process.env.HERALD_ARTEFACTS ||
  (process.env.CARGO_TARGET_DIR
    ? path.join(process.env.CARGO_TARGET_DIR, 'browser-artefacts')
    : path.join(here, '..', 'artefacts'));

/// The herald binary under test.
export function heraldBin() {
  const bin = process.env.HERALD_BIN;
  if (!bin) {
    throw new Error(
      'HERALD_BIN is not set: point it at a built herald, e.g. HERALD_BIN=$CARGO_TARGET_DIR/debug/herald',
    );
  }
  if (!existsSync(bin)) throw new Error(`HERALD_BIN=${bin} does not exist`);
  return bin;
}

/// A port nobody listens on right now.
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/// Runs `herald ARGS…` to its end; `input` is written to its standard input.
export function runHerald(args, { input = '', env = {}, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(heraldBin(), args, {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/// Like runHerald, but a non-zero exit is an error naming the command and what it printed.
export async function herald(args, options) {
  const result = await runHerald(args, options);
  if (result.code !== 0) {
    throw new Error(
      `herald ${args.join(' ')} exited ${result.code ?? result.signal}\n${result.stdout}${result.stderr}`,
    );
  }
  return result;
}

/// Starts `herald demo` in a new data folder and waits until /healthz answers.
///
/// `prepare(data)` runs first, against the empty data folder (staff accounts…). `seed(data)`
/// runs once the sample newsroom is in: the demo is started, stopped, seeded, and started
/// again on the same folder. Returns `{ base, data, url(path), stop() }`; `stop()` also copies
/// the demo's log to the artefacts.
export async function startDemo(name, { prepare, seed, env = {} } = {}) {
  const root = await mkdtemp(path.join(tmpdir(), `herald-browser-${name}-`));
  const data = path.join(root, 'data');
  await mkdir(data, { recursive: true });
  const logPath = path.join(root, 'demo.log');
  const keepLog = async () => {
    await mkdir(artefacts, { recursive: true });
    await writeFile(path.join(artefacts, `${name}-herald.log`), await readFile(logPath));
  };
  const removeData = () =>
    process.env.HERALD_KEEP_DATA ? Promise.resolve() : rm(root, { recursive: true, force: true });
  try {
    if (prepare) await prepare(data);
    if (seed) {
      const first = await serveDemo(data, logPath, env);
      await first.stop();
      await seed(data);
    }
    const demo = await serveDemo(data, logPath, env);
    return {
      base: demo.base,
      data,
      url: (p) => new URL(p, demo.base).href,
      stop: async () => {
        await demo.stop();
        await keepLog();
        await removeData();
      },
    };
  } catch (err) {
    if (existsSync(logPath)) await keepLog();
    await removeData();
    throw new Error(`${err.message}\n(herald's log: ${path.join(artefacts, `${name}-herald.log`)})`);
  }
}

/// One `herald demo` process on a free port, its output appended to `logPath`.
async function serveDemo(data, logPath, env) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = createWriteStream(logPath, { flags: 'a' });
  const child = spawn(heraldBin(), ['demo', '--data', data, '--listen', `127.0.0.1:${port}`], {
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  const gone = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = code ?? signal;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    await new Promise((resolve) => log.end(resolve));
  };

  // The demo translates its sample into Spanish and indexes it before it listens.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      const tail = readFileSync(logPath, 'utf8').slice(-3000);
      throw new Error(`herald demo exited (${exited}) before answering:\n${tail}`);
    }
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return { base, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('herald demo did not answer /healthz within 180 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/// Chromium's flags on this machine: as root it needs no sandbox, and on a closed network
/// everything that phones home must be off. playwright-core gives every launch a fresh
/// profile (a new --user-data-dir) itself.
export const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.HERALD_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
  });
}

/// Every dialog any page opened (alert, confirm, prompt): Herald's pages have no script, so
/// one means an injected payload ran.
export const dialogs = [];

/// A browser context whose pages report their dialogs. `bypassCSP` defaults to true: axe is
/// injected as a script, which the site's CSP (rightly) forbids; with the CSP off, an XSS test
/// also proves the escaping itself, not only the CSP behind it.
export async function newContext(browser, { bypassCSP = true, ...options } = {}) {
  const context = await browser.newContext({
    bypassCSP,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.on('page', (page) => {
    page.on('dialog', async (dialog) => {
      dialogs.push({ url: page.url(), type: dialog.type(), message: dialog.message() });
      await dialog.dismiss().catch(() => {});
    });
  });
  return context;
}

/// Saves a full-page screenshot as `<name>.png` in the artefacts folder; returns its path.
export async function screenshot(page, name) {
  await mkdir(artefacts, { recursive: true });
  const file = path.join(artefacts, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/// Runs axe-core on the page and returns its serious and critical violations.
export async function seriousViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ content: axeSource });
  }
  const results = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  if (results.passes.length === 0) throw new Error(`axe checked nothing on ${page.url()}`);
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/// The violations as lines a person can act on.
export function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 6)
          .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim()}`)
          .join('\n'),
    )
    .join('\n');
}

/// An article published in `language`: its path on the site (from the public API).
export async function articlePaths(base, language) {
  const res = await fetch(`${base}/api/v1/articles?lang=${encodeURIComponent(language)}`);
  if (!res.ok) throw new Error(`/api/v1/articles?lang=${language} answered ${res.status}`);
  const body = await res.json();
  if (body.language !== language) throw new Error(`/api/v1/articles answered in ${body.language}, not ${language}`);
  return body.items.map((item) => ({
    id: item.id,
    title: item.title,
    path: new URL(item.url, base).pathname,
  }));
}

/// Texts no page may ever run: each would open a dialog or set a flag if it did.
export const payloads = {
  title: `Council votes <img src=x onerror=alert('xss-title')> on "budget" </script><script>alert('xss-script')</script>`,
  lead: `Residents <svg onload=alert('xss-lead')> ask & wait`,
  body: `The meeting <iframe src="javascript:alert('xss-body')"></iframe> ran late into the night.`,
};

/// Puts an article with hostile text in the data folder, the way a real one arrives: a feed
/// and its page served on 127.0.0.1, `herald source add`, then `herald ingest --once`.
/// Returns the article's title as a reader should see it (as text).
export async function ingestHostileArticle(data) {
  const page = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(payloads.title)}</title>
<meta property="og:title" content="${escapeHtml(payloads.title)}">
<meta name="description" content="${escapeHtml(payloads.lead)}">
</head><body><article><h1>${escapeHtml(payloads.title)}</h1>
<p>${escapeHtml(payloads.lead)}</p>
<p>${escapeHtml(payloads.body)}</p>
<p>Raw markup from the outlet <img src="x" onerror="alert('xss-raw-img')"> and <a href="javascript:alert('xss-href')" onclick="alert('xss-onclick')">a link</a> must lose its scripts.</p>
<p>The council of the riverside district met on Tuesday evening to vote on the budget for the coming year, which includes new bridges, a library and repairs to the market hall.</p>
<p>Several residents spoke before the vote. One asked why the library had waited so long; another wanted the market hall repaired before the rainy season begins in earnest.</p>
<p>The budget passed with a large majority after three hours of debate, and the first works are due to start next month.</p>
<script>alert('xss-source-script')</script>
</article></body></html>`;
  const server = createServer((req, res) => {
    const origin = `http://127.0.0.1:${server.address().port}`;
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Riverside Courier</title><link>${origin}/</link><language>en</language>
<description>Local news</description>
<item>
<title>${escapeHtml(escapeHtml(payloads.title))}</title>
<link>${origin}/stories/council-budget.html</link>
<guid>${origin}/stories/council-budget.html</guid>
<description>${escapeHtml(escapeHtml(payloads.lead))}</description>
<pubDate>${new Date().toUTCString()}</pubDate>
</item>
</channel></rss>`);
    } else if (req.url === '/stories/council-budget.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const env = {
    HERALD_INGEST__ALLOW_ADDRESSES: '["127.0.0.1/32"]',
    HERALD_INGEST__HOST_DELAY_MS: '0',
  };
  try {
    const feed = `http://127.0.0.1:${server.address().port}/feed.xml`;
    await herald(
      ['source', 'add', feed, '--lang', 'en', '--trust', 'auto', '--key', 'riverside',
        '--name', 'Riverside <b>Courier</b>', '--data', data],
      { env },
    );
    await herald(['ingest', '--once', '--source', 'riverside', '--quiet', '--data', data], { env });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return payloads.title;
}

function escapeHtml(text) {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/// Clicks a button that submits a form and waits until the page it leads to has loaded.
export async function clickAndLoad(page, button) {
  const loaded = page.waitForEvent('load', { timeout: 60_000 });
  try {
    await button.click();
  } catch (err) {
    loaded.catch(() => {}); // the click's failure is the one to report
    throw err;
  }
  await loaded;
}
