#!/usr/bin/env node
// Measures retries with no loop statement (sites of kind `reschedule`) on a subset of TUs,
// without the whole 90-minute benchmark: the TUs that hold or include each reschedule site,
// plus a few other TUs of the same repositories. Prints, per site, the rules reported there
// against the expected ones, and every re-invocation finding that is at no site.
//
//   bench/realcode/lib/reschedule.js [--retrylint PATH] [--extra N] [--reuse] [repo ...]
//
// Needs the prepared work dirs of run.sh (/work/realcode/work/<repo>/cdb) and the sources.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const HERE = path.resolve(__dirname, '..');
const REINVOCATION = /^re-(invokes|schedules) /;

function lines(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
}

function manifest() {
  const repos = {};
  for (const line of lines(path.join(HERE, 'repos.tsv'))) {
    const [name, repo] = line.split('\t');
    repos[name] = repo;
  }
  return repos;
}

function sites(repo) {
  return lines(path.join(HERE, 'sites', repo.replace('/', '+') + '.tsv')).map((line) => {
    const [where, kind, rules] = line.split('\t');
    const at = where.lastIndexOf(':');
    return { file: where.slice(0, at), line: Number(where.slice(at + 1)), kind,
             rules: new Set(rules === '-' ? [] : rules.split(',')) };
  });
}

// The TU itself, else the first TU (sorted) that includes the header by its name.
function tusFor(siteFile, tus, src) {
  const full = path.join(src, siteFile);
  if (tus.has(full)) return [full];
  const base = path.basename(siteFile).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`#\\s*include\\s*[<"]([^">]*/)?${base}[">]`);
  for (const tu of [...tus].sort()) {
    try {
      if (pattern.test(fs.readFileSync(tu, 'latin1'))) return [tu];
    } catch (e) { /* a TU that is gone */ }
  }
  return [];
}

function parseArgs(argv) {
  const args = { retrylint: path.join(HERE, '../../build/bin/retrylint'), work: '/work/realcode/work',
                 src: '/work/realcode/src', extra: 6, reuse: false, repos: [] };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--reuse') args.reuse = true;
    else if (['--retrylint', '--work', '--src', '--extra'].includes(a)) args[a.slice(2)] = argv[++i];
    else args.repos.push(a);
  }
  args.extra = Number(args.extra);
  return args;
}

const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
const sha1 = (s) => crypto.createHash('sha1').update(s).digest('hex');

function main() {
  const args = parseArgs(process.argv.slice(2));
  const repos = manifest();
  const names = args.repos.length ? args.repos : Object.keys(repos).sort();
  let total = 0, found = 0, right = 0;
  const strays = [], others = [];
  for (const name of names) {
    const repo = repos[name];
    const src = path.join(args.src, repo.replace('/', '+'));
    const cdb = path.join(args.work, name, 'cdb');
    const tus = new Set(JSON.parse(fs.readFileSync(path.join(cdb, 'compile_commands.json'), 'utf8'))
      .map((c) => path.normalize(path.resolve(c.directory, c.file))));
    const resched = sites(repo).filter((s) => s.kind === 'reschedule');
    if (!resched.length) continue;
    const chosen = new Set();
    for (const s of resched) tusFor(s.file, tus, src).forEach((t) => chosen.add(t));
    const rest = [...tus].filter((t) => !chosen.has(t)).sort((x, y) => (sha1(x) < sha1(y) ? -1 : 1));
    rest.slice(0, args.extra).forEach((t) => chosen.add(t));
    const out = path.join('/tmp', `reschedule-${name}.json`);
    if (!args.reuse)
      spawnSync(path.resolve(args.retrylint),
                ['-p', cdb, '--format=json', '-j', '2', '--no-cache', '--fail-on=none',
                 `--source-root=${src}`, '-o', out, ...[...chosen].sort()],
                { cwd: src, stdio: ['ignore', 'inherit', 'ignore'] });
    const findings = JSON.parse(fs.readFileSync(out, 'utf8')).findings;
    // The window lib/realcode.js matches a site with.
    const near = (site, f) => f.file === site.file && site.line - 5 <= f.line && f.line <= site.line + 80;
    console.log(`== ${name}: ${chosen.size} TUs, ${resched.length} reschedule sites`);
    for (const s of resched) {
      total += 1;
      const got = new Set(findings.filter((f) => near(s, f) && REINVOCATION.test(f.title)).map((f) => f.ruleId));
      const ok = sameSet(got, s.rules);
      if (got.size) found += 1;
      if (ok && got.size) right += 1;
      let mark = ok && got.size ? 'ok  ' : !got.size ? 'miss' : 'diff';
      if (!got.size && !s.rules.size) {
        mark = 'ok- ';
        right += 1;
      }
      console.log(`  ${mark} ${s.file}:${s.line} expected ${[...s.rules].sort().join(',') || '-'}` +
                  ` got ${[...got].sort().join(',') || '-'}`);
    }
    // Other new findings (a fan-out through a new site, a changed loop): against the last whole
    // run's report, when there is one.
    const last = path.join(args.work, name, 'report.json');
    if (fs.existsSync(last)) {
      const before = new Set(JSON.parse(fs.readFileSync(last, 'utf8')).findings
        .map((f) => `${f.file}\t${f.line}\t${f.ruleId}`));
      for (const f of findings)
        if (!REINVOCATION.test(f.title) && !before.has(`${f.file}\t${f.line}\t${f.ruleId}`))
          others.push(`${name} ${f.file}:${f.line} ${f.ruleId}: ${f.title.slice(0, 140)}`);
    }
    const every = sites(repo);
    for (const f of findings)
      if (REINVOCATION.test(f.title) && !every.some((s) => near(s, f)))
        strays.push(`${name} ${f.file}:${f.line} ${f.ruleId}: ${f.title.slice(0, 140)}`);
  }
  console.log(`\n${found}/${total} reschedule sites reported; ${right} with exactly the expected rules ` +
              '(silent sites counted right when silent)');
  console.log(`${strays.length} re-invocation findings at no site:`);
  strays.forEach((s) => console.log('  ' + s));
  console.log(`${others.length} other findings not in the last whole run's report (work/<repo>/report.json):`);
  others.forEach((s) => console.log('  ' + s));
}

main();
