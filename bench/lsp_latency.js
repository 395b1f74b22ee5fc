// The language server's latency after a save against a cold command-line run on the same TU
// (see lsp-latency.sh, which prepares the project and warms the facts cache).
//
// usage: node lsp_latency.js <retrylint> <project dir with compile_commands.json> <runs> <files...>
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
// The framing the server's tests use; a raw client, so no npm packages are needed.
const { readFrames, frame } = require('../tests/lsp/frames');

const [tool, project, runsArg, ...files] = process.argv.slice(2);
const runs = Number(runsArg);

/// A raw LSP client: framed JSON over the server's stdio, and a wait for a matching message.
function startServer() {
  const server = spawn(tool, ['lsp', `--compile-commands-dir=${project}`], { stdio: ['pipe', 'pipe', 'pipe'] });
  let waiters = [];
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += d; });
  readFrames(server.stdout, (message) => {
    const now = process.hrtime.bigint();
    waiters = waiters.filter((w) => !w(message, now));
  });
  const send = (message) => server.stdin.write(frame(message));
  const next = (pred) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out; server stderr:\n' + stderr)), 300000);
    waiters.push((m, at) => { if (!pred(m)) return false; clearTimeout(timer); resolve({ m, at }); return true; });
  });
  return { server, send, next };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (ns) => Number(ns) / 1e6;

async function main() {
  const { server, send, next } = startServer();
  send({ id: 1, method: 'initialize', params: { capabilities: {} } });
  await next((m) => m.id === 1);
  send({ method: 'initialized', params: {} });
  const rows = [];
  let id = 1;
  for (const file of files) {
    const uri = 'file://' + file;
    const original = fs.readFileSync(file, 'utf8');
    const published = () => next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
    let arrived = published();
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'cpp', version: 1, text: original } } });
    await arrived;
    const cli = [], lsp = [];
    for (let k = 0; k < runs; ++k) {
      // Alternate the two, so a load that comes and goes hits both.
      let t0 = process.hrtime.bigint();
      const run = spawnSync(tool, ['--no-cache', '-p', project, '--fail-on=none', '-o', '/dev/null', file]);
      cli.push(ms(process.hrtime.bigint() - t0));
      if (run.status !== 0)
        throw new Error(`retrylint exited ${run.status}: ${run.stderr}`);
      // An edit the cache has never seen: the TU must be parsed again.
      const text = `${original}\n// edit ${'!'.repeat(k + 1)}\n`;
      fs.writeFileSync(file, text);
      arrived = published();
      t0 = process.hrtime.bigint();
      send({ method: 'textDocument/didSave', params: { textDocument: { uri } } });
      const { at } = await arrived;
      lsp.push(ms(at - t0));
    }
    fs.writeFileSync(file, original);
    rows.push({ file: path.relative(project, file), cli: median(cli), lsp: median(lsp) });
  }
  send({ id: ++id, method: 'shutdown' });
  await next((m) => m.id === id);
  send({ method: 'exit' });
  await new Promise((resolve) => server.on('exit', resolve));

  console.log(`runs per file: ${runs}; medians in ms`);
  console.log('file'.padEnd(52) + 'cold CLI'.padStart(10) + 'LSP save'.padStart(10) + 'ratio'.padStart(8));
  for (const r of rows)
    console.log(r.file.padEnd(52) + r.cli.toFixed(0).padStart(10) + r.lsp.toFixed(0).padStart(10) +
                (r.lsp / r.cli).toFixed(2).padStart(8));
  const worst = Math.max(...rows.map((r) => r.lsp / r.cli));
  console.log(`worst ratio: ${worst.toFixed(2)} (target: at most 1.2)`);
  process.exit(worst <= 1.2 ? 0 : 1);
}

main().catch((e) => { console.error(e.stack || e); process.exit(2); });
