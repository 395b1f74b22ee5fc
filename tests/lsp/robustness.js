// Bad input never stops `retrylint lsp`: broken framing, a body that is not JSON, a message
// that is not an object, requests before initialize and after shutdown, unknown methods, bad
// params, a file outside any compilation database and a TU that crashes the frontend each
// get an LSP error or a logged message, and the next request is still answered. Raw bytes
// on stdin, no client library.
//
// usage: node robustness.js <retrylint>
'use strict';
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { readFrames, frame } = require('./frames');

const tool = path.resolve(process.argv[2]);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'retrylint-lsp-bad-'));
const stray = path.join(work, 'outside', 'stray.cpp');
fs.mkdirSync(path.dirname(stray));
fs.writeFileSync(stray, 'int main() { return 0; }\n');
const strayUri = 'file://' + stray;

/// A server with a parser for what it writes; `next(pred)` waits for a matching message.
function start() {
  const server = spawn(tool, ['lsp'], { cwd: work, stdio: ['pipe', 'pipe', 'pipe'] });
  const state = { server, messages: [], stderr: '', waiters: [] };
  readFrames(server.stdout, (message) => {
    state.messages.push(message);
    state.waiters = state.waiters.filter((w) => !w());
  });
  server.stderr.on('data', (d) => { state.stderr += d; });
  state.exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  state.raw = (text) => server.stdin.write(text);
  state.send = (message) => server.stdin.write(frame(message));
  state.next = (what, pred, ms = 60000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got:\n` +
      state.messages.map((m) => JSON.stringify(m)).join('\n') + '\nstderr:\n' + state.stderr)), ms);
    const check = () => {
      const i = state.messages.findIndex(pred);
      if (i < 0) return false;
      clearTimeout(timer);
      resolve(state.messages.splice(i, 1)[0]);
      return true;
    };
    if (!check()) state.waiters.push(check);
  });
  state.response = (id) => state.next(`the response to ${JSON.stringify(id)}`, (m) => m.id === id && !m.method);
  state.log = (what, re) => state.next(what, (m) => m.method === 'window/logMessage' && re.test(m.params.message));
  return state;
}

const ok = (what) => console.log('ok: ' + what);

async function main() {
  const s = start();
  s.send({ id: 1, method: 'textDocument/hover', params: {} });
  assert.equal((await s.response(1)).error.code, -32002);
  ok('a request before initialize: ServerNotInitialized');

  s.send({ id: 2, method: 'initialize', params: { capabilities: {} } });
  assert.ok((await s.response(2)).result.capabilities);

  s.raw('this line is no header\r\n');
  await s.log('the garbage logged', /^skipped text outside a message 'this line is no header'/);
  ok('text outside a message: logged and skipped');

  s.raw('Content-Length: 12\r\n\r\n{not json!!}');
  const parse = await s.next('a parse error', (m) => m.error && m.id === null && m.error.code === -32700);
  assert.match(parse.error.message, /not JSON/);
  ok('a body that is not JSON: ParseError');

  s.raw('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n');
  await s.log('the header without a length', /without Content-Length/);
  s.raw('Content-Length: many\r\n\r\n');
  await s.log('the bad length', /bad Content-Length 'many'/);
  s.raw(`Content-Length: ${1 << 30}\r\n\r\n`);
  await s.log('the oversized length', /over the limit/);
  ok('a header without Content-Length, a bad and a huge Content-Length: logged and skipped');

  s.send({ id: 3, method: 'retrylint/noSuchMethod', params: {} });
  assert.equal((await s.response(3)).error.code, -32601);
  s.send({ method: 'retrylint/noSuchNotification', params: {} });
  await s.log('the unknown notification', /ignoring the notification retrylint\/noSuchNotification/);
  ok('unknown request: MethodNotFound; unknown notification: logged');

  const array = Buffer.from('[1, 2]');
  s.raw(`Content-Length: ${array.length}\r\n\r\n`);
  s.raw(array);
  await s.next('an invalid request', (m) => m.error && m.id === null && m.error.code === -32600);
  s.send({ id: 4, method: 'textDocument/hover', params: {} });
  assert.equal((await s.response(4)).error.code, -32602);
  s.send({ id: 5, method: 'textDocument/hover', params: { textDocument: { uri: 'https://example.invalid/a.cpp' }, position: { line: 0, character: 0 } } });
  assert.equal((await s.response(5)).error.code, -32602);
  ok('a message that is no object: InvalidRequest; bad params and a non-file URI: InvalidParams');

  s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: strayUri, languageId: 'cpp', version: 1, text: 'int main() { return 0; }\n' } } });
  await s.log('the file outside any database', /no compile_commands\.json in a parent directory of .*stray\.cpp.*is not analysed/);
  const cleared = await s.next('its empty diagnostics', (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === strayUri);
  assert.deepEqual(cleared.params.diagnostics, []);
  s.send({ id: 6, method: 'textDocument/inlayHint', params: { textDocument: { uri: strayUri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } } });
  assert.deepEqual((await s.response(6)).result, []);
  ok('a file outside any compilation database: logged, no diagnostics, requests still answered');

  // A TU on which the frontend crashes costs that TU: its worker process dies, the server
  // logs it and answers on.
  const crashing = path.join(work, 'crashing');
  const crash = path.join(crashing, 'crash.cpp');
  fs.mkdirSync(crashing);
  fs.writeFileSync(crash, '#pragma clang __debug crash\nint main() { return 0; }\n');
  fs.writeFileSync(path.join(crashing, 'compile_commands.json'), JSON.stringify(
    [{ directory: crashing, file: crash, arguments: ['clang++', '-std=c++17', '-c', crash] }]));
  const crashUri = 'file://' + crash;
  s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: crashUri, languageId: 'cpp', version: 1, text: fs.readFileSync(crash, 'utf8') } } });
  await s.log('the crashed TU', /the analysis of .*crash\.cpp crashed \(.*signal.*\); its findings are missing/);
  s.send({ id: 9, method: 'textDocument/inlayHint', params: { textDocument: { uri: crashUri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } } });
  assert.deepEqual((await s.response(9)).result, []);
  ok('a TU that crashes the frontend: logged, requests still answered');

  s.send({ id: 7, method: 'shutdown' });
  assert.equal((await s.response(7)).result, null);
  s.send({ id: 8, method: 'textDocument/hover', params: { textDocument: { uri: strayUri }, position: { line: 0, character: 0 } } });
  assert.equal((await s.response(8)).error.code, -32600);
  s.send({ method: 'exit' });
  assert.equal(await s.exited, 0);
  ok('after shutdown: InvalidRequest; exit: exit code 0');

  // The protocol's exit code 1: the input ends, or exit comes, without a shutdown first.
  const ended = start();
  ended.send({ id: 1, method: 'initialize', params: { capabilities: {} } });
  await ended.response(1);
  ended.server.stdin.end();
  assert.equal(await ended.exited, 1);
  const abrupt = start();
  abrupt.send({ method: 'exit' });
  assert.equal(await abrupt.exited, 1);
  ok('end of input or exit without shutdown: exit code 1');

  // Options it cannot serve with are a usage error before the first message.
  for (const args of [['--checks=no-such-check'], ['--compile-commands-dir=' + path.join(work, 'nowhere')]]) {
    const run = spawnSync(tool, ['lsp', ...args], { input: '', encoding: 'utf8' });
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, /^retrylint lsp: error: /);
  }
  ok('a bad --checks or --compile-commands-dir: exit code 2');
}

main().then(() => {
  fs.rmSync(work, { recursive: true, force: true });
  console.log('ok: lsp robustness');
  process.exit(0);
}, (e) => {
  console.error('FAIL: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
