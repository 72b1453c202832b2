// The public site in a real browser: accessibility (axe-core), right-to-left Persian pages,
// and an imported article whose title, lead and body carry XSS payloads.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  articlePaths,
  describeViolations,
  dialogs,
  ingestHostileArticle,
  launchBrowser,
  newContext,
  payloads,
  screenshot,
  seriousViolations,
  startDemo,
} from './lib/herald.mjs';

const slow = { timeout: 120_000 };

describe('the public site', () => {
  let demo;
  let browser;
  let context;

  before(async () => {
    demo = await startDemo('public', { seed: ingestHostileArticle });
    browser = await launchBrowser();
    context = await newContext(browser);
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await demo?.stop();
  });

  async function open(path, name) {
    const page = await context.newPage();
    const response = await page.goto(demo.url(path));
    assert.equal(response.status(), 200, `GET ${path} answered ${response.status()}`);
    if (name) await screenshot(page, name);
    return page;
  }

  async function assertAccessible(path, name) {
    const page = await open(path, name);
    try {
      const violations = await seriousViolations(page);
      assert.deepEqual(
        violations.map((v) => v.id),
        [],
        `axe found serious or critical violations on ${path}:\n${describeViolations(violations)}`,
      );
    } finally {
      await page.close();
    }
  }

  test('the Vietnamese home has no serious or critical accessibility violation', slow, async () => {
    await assertAccessible('/vi/', 'axe-home-vi');
  });

  test('an article page has no serious or critical accessibility violation', slow, async () => {
    const article = (await articlePaths(demo.base, 'vi')).find((a) => !a.title.includes('onerror'));
    assert.ok(article, 'the demo publishes no Vietnamese article');
    await assertAccessible(article.path, 'axe-article-vi');
  });

  test('a machine-translated Spanish article has no serious or critical accessibility violation', slow, async () => {
    // One of the sample's, not the hostile import (whose raw <img> has no alt: see below).
    const article = (await articlePaths(demo.base, 'es')).find((a) => !a.title.includes('onerror'));
    assert.ok(article, 'the demo translated no article into Spanish');
    await assertAccessible(article.path, 'axe-article-es');
  });

  test('the search page with results has no serious or critical accessibility violation', slow, async () => {
    const [article] = await articlePaths(demo.base, 'en');
    assert.ok(article, 'the demo publishes no English article');
    // A word of a real title, so the page shows hits and not only "nothing found".
    const word = article.title.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w)) ?? 'news';
    const page = await open(`/en/search?q=${encodeURIComponent(word)}`, 'axe-search-en');
    try {
      assert.ok(
        (await page.locator('main a[href^="/en/"]').count()) > 0,
        `searching "${word}" found nothing to link to`,
      );
      const violations = await seriousViolations(page);
      assert.deepEqual(violations.map((v) => v.id), [], describeViolations(violations));
    } finally {
      await page.close();
    }
  });

  test('the Persian home has no serious or critical accessibility violation', slow, async () => {
    await assertAccessible('/fa/', null);
  });

  test('the other kinds of public page have no serious or critical accessibility violation', slow, async () => {
    const page = await context.newPage();
    try {
      await page.goto(demo.url('/en/'));
      const links = await page
        .locator('a[href^="/en/"]')
        .evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
      const paths = ['/ar/', '/fr/videos', '/en/search?q=zzqxw'];
      for (const kind of [/^\/en\/topic\//, /^\/en\/local\//, /^\/en\/[a-z-]+\/$/]) {
        const found = links.find((href) => kind.test(href));
        assert.ok(found, `the English home links to no page like ${kind}`);
        paths.push(found);
      }
      await page.goto(demo.url('/fr/videos'));
      const video = await page.locator('main a[href^="/fr/"]').first().getAttribute('href');
      assert.ok(video, '/fr/videos lists no video');
      paths.push(video);
      const failures = [];
      for (const path of paths) {
        const response = await page.goto(demo.url(path));
        assert.equal(response.status(), 200, `GET ${path} answered ${response.status()}`);
        const violations = await seriousViolations(page);
        if (violations.length > 0) failures.push(`${path}:\n${describeViolations(violations)}`);
      }
      assert.deepEqual(failures, []);
    } finally {
      await page.close();
    }
  });

  test('the Persian home reads right to left', slow, async () => {
    const page = await open('/fa/', 'rtl-home-fa');
    try {
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'fa');
      assert.equal(
        await page.evaluate(() => getComputedStyle(document.querySelector('main')).direction),
        'rtl',
      );
    } finally {
      await page.close();
    }
  });

  test('a Persian article reads right to left', slow, async () => {
    const [article] = await articlePaths(demo.base, 'fa');
    assert.ok(article, 'the demo publishes no Persian article');
    const page = await open(article.path, 'rtl-article-fa');
    try {
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      const directions = await page.evaluate(() =>
        ['main', 'main h1', '.article-body'].map((selector) => {
          const element = document.querySelector(selector);
          return element ? getComputedStyle(element).direction : `${selector} missing`;
        }),
      );
      assert.deepEqual(directions, ['rtl', 'rtl', 'rtl']);
      // The heading's first line really starts on the right: its text hugs the box's right edge.
      const gap = await page.evaluate(() => {
        const h1 = document.querySelector('main h1');
        const range = document.createRange();
        range.selectNodeContents(h1);
        const firstLine = range.getClientRects()[0];
        const box = h1.getBoundingClientRect();
        return box.right - parseFloat(getComputedStyle(h1).paddingRight) - firstLine.right;
      });
      assert.ok(Math.abs(gap) < 2, `the heading's first line ends ${gap}px from its right edge`);
    } finally {
      await page.close();
    }
  });

  describe('an imported article with XSS payloads', () => {
    let hostile;

    before(async () => {
      const english = await articlePaths(demo.base, 'en');
      hostile = english.find((a) => a.title.includes('onerror'));
      assert.ok(
        hostile,
        `the hostile article was not published; English titles: ${english.map((a) => a.title).join(' | ')}`,
      );
    });

    async function assertInert(page, where) {
      const found = await page.evaluate(() => {
        const handlers = [];
        const scriptUrls = [];
        for (const element of document.querySelectorAll('*')) {
          for (const attribute of element.attributes) {
            if (attribute.name.startsWith('on')) handlers.push(`${element.localName}[${attribute.name}]`);
            if (/^\s*javascript:/i.test(attribute.value)) scriptUrls.push(`${element.localName}[${attribute.name}]`);
          }
        }
        const scripts = [...document.scripts]
          .filter((s) => s.type !== 'application/ld+json')
          .map((s) => s.outerHTML.slice(0, 80));
        return { handlers, scriptUrls, scripts };
      });
      assert.deepEqual(found, { handlers: [], scriptUrls: [], scripts: [] }, `live markup on ${where}`);
    }

    test('its page shows the payloads as text and runs none of them', slow, async () => {
      const page = await open(hostile.path, 'xss-article-en');
      try {
        const heading = await page.locator('main h1').textContent();
        assert.ok(
          heading.includes("<img src=x onerror=alert('xss-title')>"),
          `the title is not shown as written: ${heading}`,
        );
        await assertInert(page, hostile.path);
        // The JSON-LD block must not let "</script>" end it early.
        const ld = await page.evaluate(() =>
          [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent),
        );
        for (const block of ld) JSON.parse(block);
      } finally {
        await page.close();
      }
    });

    test('the English home, search and Spanish translation list it without running it', slow, async () => {
      const query = encodeURIComponent('council budget');
      for (const path of ['/en/', `/en/search?q=${query}`]) {
        const page = await open(path);
        try {
          await assertInert(page, path);
        } finally {
          await page.close();
        }
      }
      const spanish = (await articlePaths(demo.base, 'es')).find((a) => a.id === hostile.id);
      if (spanish) {
        const page = await open(spanish.path, 'xss-article-es');
        try {
          await assertInert(page, spanish.path);
        } finally {
          await page.close();
        }
      }
    });

    test('its page carries the CSP that forbids scripts', slow, async () => {
      const response = await fetch(demo.url(hostile.path));
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /script-src/);
      assert.ok(payloads.title.length > 0);
    });
  });

  test('no page opened a dialog during the whole run', () => {
    assert.deepEqual(dialogs, []);
  });
});
