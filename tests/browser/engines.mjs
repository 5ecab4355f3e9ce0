// The three browser engines the tests drive, all from Debian's packages (no browser is
// downloaded), behind one small page interface:
//   chromium  Debian's Chromium through playwright-core (Chrome DevTools Protocol);
//   firefox   Debian's Firefox ESR through puppeteer-core over WebDriver BiDi;
//   webkit    WebKitGTK's MiniBrowser (JavaScriptCore, Safari's engine) through
//             WebKitWebDriver and selenium-webdriver, under an Xvfb display.
// A page offers goto, evaluate(fn, arg), waitFor(fn, arg, ms), text, click, setChecked,
// screenshot and the page errors seen (WebDriver classic cannot see them in WebKit: the
// pages under test report their own).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { launchChromium } from './chromium.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER =
  process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const XVFB = '/usr/bin/Xvfb';

/** Why `engine` cannot run here (a missing binary), or null. */
export function engineMissing(engine) {
  const needs = {
    chromium: [process.env.CHROMIUM ?? '/usr/bin/chromium'],
    firefox: [FIREFOX],
    webkit: [WEBKIT_DRIVER, MINIBROWSER, XVFB],
  }[engine];
  const missing = needs.filter((f) => !fs.existsSync(f));
  return missing.length ? `${missing.join(', ')} not installed` : null;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// ------------------------------------------------------------------ Chromium, Firefox
function cdpPage(page, kind) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message ?? String(e)));
  return {
    errors,
    goto: (url) => page.goto(url),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg, timeout = 60000) =>
      kind === 'playwright'
        ? page.waitForFunction(fn, arg, { timeout })
        : page.waitForFunction(fn, { timeout }, arg),
    text: (selector) => page.$eval(selector, (e) => e.textContent),
    click: (selector) => page.click(selector),
    setChecked: (selector, on) =>
      page.$eval(selector, (e, v) => (e.checked === v ? undefined : e.click()), on),
    screenshot: (path) => page.screenshot({ path }),
    close: () => page.close(),
  };
}

async function launchFirefox({ fakeCamera }) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    // A benchmark's page call runs for minutes.
    protocolTimeout: 30 * 60000,
    extraPrefsFirefox: fakeCamera
      ? { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true }
      : {},
  });
  return {
    version: await browser.version(),
    newPage: async () => cdpPage(await browser.newPage(), 'puppeteer'),
    close: () => browser.close(),
  };
}

async function launchChromiumEngine({ fakeCamera }) {
  const args = fakeCamera
    ? [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${fakeCamera}`,
      ]
    : [];
  const browser = await launchChromium(args);
  return {
    version: `chromium/${browser.version()}`,
    newPage: async () => cdpPage(await browser.newPage(), 'playwright'),
    close: () => browser.close(),
  };
}

// ------------------------------------------------------------------ WebKit
// Runs `fn(arg)` (possibly async) in the page and returns its value; a throw comes back as
// an Error here.
async function webdriverEvaluate(driver, fn, arg) {
  const r = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     Promise.resolve()
       .then(() => (${fn.toString()})(arguments[0]))
       .then((value) => done({ value }), (e) => done({ error: String(e && e.stack || e) }));`,
    arg,
  );
  if (r && 'error' in r) throw new Error(`in the page: ${r.error}`);
  return r?.value;
}

async function startProcess(command, args, env, ready) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await ready()); i++) await sleep(100);
  if (!(await ready())) {
    child.kill();
    throw new Error(`${command} did not start`);
  }
  return child;
}

async function launchWebkit({ fakeCamera }) {
  // WebKit's mock camera (a synthetic picture, not the .y4m), when a camera is asked for.
  const extraArgs = fakeCamera
    ? ['--enable-mock-capture-devices=true', '--enable-media-stream=true']
    : [];
  const { Builder } = await import('selenium-webdriver');
  // An X display of our own for MiniBrowser, and WebKitWebDriver on a free port.
  const display = 100 + (process.pid % 800);
  const xvfb = await startProcess(
    XVFB,
    [`:${display}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    {},
    async () => fs.existsSync(`/tmp/.X11-unix/X${display}`),
  );
  const port = await freePort();
  const driverProcess = await startProcess(
    WEBKIT_DRIVER,
    [`--port=${port}`],
    { DISPLAY: `:${display}` },
    async () =>
      fetch(`http://127.0.0.1:${port}/status`)
        .then((r) => r.ok)
        .catch(() => false),
  );
  const sessions = [];
  const stop = () => {
    driverProcess.kill();
    xvfb.kill();
  };
  return {
    version: `webkitgtk/${await (async () => {
      const d = await session();
      const v = (await d.getCapabilities()).get('browserVersion');
      await d.quit();
      sessions.splice(sessions.indexOf(d), 1);
      return v;
    })()}`,
    newPage: async () => {
      const driver = await session();
      await driver.manage().setTimeouts({ script: 30 * 60000, pageLoad: 60000 });
      return {
        errors: [],
        goto: (url) => driver.get(url),
        evaluate: (fn, arg) => webdriverEvaluate(driver, fn, arg),
        waitFor: async (fn, arg, timeout = 60000) => {
          const end = Date.now() + timeout;
          while (Date.now() < end) {
            if (await webdriverEvaluate(driver, fn, arg)) return;
            await sleep(100);
          }
          throw new Error(
            `waiting for ${fn.toString().slice(0, 80)} timed out after ${timeout} ms`,
          );
        },
        text: (selector) =>
          webdriverEvaluate(driver, (s) => document.querySelector(s).textContent, selector),
        click: async (selector) => {
          const { By } = await import('selenium-webdriver');
          await driver.findElement(By.css(selector)).click();
        },
        setChecked: (selector, on) =>
          webdriverEvaluate(
            driver,
            ([s, v]) => {
              const e = document.querySelector(s);
              if (e.checked !== v) e.click();
            },
            [selector, on],
          ),
        screenshot: async (path) => fs.writeFileSync(path, await driver.takeScreenshot(), 'base64'),
        close: async () => {
          await driver.quit();
          sessions.splice(sessions.indexOf(driver), 1);
        },
      };
    },
    close: async () => {
      for (const d of sessions.splice(0)) await d.quit().catch(() => {});
      stop();
    },
  };

  async function session() {
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', ...extraArgs] },
      })
      .build();
    sessions.push(driver);
    return driver;
  }
}

/**
 * Starts `engine`: {engine, version, newPage(), close()}. `fakeCamera`: a .y4m file
 * Chromium's fake camera plays; Firefox and WebKit then give their own synthetic cameras.
 */
export async function launchEngine(engine, { fakeCamera } = {}) {
  const launcher = { chromium: launchChromiumEngine, firefox: launchFirefox, webkit: launchWebkit }[
    engine
  ];
  if (!launcher) throw new Error(`no engine ${engine}; engines: ${ENGINES.join(', ')}`);
  return { engine, ...(await launcher({ fakeCamera })) };
}
