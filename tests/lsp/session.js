// Drives `retrylint lsp` over stdio as an editor does, with vscode-jsonrpc: initialize,
// didOpen, publishDiagnostics, hover, inlayHint, codeLens and its command, codeAction, then an
// edit that adds a retrying layer in another file (didChange, save, didSave): the hint at the
// outermost site goes from ×9 to ×27. Then an unknown request, shutdown and exit.
//
// usage: node session.js <retrylint> <test-corpus dir>
'use strict';
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const rpc = require('vscode-jsonrpc/node');

const tool = path.resolve(process.argv[2]);
const corpusArg = process.argv[3];
const corpus = path.resolve(corpusArg);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'retrylint-lsp-'));
const project = path.join(work, 'project');

// Classic incident 3 split over three TUs, with the service layer not retrying yet (a
// 3 × 3 = 9 nest from the gateway to the pool), and classic incident 1 beside them.
fs.cpSync(path.join(corpus, 'nested-split'), project, { recursive: true });
fs.copyFileSync(path.join(corpus, 'classic', '01-backoff-no-jitter.cpp'), path.join(project, 'client.cpp'));
const servicePath = path.join(project, 'service.cpp');
const retryingService = fs.readFileSync(servicePath, 'utf8');
const retryLine = /return Retry\(\*budget_, 3, \[&\] \{ return data_->Read\(key\); \}\);.*$/m;
assert.match(retryingService, retryLine);
const plainService = retryingService.replace(retryLine, 'return data_->Read(key);');
fs.writeFileSync(servicePath, plainService);
const tus = ['gateway.cpp', 'service.cpp', 'data_layer.cpp', 'client.cpp'];
fs.writeFileSync(path.join(project, 'compile_commands.json'), JSON.stringify(tus.map((f) => ({
  directory: project,
  file: path.join(project, f),
  arguments: ['clang++', '-std=c++17', `-I${corpus}/include`, `-I${project}`, '-c', path.join(project, f)],
})), null, 1));

const uri = (file) => 'file://' + path.join(project, file);
const text = (file) => fs.readFileSync(path.join(project, file), 'utf8');
const lineOf = (file, needle) => text(file).split('\n').findIndex((l) => l.includes(needle));

// No --compile-commands-dir: the server finds project/compile_commands.json above each file.
const server = spawn(tool, ['lsp', '-j', '2'], { cwd: work, stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
server.stderr.on('data', (d) => { stderr += d; });
const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout),
                                               new rpc.StreamMessageWriter(server.stdin));

const diagnostics = new Map();
const shown = [];
let waiters = [];
const wake = () => { waiters = waiters.filter((w) => !w()); };
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  diagnostics.set(params.uri, params.diagnostics);
  wake();
});
connection.onNotification('window/showMessage', (params) => { shown.push(params.message); wake(); });
connection.onNotification('window/logMessage', () => {});
connection.onRequest('workspace/inlayHint/refresh', () => null);
connection.onRequest('workspace/codeLens/refresh', () => null);
connection.listen();

