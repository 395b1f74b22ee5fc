#!/usr/bin/env node
// Validate SARIF 2.1.0 logs written by retrylint.
//
//   node validate-sarif.js [options] <file.sarif>...
//
// Checks, in order, for each file:
//   1. JSON       the file parses as JSON.
//   2. SCHEMA     the official SARIF 2.1.0 JSON schema (sarif-2.1.0.json shipped in the npm
//                 package @microsoft/sarif-multitool-linux, "$schema" draft 2020-12), checked
//                 with Ajv2020 + ajv-formats (uri, uri-reference, date-time, uuid).
//   3. GHAS-LIMITS GitHub code scanning's hard upload limits (runs, results, rules, ...,
//                 and 10 MB gzip-compressed file size).
//   4. CONTRACT   the retrylint SARIF contract of shared/design.md (on by default; --no-contract).
//   5. multitool  `Sarif.Multitool validate --rule-kind "Sarif;Ghas"` with multitool-config.xml.
//                 The multitool always exits 0, so its output log is read: any result whose
//                 level is "error" fails; "warning" results are printed but do not fail.
//
// Every problem is printed as `file: ruleId: message` (warnings: `file: ruleId: warning: ...`).
// Exit status: 0 all files clean, 1 at least one file invalid, 2 tool/setup error
// (node_modules missing, multitool cannot run, unreadable input, bad arguments).
//
// Options:
//   --expect <ruleId>   negative test: exit 0 only if the file is invalid AND every expected
//                       ruleId is among the reported errors; exit 1 otherwise (2 stays 2).
//   --strict            warning-level results fail too (default: printed, not failing).
//   --no-contract       skip the retrylint contract checks (plain SARIF + GHAS validation).
//   --no-multitool      skip step 5 (schema, limits and contract only).
//   --keep-log <path>   copy the multitool's output log to <path> (one input file only).
//   -v, --verbose       also print the multitool's note-level results and timings.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const EXIT_OK = 0;
const EXIT_INVALID = 1;
const EXIT_SETUP = 2;

const HERE = __dirname;
const MULTITOOL_PKG = '@microsoft/sarif-multitool-linux';
const MULTITOOL_CONFIG = path.join(HERE, 'multitool-config.xml');

// GitHub code scanning hard limits ("SARIF results exceed hard limit"): a file over any of
// these is rejected on upload.
const GH_LIMITS = {
  runsPerFile: 20,
  resultsPerRun: 25000,
  rulesPerRun: 25000,
  extensionsPerRun: 100,
  locationsPerResult: 1000,
  threadFlowLocationsPerResult: 10000,
  tagsPerRule: 20,
  gzipBytes: 10 * 1024 * 1024, // "SARIF file is too large": 10 MB, gzip-compressed
};

class SetupError extends Error {}

function usage(msg) {
  if (msg) process.stderr.write(`validate-sarif: ${msg}\n`);
  process.stderr.write(
    'usage: validate-sarif.js [--expect RULEID]... [--strict] [--no-contract] [--no-multitool]\n' +
    '                         [--keep-log PATH] [-v] <file.sarif>...\n');
  process.exit(EXIT_SETUP);
}

