// Batch detection in Node: detectFiles (mtcnn-wasm/node) and `mtcnn-wasm detect` on folders,
// a pool of workers, JSON Lines, resume after a signal, shards, a progress line on a
// terminal, and flat memory over a 10,000-file folder.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { detectFiles, listImageFiles } from '../../web/src/node/index.js';
import { progressLine } from '../../web/src/node/progress.js';
import { fixturesDir, root } from './fixtures.mjs';

const run = promisify(execFile);
const cli = path.join(root, 'web', 'bin', 'mtcnn-wasm.js');
const FIXTURES = fs.readdirSync(path.join(fixturesDir, 'images')).sort();

async function detect(args, options = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'detect', ...args], {
      maxBuffer: 64 * 2 ** 20,
      ...options,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const readJsonl = (file) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
const byFile = (records) => [...records].sort((a, b) => (a.file < b.file ? -1 : 1));

// A folder of `copies` links to each fixture, spread over nested folders.
function linkedFolder(dir, copies) {
  for (let c = 0; c < copies; c++) {
    const sub = path.join(dir, `set${String(c).padStart(3, '0')}`);
    fs.mkdirSync(sub, { recursive: true });
    for (const f of FIXTURES)
      fs.symlinkSync(path.join(fixturesDir, 'images', f), path.join(sub, f));
  }
  return dir;
}

describe('batch detection', () => {
  let tmp;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtcnn-batch-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('walks folders recursively in code-unit name order, images only, each file once', async () => {
    const dir = path.join(tmp, 'walk');
    for (const f of ['b/2.PNG', 'a/1.jpg', 'a/notes.txt', 'c.jpeg', 'Z.png', 'a/deep/x.jpg'])
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    for (const f of ['b/2.PNG', 'a/1.jpg', 'a/notes.txt', 'c.jpeg', 'Z.png', 'a/deep/x.jpg'])
      fs.writeFileSync(path.join(dir, f), '');
    fs.symlinkSync(dir, path.join(dir, 'a', 'loop')); // a cycle, walked once
    const explicit = path.join(dir, 'a', 'notes.txt');
    const files = await listImageFiles([dir, explicit, path.join(dir, 'c.jpeg')]);
    assert.deepEqual(
      files.map((f) => path.relative(dir, f)),
      ['Z.png', 'a/1.jpg', 'a/deep/x.jpg', 'b/2.PNG', 'c.jpeg', 'a/notes.txt'],
    );
  });

  it('--jsonl records equal --json ones; --json keeps the walk order; --jobs 2 = --jobs 1', async () => {
    const dir = linkedFolder(path.join(tmp, 'same'), 2);
    const json = await detect([dir, '--json', '--jobs', '1']);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout);
    assert.deepEqual(
      doc.map((r) => r.file),
      await listImageFiles([dir]),
    );
    const out = path.join(tmp, 'same.jsonl');
    const jsonl = await detect([dir, '--jsonl', out, '--jobs', '2']);
    assert.equal(jsonl.code, 0, jsonl.stderr);
    assert.equal(jsonl.stdout, '');
    assert.deepEqual(byFile(readJsonl(out)), byFile(doc));
    const toStdout = await detect([dir, '--jsonl', '-', '--jobs', '2']);
    assert.deepEqual(
      byFile(
        toStdout.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l)),
      ),
      byFile(doc),
    );
    assert.ok(doc.some((r) => r.faces.length > 0));
  });

  it('a corrupt file among good ones gets its error record and status 1', async () => {
    const dir = linkedFolder(path.join(tmp, 'corrupt'), 1);
    const good = fs.readFileSync(path.join(fixturesDir, 'images', FIXTURES[0]));
    fs.writeFileSync(path.join(dir, 'broken.png'), good.subarray(0, good.length / 2));
    const out = path.join(tmp, 'corrupt.jsonl');
    const r = await detect([dir, '--jsonl', out]);
    assert.equal(r.code, 1);
    const records = readJsonl(out);
    assert.equal(records.length, FIXTURES.length + 1);
    const broken = records.find((x) => x.file.endsWith('broken.png'));
    assert.deepEqual(Object.keys(broken), ['file', 'error']);
    assert.equal(broken.error.name, 'InvalidImage');
    assert.equal(records.filter((x) => x.faces).length, FIXTURES.length);
    assert.match(r.stderr, /broken\.png: InvalidImage/);
  });

  it('two shards partition the images', async () => {
    const dir = linkedFolder(path.join(tmp, 'shards'), 5);
    const all = await listImageFiles([dir]);
    const parts = [];
    for (const i of [0, 1]) {
      const out = path.join(tmp, `shard${i}.jsonl`);
      assert.equal((await detect([dir, '--jsonl', out, '--shard', `${i}/2`])).code, 0);
      parts.push(readJsonl(out).map((r) => r.file));
    }
    assert.ok(
      parts[0].length > 0 && parts[1].length > 0,
      `${parts[0].length} + ${parts[1].length}`,
    );
    assert.deepEqual([...parts[0], ...parts[1]].sort(), [...all].sort());
    assert.equal(new Set([...parts[0], ...parts[1]]).size, all.length);
    for (const bad of ['2/2', '1/0', 'x', '-1/2']) {
      const r = await detect([dir, '--shard', bad]);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /shard/);
    }
  });

  for (const signal of ['SIGTERM', 'SIGINT']) {
    it(`stopped by ${signal} mid-run, then --resume: every image exactly once`, async () => {
      const dir = linkedFolder(path.join(tmp, `resume-${signal}`), 15);
      const all = await listImageFiles([dir]);
      const out = path.join(tmp, `resume-${signal}.jsonl`);
      const child = spawn(process.execPath, [cli, 'detect', dir, '--jsonl', out, '--jobs', '2'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
      const lines = () =>
        fs.existsSync(out) ? fs.readFileSync(out, 'utf8').split('\n').length - 1 : 0;
      while (lines() < 3) await new Promise((r) => setTimeout(r, 20));
      child.kill(signal);
      assert.equal(await exited, signal === 'SIGINT' ? 130 : 143);
      assert.match(stderr, new RegExp(`stopped by ${signal}.*--resume`));
      const partial = fs.readFileSync(out, 'utf8');
      assert.ok(partial.endsWith('\n'), 'whole lines only');
      const first = readJsonl(out);
      assert.ok(first.length < all.length, `stopped after ${first.length} of ${all.length}`);
      // A process killed outright can leave half a line: resume drops it.
      fs.appendFileSync(out, '{"file":"half a rec');
      const r = await detect([dir, '--jsonl', out, '--resume', '--jobs', '2']);
      assert.equal(r.code, 0, r.stderr);
      const records = readJsonl(out);
      assert.deepEqual(records.map((x) => x.file).sort(), [...all].sort());
      assert.deepEqual(records.slice(0, first.length), first);
      // A finished run resumed does nothing more.
      assert.equal((await detect([dir, '--jsonl', out, '--resume'])).code, 0);
      assert.equal(readJsonl(out).length, all.length);
    });
  }

  it('draws every image of a folder under DIR by its path below the folder', async () => {
    const dir = linkedFolder(path.join(tmp, 'draw'), 2);
    const drawn = path.join(tmp, 'drawn');
    assert.equal((await detect([dir, '--draw', drawn])).code, 0);
    const expected = (await listImageFiles([dir])).map((f) =>
      path.relative(dir, f).replace(/\.[^.]+$/, '.png'),
    );
    const found = execFileSync('find', [drawn, '-type', 'f'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((f) => path.relative(drawn, f));
    assert.deepEqual(found.sort(), expected.sort());
  });

  it('rejects conflicting and bad batch arguments with status 2', async () => {
    const img = path.join(fixturesDir, 'images', FIXTURES[0]);
    for (const args of [
      [img, '--json', '--jsonl', '-'],
      [img, '--resume'],
      [img, '--resume', '--jsonl', '-'],
      [img, '--jobs', '0'],
      [img, '--jobs', '1.5'],
    ]) {
      const r = await detect(args);
      assert.equal(r.code, 2, JSON.stringify(args));
      assert.match(r.stderr, /usage: mtcnn-wasm detect PATH/);
    }
  });

  it('shows progress on a terminal and nothing on a pipe', async (t) => {
    assert.match(
      progressLine({ done: 250, total: 1000, elapsedMs: 10000, columns: 80 }),
      /^\[#{10}-{30}\] 250\/1000 {2}25\.0 img\/s {2}ETA 0:30$/,
    );
    assert.match(
      progressLine({ done: 3, total: 3, elapsedMs: 1500, columns: 30 }),
      /3\/3 {2}2\.0 img\/s {2}ETA 0:00$/,
    );
    const dir = linkedFolder(path.join(tmp, 'progress'), 2);
    const piped = await detect([dir, '--jsonl', path.join(tmp, 'p.jsonl')]);
    assert.equal(piped.stderr, '');
    if (!fs.existsSync('/usr/bin/script')) {
      t.skip('no /usr/bin/script (util-linux) to give the CLI a terminal');
      return;
    }
    // util-linux's script runs the CLI on a pseudo-terminal.
    const command = [process.execPath, cli, 'detect', dir, '--jsonl', path.join(tmp, 't.jsonl')]
      .map((a) => `'${a}'`)
      .join(' ');
    const tty = execFileSync('/usr/bin/script', ['-qec', command, '/dev/null'], {
      encoding: 'utf8',
    });
    const n = FIXTURES.length * 2;
    assert.match(tty, new RegExp(`${n}/${n} +[\\d.]+ img/s +ETA 0:00`));
  });
});

describe('detectFiles', () => {
  it('yields records as they complete, or in order with ordered, skipping `skip`', async () => {
    const files = FIXTURES.map((f) => path.join(fixturesDir, 'images', f));
    const ordered = [];
    for await (const r of detectFiles(files, { jobs: 2, ordered: true })) ordered.push(r);
    assert.deepEqual(
      ordered.map((r) => r.file),
      files,
    );
    const rest = [];
    for await (const r of detectFiles(files, { jobs: 2, skip: new Set([files[0]]) })) rest.push(r);
    assert.deepEqual(byFile(rest), byFile(ordered.slice(1)));
  });

  it('stops at once on an AbortSignal, and names bad options', async () => {
    const stop = new AbortController();
    let seen = 0;
    await assert.rejects(async () => {
      for await (const r of detectFiles([fixturesDir], { jobs: 2, signal: stop.signal })) {
        assert.ok(r);
        if (++seen === 1) stop.abort(new Error('enough'));
      }
    }, /enough/);
    assert.equal(seen, 1);
    for (const [options, pattern] of [
      [{ jobs: 0 }, /jobs/],
      [{ shard: '3/2' }, /shard/],
      [{ worker: true }, /worker/],
      [{ minFaceSize: -1 }, /min_?face_?size/i],
      [{ bogus: 1 }, /bogus/],
    ]) {
      await assert.rejects(
        async () => {
          for await (const r of detectFiles([fixturesDir], options)) assert.ok(r);
        },
        (e) => e.name === 'InvalidOption' && pattern.test(e.message),
        JSON.stringify(options),
      );
    }
  });

  it('keeps memory flat over a folder of 10,000 images', { timeout: 300000 }, async (t) => {
    // Eight small pictures (noise, so P-Net has work), written 1,250 times each in 100 folders.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtcnn-10k-'));
    try {
      const pictures = Array.from({ length: 8 }, (_, k) => {
        const png = new PNG({ width: 64 + 8 * k, height: 64 });
        for (let i = 0; i < png.data.length; i++)
          png.data[i] = i % 4 === 3 ? 255 : (i * 7919 + k * 104729) % 251;
        return PNG.sync.write(png);
      });
      for (let i = 0; i < 10000; i++) {
        const sub = path.join(dir, String(i % 100).padStart(2, '0'));
        if (i < 100) fs.mkdirSync(sub);
        fs.writeFileSync(path.join(sub, `${String(i).padStart(5, '0')}.png`), pictures[i % 8]);
      }
      const script = `
        import { detectFiles } from ${JSON.stringify(path.join(root, 'web', 'src', 'node', 'index.js'))};
        const samples = {};
        let n = 0;
        for await (const r of detectFiles([${JSON.stringify(dir)}], { jobs: 2 })) {
          if (r.error) throw new Error(r.error.message);
          n++;
          if (n === 2000 || n === 10000) {
            global.gc();
            samples[n] = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed };
          }
        }
        console.log(JSON.stringify({ n, samples }));`;
      const { n, samples } = JSON.parse(
        execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
          encoding: 'utf8',
        }),
      );
      assert.equal(n, 10000);
      const mib = (x) => x / 2 ** 20;
      const rss = mib(samples[10000].rss - samples[2000].rss);
      const heap = mib(samples[10000].heap - samples[2000].heap);
      t.diagnostic(
        `images 2,000 -> 10,000: rss ${rss.toFixed(1)} MiB, main heap ${heap.toFixed(2)} MiB`,
      );
      assert.ok(heap < 1, `main heap grew ${heap.toFixed(2)} MiB`);
      assert.ok(rss < 16, `rss grew ${rss.toFixed(1)} MiB`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