/// Resolves once `ready()` holds, checked on every notification.
function waitFor(what, ready, ms = 180000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; diagnostics: ` +
      JSON.stringify([...diagnostics]) + '\nserver stderr:\n' + stderr)), ms);
    const check = () => {
      const value = ready();
      if (value) { clearTimeout(timer); resolve(value); return true; }
      return false;
    };
    if (!check()) waiters.push(check);
  });
}

const nest = (file, fanout) => () =>
  (diagnostics.get(uri(file)) || []).find((d) => d.code === 'retry-nested-fanout' && d.data && d.data.fanout === fanout);
const whole = { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } };
const hints = (file) => connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: uri(file) }, range: whole });
const open = (file) => connection.sendNotification('textDocument/didOpen', {
  textDocument: { uri: uri(file), languageId: 'cpp', version: 1, text: text(file) },
});
const ok = (what) => console.log('ok: ' + what);

async function main() {
  const init = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: 'file://' + project,
    capabilities: {
      textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } },
      workspace: { inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } },
    },
  });
  const caps = init.capabilities;
  assert.equal(caps.hoverProvider, true);
  assert.equal(caps.inlayHintProvider, true);
  assert.ok(caps.codeActionProvider && caps.codeLensProvider && caps.executeCommandProvider);
  assert.equal(init.serverInfo.name, 'retrylint');
  connection.sendNotification('initialized', {});
  ok('initialize');

  // The nest spans gateway.cpp and data_layer.cpp: the other TUs are analysed in the background
  // and the diagnostics of the open file follow.
  open('gateway.cpp');
  const nine = await waitFor('the ×9 nest at the gateway', nest('gateway.cpp', '9'));
  const retryAt = lineOf('gateway.cpp', 'return Retry(');
  assert.equal(nine.range.start.line, retryAt);
  assert.equal(nine.severity, 2);
  assert.equal(nine.source, 'retrylint');
  assert.match(nine.message, /^3 × 3 = 9 calls reach `storefront::ConnectionPool::Read` per failed request/);
  assert.match(nine.codeDescription.href, /docs\/checks\/retry-nested-fanout\.md$/);
  assert.deepEqual(nine.relatedInformation.map((r) => path.basename(r.location.uri)), ['gateway.cpp', 'data_layer.cpp']);
  assert.match(nine.relatedInformation[1].message, /^layer 2 of 2: `storefront::DataLayer::Read` retries ×3/);
  ok('publishDiagnostics: ' + nine.message.split('; ')[0]);

  let gatewayHints = await hints('gateway.cpp');
  const retryColumn = text('gateway.cpp').split('\n')[retryAt].indexOf('Retry(');
  const callColumn = text('gateway.cpp').split('\n')[retryAt].indexOf('svc_->Get');
  assert.deepEqual(gatewayHints.map((h) => [h.label, h.position.line, h.position.character]),
                   [['×9', retryAt, retryColumn], ['×3', retryAt, callColumn]]);
  ok('inlayHint: ×9 at Retry(, ×3 at svc_->Get');

  const hover = await connection.sendRequest('textDocument/hover', {
    textDocument: { uri: uri('gateway.cpp') }, position: { line: retryAt, character: retryColumn + 2 },
  });
  const markdown = hover.contents.value;
  for (const part of ['**retry** in `storefront::Gateway::Handle` through `storefront::Retry`',
                      'attempts: 3', 'full jitter: random delays up to 40, 80 ms',
                      'retries capped at 10% of requests', '3 × 3 = 9 calls reach `storefront::ConnectionPool::Read`',
                      'layer 1 of 2', 'data_layer.cpp:'])
    assert.ok(markdown.includes(part), `hover lacks '${part}':\n${markdown}`);
  ok('hover: schedule, attempts, budget ceiling, fan-out arithmetic');

  const lenses = await connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uri('gateway.cpp') } });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].range.start.line, lineOf('gateway.cpp', 'Gateway::Handle('));
  assert.match(lenses[0].command.title, /3 × 3 = 9 calls to storefront::ConnectionPool::Read/);
  const view = await connection.sendRequest('workspace/executeCommand', {
    command: lenses[0].command.command, arguments: lenses[0].command.arguments,
  });
  assert.match(view, /^storefront::Gateway::Handle: 3 × 3 = 9 calls to storefront::ConnectionPool::Read\n {2}x3 {2}storefront::Gateway::Handle via storefront::Retry {2}gateway\.cpp:/);
  await waitFor('the fan-out shown', () => shown.some((m) => m === view));
  ok('codeLens and its command: ' + lenses[0].command.title);

  // Classic incident 1: the schedule in the diagnostic and the hover, the full-jitter fix first.
  open('client.cpp');
  const jitter = await waitFor('retry-backoff-no-jitter in client.cpp', () =>
    (diagnostics.get(uri('client.cpp')) || []).find((d) => d.code === 'retry-backoff-no-jitter'));
  const sleepAt = lineOf('client.cpp', 'std::this_thread::sleep_for(sleep)');
  assert.equal(jitter.range.start.line, sleepAt);
  assert.ok(jitter.relatedInformation.some((r) => r.message.includes('100, 200, 400, 800, 1600 ms, no jitter')),
            JSON.stringify(jitter.relatedInformation));
  const forAt = lineOf('client.cpp', 'for (int attempt = 0;');
  const loopHover = await connection.sendRequest('textDocument/hover', {
    textDocument: { uri: uri('client.cpp') }, position: { line: forAt, character: 4 },
  });
  assert.ok(loopHover.contents.value.includes('- attempts: 5\n'), loopHover.contents.value);
  assert.ok(loopHover.contents.value.includes('- schedule: 100, 200, 400, 800, 1600 ms, no jitter'), loopHover.contents.value);
  assert.ok(loopHover.contents.value.includes('- budget: none'), loopHover.contents.value);
  const actions = await connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: uri('client.cpp') },
    range: { start: { line: sleepAt, character: 0 }, end: { line: sleepAt, character: 0 } },
    context: { diagnostics: [jitter] },
  });
  assert.match(actions[0].title, /^Fix: sleep uniform\(0, delay\): full jitter/);
  assert.equal(actions[0].isPreferred, true);
  assert.equal(actions[0].diagnostics[0].code, 'retry-backoff-no-jitter');
  const edit = actions[0].edit.changes[uri('client.cpp')][0];
  assert.equal(edit.range.start.line, sleepAt);
  assert.match(edit.newText, /std::uniform_int_distribution<long long>\(0, d\.count\(\)\)\(rng\)/);
  assert.ok(actions.some((a) => a.title === 'Suppress retry-backoff-no-jitter on this line (NOLINTNEXTLINE)'));
  const clientHints = await hints('client.cpp');
  assert.deepEqual(clientHints.map((h) => [h.label, h.position.line]), [['×5', lineOf('client.cpp', 'stock.Reserve(')]]);
  ok('client.cpp: schedule in relatedInformation and hover, full-jitter fix first, ×5 hint');

  // The edit: service.cpp retries too. The editor changes the buffer, writes it, says so.
  open('service.cpp');
  connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: uri('service.cpp'), version: 2 }, contentChanges: [{ text: retryingService }],
  });
  fs.writeFileSync(servicePath, retryingService);
  connection.sendNotification('textDocument/didSave', { textDocument: { uri: uri('service.cpp') } });
  const started = Date.now();
  await waitFor('the ×27 nest at the gateway after the save', nest('gateway.cpp', '27'));
  ok(`didSave: the gateway's nest is 3 × 3 × 3 = 27 (${Date.now() - started} ms after the save)`);
  gatewayHints = await hints('gateway.cpp');
  assert.deepEqual(gatewayHints.map((h) => h.label), ['×27', '×3']);
  assert.equal(gatewayHints[0].position.line, retryAt);
  const serviceHints = await hints('service.cpp');
  const readAt = lineOf('service.cpp', 'data_->Read(key)');
  assert.deepEqual(serviceHints.map((h) => [h.label, h.position.line, h.position.character]),
                   [['×3', readAt, text('service.cpp').split('\n')[readAt].indexOf('data_->Read')]]);
  ok('inlayHint: ×9 became ×27 at Retry(, ×3 at data_->Read in service.cpp');

  await assert.rejects(connection.sendRequest('retrylint/noSuchMethod', {}), (e) => e.code === -32601);
  connection.sendNotification('retrylint/noSuchNotification', {});
  assert.equal((await hints('gateway.cpp')).length, 2);
  ok('unknown request: MethodNotFound; unknown notification: ignored; the server goes on');

  assert.equal(await connection.sendRequest('shutdown'), null);
  connection.sendNotification('exit');
  assert.equal(await exited, 0);
  ok('shutdown and exit: exit code 0');
}

main().then(() => {
  fs.rmSync(work, { recursive: true, force: true });
  console.log('ok: lsp session');
  process.exit(0);
}, (e) => {
  console.error('FAIL: ' + (e && e.stack ? e.stack : e));
  console.error('server stderr:\n' + stderr);
  server.kill();
  process.exit(1);
});