function parseArgs(argv) {
  const opts = { files: [], expect: [], strict: false, contract: true, multitool: true, keepLog: null, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--expect') { if (i + 1 >= argv.length) usage('--expect needs a rule id'); opts.expect.push(argv[++i]); }
    else if (a === '--no-contract') opts.contract = false;
    else if (a === '--strict') opts.strict = true;
    else if (a === '--no-multitool') opts.multitool = false;
    else if (a === '--keep-log') { if (i + 1 >= argv.length) usage('--keep-log needs a path'); opts.keepLog = argv[++i]; }
    else if (a === '-v' || a === '--verbose') opts.verbose = true;
    else if (a === '-h' || a === '--help') { usage(); }
    else if (a === '--') { opts.files.push(...argv.slice(i + 1)); break; }
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else opts.files.push(a);
  }
  if (opts.files.length === 0) usage('no input file');
  if (opts.keepLog && opts.files.length !== 1) usage('--keep-log takes exactly one input file');
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Dependencies (from tests/sarif/node_modules only)

function resolveDeps() {
  const hint = `run ${path.join(HERE, 'install.sh')} (npm ci) first`;
  let Ajv2020, addFormats, schemaPath, multitoolDir;
  try {
    Ajv2020 = require(require.resolve('ajv/dist/2020', { paths: [HERE] }));
    addFormats = require(require.resolve('ajv-formats', { paths: [HERE] }));
    multitoolDir = path.dirname(require.resolve(`${MULTITOOL_PKG}/package.json`, { paths: [HERE] }));
  } catch (e) {
    throw new SetupError(`missing node dependency (${e.message.split('\n')[0]}); ${hint}`);
  }
  Ajv2020 = Ajv2020.default || Ajv2020;
  addFormats = addFormats.default || addFormats;
  schemaPath = path.join(multitoolDir, 'sarif-2.1.0.json');
  if (!fs.existsSync(schemaPath)) throw new SetupError(`SARIF schema not found at ${schemaPath}; ${hint}`);
  return { Ajv2020, addFormats, schemaPath, multitoolBin: path.join(multitoolDir, 'Sarif.Multitool'), hint };
}

let schemaValidator = null;
function getSchemaValidator(deps) {
  if (schemaValidator) return schemaValidator;
  let schema;
  try {
    schema = JSON.parse(fs.readFileSync(deps.schemaPath, 'utf8'));
  } catch (e) {
    throw new SetupError(`cannot read SARIF schema ${deps.schemaPath}: ${e.message}`);
  }
  if (schema.$schema !== 'https://json-schema.org/draft/2020-12/schema') {
    throw new SetupError(`unexpected $schema draft in ${deps.schemaPath}: ${schema.$schema}`);
  }
  // strict:false: strict mode is a lint for schema authors and rejects this (valid) schema's
  // style (e.g. "required" inside anyOf); it does not change what instances validate.
  const ajv = new deps.Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  deps.addFormats(ajv);
  schemaValidator = ajv.compile(schema);
  return schemaValidator;
}

// ---------------------------------------------------------------------------------------------
// Checks on the parsed log. Each returns a list of { ruleId, level, message }.

function checkSchema(deps, log) {
  const validate = getSchemaValidator(deps);
  if (validate(log)) return [];
  return validate.errors.map((e) => {
    let detail = e.message;
    if (e.keyword === 'additionalProperties') detail += ` ('${e.params.additionalProperty}')`;
    else if (e.keyword === 'enum') detail += ` (${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
    return { ruleId: 'SCHEMA', level: 'error', message: `${e.instancePath || '/'}: ${detail} [schema ${e.schemaPath}]` };
  });
}

const arr = (x) => (Array.isArray(x) ? x : []);

function checkLimits(log, text) {
  const out = [];
  const gz = require('zlib').gzipSync(Buffer.from(text, 'utf8')).length;
  if (gz > GH_LIMITS.gzipBytes) {
    out.push({ ruleId: 'GHAS-LIMITS', level: 'error', message: `file is ${gz} bytes gzip-compressed, over GitHub code scanning's upload limit of ${GH_LIMITS.gzipBytes} bytes.` });
  }
  const over = (ptr, what, n, max) => {
    if (n > max) out.push({ ruleId: 'GHAS-LIMITS', level: 'error', message: `${ptr}: ${n} ${what}, over GitHub code scanning's hard limit of ${max}; the upload would be rejected.` });
  };
  const runs = arr(log && log.runs);
  over('/runs', 'runs', runs.length, GH_LIMITS.runsPerFile);
  runs.forEach((run, r) => {
    const tool = (run && run.tool) || {};
    over(`/runs/${r}/results`, 'results', arr(run && run.results).length, GH_LIMITS.resultsPerRun);
    over(`/runs/${r}/tool/driver/rules`, 'rules', arr(tool.driver && tool.driver.rules).length, GH_LIMITS.rulesPerRun);
    over(`/runs/${r}/tool/extensions`, 'tool extensions', arr(tool.extensions).length, GH_LIMITS.extensionsPerRun);
    arr(tool.driver && tool.driver.rules).forEach((rule, i) => {
      over(`/runs/${r}/tool/driver/rules/${i}/properties/tags`, 'tags', arr(rule && rule.properties && rule.properties.tags).length, GH_LIMITS.tagsPerRule);
    });
    arr(run && run.results).forEach((res, i) => {
      over(`/runs/${r}/results/${i}/locations`, 'locations', arr(res && res.locations).length, GH_LIMITS.locationsPerResult);
      let tfl = 0;
      arr(res && res.codeFlows).forEach((cf) => arr(cf && cf.threadFlows).forEach((tf) => { tfl += arr(tf && tf.locations).length; }));
      over(`/runs/${r}/results/${i}/codeFlows`, 'thread flow locations', tfl, GH_LIMITS.threadFlowLocationsPerResult);
    });
  });
  return out;
}

// The retrylint SARIF contract (shared/design.md, "SARIF (contract)"): what the multitool
// does not enforce but retrylint promises.
function checkContract(log) {
  const out = [];
  const bad = (ptr, msg) => out.push({ ruleId: 'CONTRACT', level: 'error', message: `${ptr}: ${msg}` });
  const isObj = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
  const str = (x) => typeof x === 'string' && x.length > 0;
  const posInt = (x) => Number.isInteger(x) && x >= 1;
  if (!isObj(log)) return out;
  arr(log.runs).forEach((run, r) => {
    const rp = `/runs/${r}`;
    if (!isObj(run)) return;
    const driver = run.tool && run.tool.driver;
    if (!isObj(driver)) { bad(`${rp}/tool/driver`, 'missing.'); return; }
    for (const k of ['name', 'semanticVersion', 'informationUri']) {
      if (!str(driver[k])) bad(`${rp}/tool/driver`, `'${k}' is missing or empty.`);
    }
    if (!Array.isArray(driver.rules)) bad(`${rp}/tool/driver`, "'rules' array is missing.");
    const rules = arr(driver.rules);
    rules.forEach((rule, i) => {
      const p = `${rp}/tool/driver/rules/${i}`;
      if (!isObj(rule)) return;
      if (!str(rule.id)) bad(p, "'id' is missing.");
      if (!str(rule.name)) bad(p, "'name' is missing.");
      if (!(rule.shortDescription && str(rule.shortDescription.text))) bad(p, "'shortDescription.text' is missing.");
      if (!(rule.fullDescription && str(rule.fullDescription.text))) bad(p, "'fullDescription.text' is missing.");
      if (!(rule.help && str(rule.help.text))) bad(p, "'help.text' is missing.");
      if (!(rule.help && str(rule.help.markdown))) bad(p, "'help.markdown' is missing.");
      if (!str(rule.helpUri)) bad(p, "'helpUri' is missing.");
      if (!(rule.defaultConfiguration && str(rule.defaultConfiguration.level))) bad(p, "'defaultConfiguration.level' is missing.");
      const props = rule.properties || {};
      if (!Array.isArray(props.tags) || props.tags.length === 0) bad(p, "'properties.tags' is missing or empty.");
      if (!str(props.precision)) bad(p, "'properties.precision' is missing.");
    });
    const baseIds = isObj(run.originalUriBaseIds) ? run.originalUriBaseIds : null;
    const checkPhysical = (pl, p) => {
      if (!isObj(pl)) { bad(p, "'physicalLocation' is missing."); return; }
      const al = pl.artifactLocation;
      if (!isObj(al) || !str(al.uri)) bad(`${p}/artifactLocation`, "'uri' is missing.");
      else {
        if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(al.uri) || al.uri.startsWith('/')) bad(`${p}/artifactLocation/uri`, `'${al.uri}' is not a repo-relative reference.`);
        if (al.uri.includes('\\')) bad(`${p}/artifactLocation/uri`, `'${al.uri}' contains a backslash.`);
        if (!str(al.uriBaseId)) bad(`${p}/artifactLocation`, "'uriBaseId' is missing.");
        else if (!baseIds || !(al.uriBaseId in baseIds)) bad(`${p}/artifactLocation`, `uriBaseId '${al.uriBaseId}' is not defined in run.originalUriBaseIds.`);
      }
      const rg = pl.region;
      if (!isObj(rg)) bad(p, "'region' is missing.");
      else for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
        if (!posInt(rg[k])) bad(`${p}/region`, `'${k}' is missing or not a positive integer (a full region has start and end line and column).`);
      }
    };
    arr(run.results).forEach((res, i) => {
      const p = `${rp}/results/${i}`;
      if (!isObj(res)) return;
      if (!str(res.ruleId)) bad(p, "'ruleId' is missing.");
      if (!Number.isInteger(res.ruleIndex)) bad(p, "'ruleIndex' is missing.");
      else if (!rules[res.ruleIndex] || rules[res.ruleIndex].id !== res.ruleId) bad(p, `ruleIndex ${res.ruleIndex} does not point at rule '${res.ruleId}'.`);
      if (!str(res.level)) bad(p, "'level' is missing.");
      if (!(res.message && str(res.message.text))) bad(p, "'message.text' is missing.");
      if (!Array.isArray(res.locations) || res.locations.length === 0) bad(p, "'locations' is missing or empty.");
      arr(res.locations).forEach((loc, j) => checkPhysical(loc && loc.physicalLocation, `${p}/locations/${j}/physicalLocation`));
      if (!(res.partialFingerprints && str(res.partialFingerprints.primaryLocationLineHash))) bad(p, "'partialFingerprints.primaryLocationLineHash' is missing.");
      arr(res.codeFlows).forEach((cf, c) => arr(cf && cf.threadFlows).forEach((tf, t) => arr(tf && tf.locations).forEach((tfl, k) => {
        const q = `${p}/codeFlows/${c}/threadFlows/${t}/locations/${k}`;
        if (!(tfl && tfl.location)) { bad(q, "'location' is missing (GitHub needs inline thread flow locations)."); return; }
        if (!(tfl.location.message && str(tfl.location.message.text))) bad(`${q}/location`, "'message.text' is missing.");
        checkPhysical(tfl.location.physicalLocation, `${q}/location/physicalLocation`);
      })));
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// The SARIF multitool

function ensureExecutable(bin, hint) {
  if (!fs.existsSync(bin)) throw new SetupError(`multitool binary not found at ${bin}; ${hint}`);
  try {
    fs.accessSync(bin, fs.constants.X_OK);
  } catch (_) {
    // The package sets the mode in a postinstall script, which npm may skip (--ignore-scripts).
    try { fs.chmodSync(bin, fs.statSync(bin).mode | 0o755); } catch (e) {
      throw new SetupError(`multitool binary ${bin} is not executable and chmod failed: ${e.message}`);
    }
  }
}

function formatMessage(res, rules) {
  const m = res.message || {};
  if (typeof m.text === 'string') return m.text;
  const rule = Number.isInteger(res.ruleIndex) ? rules[res.ruleIndex] : rules.find((r) => r.id === res.ruleId);
  const tmpl = rule && rule.messageStrings && m.id && rule.messageStrings[m.id] && rule.messageStrings[m.id].text;
  const args = arr(m.arguments);
  if (!tmpl) return `${m.id || '(no message)'} ${JSON.stringify(args)}`;
  return tmpl.replace(/\{\{|\}\}|\{(\d+)\}/g, (s, n) => (s === '{{' ? '{' : s === '}}' ? '}' : (args[Number(n)] !== undefined ? String(args[Number(n)]) : s)));
}

function runMultitool(deps, file, opts) {
  ensureExecutable(deps.multitoolBin, deps.hint);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'retrylint-sarif-'));
  const outLog = path.join(tmp, 'multitool.sarif');
  try {
    // Argument order matters: --log and --rule-kind are list options that swallow following
    // plain values, so the input file comes first, right after the verb.
    const args = ['validate', path.resolve(file),
      '--rule-kind', 'Sarif;Ghas',
      '--config', MULTITOOL_CONFIG,
      '--level', opts.verbose ? 'Error;Warning;Note' : 'Error;Warning',
      '--threads', '1',
      // Default 10000 KB would skip big logs (and fail with ERR997); the upload size limit is
      // checked separately (GHAS-LIMITS, gzip-compressed size).
      '--max-file-size-in-kb', String(Math.ceil(fs.statSync(file).size / 1024) + 1024),
      '--output', outLog,
      '--log', 'ForceOverwrite',
      '--quiet'];
    const env = Object.assign({}, process.env, {
      // No ICU needed: without this the binary aborts when libicu is absent.
      DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1',
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      DOTNET_NOLOGO: '1',
    });
    if (!env.HOME) env.HOME = tmp;
    const t0 = Date.now();
    const p = spawnSync(deps.multitoolBin, args, { env, encoding: 'utf8', timeout: 300000, maxBuffer: 64 << 20 });
    if (opts.verbose) process.stderr.write(`validate-sarif: multitool took ${Date.now() - t0} ms\n`);
    if (p.error) throw new SetupError(`cannot run ${deps.multitoolBin}: ${p.error.message}`);
    if (p.status !== 0 || !fs.existsSync(outLog)) {
      const why = p.signal ? `killed by ${p.signal}` : `exit ${p.status}`;
      throw new SetupError(`multitool failed (${why}):\n${(p.stdout || '') + (p.stderr || '')}`.trimEnd());
    }
    if (opts.keepLog) fs.copyFileSync(outLog, opts.keepLog);
    let out;
    try {
      out = JSON.parse(fs.readFileSync(outLog, 'utf8'));
    } catch (e) {
      throw new SetupError(`cannot parse the multitool output log: ${e.message}`);
    }
    const problems = [];
    for (const run of arr(out.runs)) {
      const rules = arr(run.tool && run.tool.driver && run.tool.driver.rules);
      for (const inv of arr(run.invocations)) {
        for (const n of arr(inv.toolExecutionNotifications).concat(arr(inv.toolConfigurationNotifications))) {
          if (n.level === 'error') throw new SetupError(`multitool reported a tool error: ${(n.message && n.message.text) || JSON.stringify(n)}`);
        }
        if (inv.executionSuccessful === false) throw new SetupError('multitool reports executionSuccessful=false');
      }
      for (const res of arr(run.results)) {
        const rule = Number.isInteger(res.ruleIndex) ? rules[res.ruleIndex] : null;
        const level = res.level || (rule && rule.defaultConfiguration && rule.defaultConfiguration.level) || 'warning';
        if (level === 'none') continue;
        problems.push({ ruleId: res.ruleId || '?', level, message: formatMessage(res, rules) });
      }
    }
    return problems;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

function validateFile(deps, file, opts) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new SetupError(`cannot read ${file}: ${e.message}`);
  }
  const problems = [];
  let log;
  try {
    log = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    problems.push({ ruleId: 'JSON', level: 'error', message: `not valid JSON: ${e.message}` });
  }
  if (log !== undefined) {
    problems.push(...checkSchema(deps, log));
    problems.push(...checkLimits(log, text));
    if (opts.contract) problems.push(...checkContract(log));
  }
  if (opts.multitool) problems.push(...runMultitool(deps, file, opts));
  return problems;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  let deps;
  let invalid = false;
  const errorIds = new Set();
  try {
    deps = resolveDeps();
    for (const file of opts.files) {
      const t0 = Date.now();
      const problems = validateFile(deps, file, opts);
      const fails = (p) => p.level === 'error' || (opts.strict && p.level === 'warning');
      const errors = problems.filter(fails);
      for (const p of problems) {
        const lvl = p.level === 'error' ? '' : `${p.level}: `;
        const line = `${file}: ${p.ruleId}: ${lvl}${p.message}`;
        (fails(p) ? process.stdout : process.stderr).write(`${line}\n`);
        if (fails(p)) errorIds.add(p.ruleId);
      }
      if (errors.length) invalid = true;
      const nw = problems.length - errors.length;
      process.stdout.write(`${file}: ${errors.length ? 'INVALID' : 'OK'} (${errors.length} failing, ${nw} other warning(s)/note(s)${opts.verbose ? `, ${Date.now() - t0} ms` : ''})\n`);
    }
  } catch (e) {
    if (e instanceof SetupError) {
      process.stderr.write(`validate-sarif: setup error: ${e.message}\n`);
      process.exit(EXIT_SETUP);
    }
    process.stderr.write(`validate-sarif: internal error: ${e.stack || e}\n`);
    process.exit(EXIT_SETUP);
  }
  if (opts.expect.length) {
    const missing = opts.expect.filter((id) => !errorIds.has(id));
    if (!invalid) { process.stdout.write('validate-sarif: expected the file to be rejected, but it validated\n'); process.exit(EXIT_INVALID); }
    if (missing.length) { process.stdout.write(`validate-sarif: rejected, but not by the expected rule(s): ${missing.join(', ')}\n`); process.exit(EXIT_INVALID); }
    process.stdout.write(`validate-sarif: rejected as expected (${opts.expect.join(', ')})\n`);
    process.exit(EXIT_OK);
  }
  process.exit(invalid ? EXIT_INVALID : EXIT_OK);
}

main();
