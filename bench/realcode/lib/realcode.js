#!/usr/bin/env node
// Helpers for bench/realcode/run.sh (node only: no python on the project's machines).
//
//   realcode.js cdb-filter  <in compile_commands.json> <out dir> <src root> [exclude-regex]
//   realcode.js cdb-files   <file list> <out dir> <src root> <flags.json>
//   realcode.js findings    <repo dir in work> <key owner/name@commit> <src root> <vendored-regex> <json>...
//   realcode.js compare     <triage.tsv> <work dir> <repo names...>
//
// Paths in the findings and the triage are relative to the repository root.
'use strict';
const fs = require('fs');
const path = require('path');

function die(msg) {
  process.stderr.write(`realcode.js: ${msg}\n`);
  process.exit(2);
}

function rel(srcRoot, file) {
  if (!file) return '?';
  const abs = path.isAbsolute(file) ? file : path.resolve(srcRoot, file);
  const r = path.relative(srcRoot, abs);
  return r.startsWith('..') ? abs : r; // outside the repository: keep it absolute
}

function writeCdb(outDir, entries) {
  fs.mkdirSync(outDir, { recursive: true });
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  fs.writeFileSync(path.join(outDir, 'compile_commands.json'), JSON.stringify(entries, null, 1) + '\n');
  console.log(entries.length);
}

// A CMake database, less the TUs whose repo-relative path matches the exclude regex and the TUs
// outside the repository (CMake's own checks, fetched dependencies).
function cdbFilter(inFile, outDir, srcRoot, exclude) {
  const re = exclude ? new RegExp(exclude) : null;
  const all = JSON.parse(fs.readFileSync(inFile, 'utf8'));
  const seen = new Set();
  const kept = [];
  for (const e of all) {
    const abs = path.isAbsolute(e.file) ? e.file : path.resolve(e.directory, e.file);
    const r = rel(srcRoot, abs);
    if (path.isAbsolute(r)) continue;
    if (re && re.test(r)) continue;
    if (seen.has(abs)) continue; // the same file in a shared and a static target: analyse it once
    seen.add(abs);
    kept.push({ ...e, file: abs });
  }
  writeCdb(outDir, kept);
}

// A database for the file-by-file mode: one entry per file, flags from the recipe.
// flags.json: { "flags": [...], "perFile": [[regex, [flags...]], ...], "compiler": "clang++" }
function cdbFiles(listFile, outDir, srcRoot, flagsFile) {
  const spec = JSON.parse(fs.readFileSync(flagsFile, 'utf8'));
  const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  const entries = files.map((f) => {
    const abs = path.resolve(srcRoot, f);
    const r = rel(srcRoot, abs);
    const extra = [];
    for (const [re, fl] of spec.perFile || []) if (new RegExp(re).test(r)) extra.push(...fl);
    return {
      directory: srcRoot,
      file: abs,
      arguments: [spec.compiler || 'clang++', ...spec.flags, ...extra, '-c', abs],
    };
  });
  writeCdb(outDir, entries);
}

function oneLine(s) {
  return String(s ?? '').replace(/\s+/g, ' ').trim();
}

// Turns one or more retrylint --format=json reports into findings.txt and adds what they say
// about the TUs to summary.json (which run.sh started with the timings).
function findings(repoDir, key, srcRoot, vendored, jsons) {
  const vre = vendored ? new RegExp(vendored) : null;
  let dropped = 0;
  const out = new Map();
  const incomplete = [];
  let tus = 0;
  let complete = true;
  for (const j of jsons) {
    let rep;
    try {
      rep = JSON.parse(fs.readFileSync(j, 'utf8'));
    } catch (e) {
      continue; // run.sh already counted it as crashed
    }
    if (rep.complete === false) complete = false;
    // The notices name the incomplete TUs (the facts are in a report only with --json-facts).
    tus += rep.translationUnitCount ?? 0;
    for (const n of rep.notices || []) {
      if (!n.file) continue;
      incomplete.push({ file: rel(srcRoot, n.file), problem: oneLine(n.message).slice(0, 300) });
    }
    for (const f of rep.findings || []) {
      const file = rel(srcRoot, (f.span && f.span.file) || f.file);
      const line = f.line ?? (f.span && f.span.line) ?? 0;
      const rule = f.ruleId || f.rule || '?';
      const msg = oneLine(f.message || f.title || '');
      const k = `${key} ${file}:${line} ${rule}`;
      if (vre && vre.test(file)) {
        if (!out.has(k)) dropped++;
        out.set(k, null);
        continue;
      }
      if (!out.has(k)) out.set(k, `${k} ${msg}`);
    }
  }
  const lines = [...out.keys()].filter((k) => out.get(k) !== null).sort().map((k) => out.get(k));
  fs.writeFileSync(path.join(repoDir, 'findings.txt'), lines.join('\n') + (lines.length ? '\n' : ''));
  const sumFile = path.join(repoDir, 'summary.json');
  const sum = fs.existsSync(sumFile) ? JSON.parse(fs.readFileSync(sumFile, 'utf8')) : {};
  sum.reportedTus = tus;
  sum.complete = complete;
  sum.incompleteTus = incomplete.sort((a, b) => (a.file < b.file ? -1 : 1));
  sum.findings = lines.length;
  sum.vendoredFindingsDropped = dropped;
  fs.writeFileSync(sumFile, JSON.stringify(sum, null, 1) + '\n');
}

function pad(s, n, left) {
  s = String(s);
  return left ? s.padStart(n) : s.padEnd(n);
}

function table(rows) {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => pad(c, w[i], i > 0)).join('  ')).join('\n');
}

function compare(triageFile, workDir, names) {
  // Findings of this run.
  const cur = new Map(); // key "repo@commit\tpath:line\trule" -> message
  const keysRun = new Set(); // "repo@commit" of the repositories in this run
  const reposRun = new Map(); // "owner/name" -> "owner/name@commit"
  const summaries = [];
  for (const n of names) {
    const dir = path.join(workDir, n);
    const sf = path.join(dir, 'summary.json');
    if (!fs.existsSync(sf)) continue;
    const s = JSON.parse(fs.readFileSync(sf, 'utf8'));
    summaries.push(s);
    keysRun.add(s.key);
    reposRun.set(s.key.replace(/@.*/, ''), s.key);
    const ff = path.join(dir, 'findings.txt');
    if (!fs.existsSync(ff)) continue;
    for (const l of fs.readFileSync(ff, 'utf8').split('\n')) {
      const m = /^(\S+) (\S+) (\S+) ?(.*)$/.exec(l);
      if (m) cur.set(`${m[1]}\t${m[2]}\t${m[3]}`, m[4]);
    }
  }
  // The triage.
  const tri = new Map();
  const problems = [];
  let prev = null;
  const tlines = fs.existsSync(triageFile) ? fs.readFileSync(triageFile, 'utf8').split('\n') : [];
  tlines.forEach((l, i) => {
    if (!l.trim() || l.startsWith('#')) return;
    const c = l.split('\t');
    if (c.length < 5 || !/^[^@\s]+@[0-9a-f]{7,40}$/.test(c[0]) || !/^.+:\d+$/.test(c[1]) ||
        !['tp', 'fp'].includes(c[3])) {
      problems.push(`triage.tsv:${i + 1}: not "repo@commit<TAB>path:line<TAB>rule<TAB>tp|fp<TAB>reason": ${l}`);
      return;
    }
    const k = `${c[0]}\t${c[1]}\t${c[2]}`;
    if (tri.has(k)) problems.push(`triage.tsv:${i + 1}: duplicate of an earlier line: ${k}`);
    if (prev !== null && l < prev) problems.push(`triage.tsv:${i + 1}: not sorted (LC_ALL=C sort)`);
    prev = l;
    tri.set(k, { verdict: c[3], reason: c.slice(4).join(' ') });
  });

  const per = new Map();
  const bump = (rule, field) => {
    if (!per.has(rule)) per.set(rule, { findings: 0, tp: 0, fp: 0, untriaged: 0 });
    per.get(rule)[field]++;
  };
  const untriaged = [];
  const byRepo = new Map();
  for (const [k, msg] of cur) {
    const rule = k.split('\t')[2];
    const rk = k.split('\t')[0];
    if (!byRepo.has(rk)) byRepo.set(rk, new Map());
    byRepo.get(rk).set(rule, (byRepo.get(rk).get(rule) || 0) + 1);
    bump(rule, 'findings');
    const t = tri.get(k);
    if (!t) {
      bump(rule, 'untriaged');
      untriaged.push(`${k}\t?\t${msg}`);
    } else bump(rule, t.verdict);
  }
  const gone = [];
  const otherPin = new Map();
  for (const [k, t] of tri) {
    const rk = k.split('\t')[0];
    if (keysRun.has(rk)) {
      if (!cur.has(k)) gone.push(`${k}\t${t.verdict}\t${t.reason}`);
    } else if (reposRun.has(rk.replace(/@.*/, ''))) {
      otherPin.set(rk, (otherPin.get(rk) || 0) + 1);
    }
  }

  const prec = (tp, fp) => (tp + fp ? (tp / (tp + fp)).toFixed(2) : '-');
  const out = [];
  out.push('== repositories');
  const rrows = [['repo', 'mode', 'TUs', 'incomplete', 'crashed', 'findings', 'vendored', 'configure s', 'analysis s', 'run']];
  for (const s of summaries) {
    rrows.push([s.key, s.mode, s.tus ?? '?', (s.incompleteTus || []).length, (s.crashedTus || []).length,
      s.findings ?? '?', s.vendoredFindingsDropped ?? 0, s.configureSeconds ?? '-', s.wallSeconds ?? '?', s.runKind || '?']);
  }
  out.push(table(rrows));
  out.push('("vendored": findings in the vendored third-party code the recipe names, left out of everything below)');
  out.push('');
  out.push('== findings per repository and rule');
  const rules = [...new Set([...byRepo.values()].flatMap((m) => [...m.keys()]))].sort();
  if (rules.length) {
    const mrows = [['repo', ...rules.map((r) => r.replace(/^(retry|breaker)-/, ''))]];
    for (const s of summaries) mrows.push([s.key, ...rules.map((r) => (byRepo.get(s.key) || new Map()).get(r) || 0)]);
    out.push(table(mrows));
  }
  out.push('');
  out.push('== precision per rule (findings of this run against triage.tsv)');
  const rows = [['rule', 'findings', 'tp', 'fp', 'untriaged', 'precision']];
  const tot = { findings: 0, tp: 0, fp: 0, untriaged: 0 };
  for (const rule of [...per.keys()].sort()) {
    const p = per.get(rule);
    rows.push([rule, p.findings, p.tp, p.fp, p.untriaged, prec(p.tp, p.fp)]);
    for (const f of Object.keys(tot)) tot[f] += p[f];
  }
  rows.push(['all', tot.findings, tot.tp, tot.fp, tot.untriaged, prec(tot.tp, tot.fp)]);
  out.push(table(rows));
  out.push('');
  out.push(`== untriaged findings (${untriaged.length}; triage.tsv format, verdict "?" to fill in)`);
  out.push(...untriaged);
  out.push('');
  out.push(`== triage lines whose finding is gone (${gone.length})`);
  out.push(...gone);
  for (const [rk, n] of otherPin) out.push(`(${n} triage lines are for ${rk}, not the pinned commit: ignored)`);
  out.push('');
  out.push(...recall(path.join(__dirname, '..', 'sites'), cur, tri, keysRun));
  const crashes = [];
  const inc = [];
  for (const s of summaries) {
    for (const c of s.crashedTus || []) crashes.push(`${s.key}\t${c.file}\t${c.symptom}`);
    for (const c of s.incompleteTus || []) inc.push(`${s.key}\t${c.file}\t${c.problem}`);
    if (s.runNote) crashes.unshift(`${s.key}\t(whole run)\t${s.runNote}`);
  }
  out.push('');
  out.push(`== crashed TUs (${crashes.length})`);
  out.push(...crashes);
  out.push('');
  out.push(`== incomplete TUs (${inc.length}; first problem; also in <work>/<repo>/summary.json)`);
  out.push(...inc.slice(0, 40));
  if (inc.length > 40) out.push(`... ${inc.length - 40} more`);
  if (problems.length) {
    out.push('');
    out.push(`== triage.tsv problems (${problems.length})`);
    out.push(...problems);
  }
  console.log(out.join('\n'));
  fs.writeFileSync(path.join(workDir, 'untriaged.tsv'), untriaged.join('\n') + (untriaged.length ? '\n' : ''));
}

// Recall against the retry sites found by reading each repository (sites/<owner>+<name>.tsv):
// a site with expected rules is "reported" when a finding of one of them lands in the same
// file between 5 lines above and 80 below the site, and "true" when that finding is triaged tp.
function recall(sitesDir, cur, tri, keysRun) {
  const out = [];
  if (!fs.existsSync(sitesDir)) return out;
  const byKind = new Map();
  const missed = [];
  const bump = (kind, field) => {
    if (!byKind.has(kind)) byKind.set(kind, { sites: 0, reported: 0, truly: 0 });
    byKind.get(kind)[field]++;
  };
  const findings = [...cur.keys()].map((k) => {
    const [repo, loc, rule] = k.split('\t');
    const i = loc.lastIndexOf(':');
    return { key: k, repo, file: loc.slice(0, i), line: +loc.slice(i + 1), rule };
  });
  for (const f of fs.readdirSync(sitesDir).filter((n) => n.endsWith('.tsv')).sort()) {
    const lines = fs.readFileSync(path.join(sitesDir, f), 'utf8').split('\n');
    const head = /^#\s*(\S+)@([0-9a-f]{7,40})/.exec(lines[0] || '');
    if (!head) continue;
    const repo = `${head[1]}@${head[2].slice(0, 12)}`;
    if (!keysRun.has(repo)) continue;
    for (const l of lines) {
      if (!l.trim() || l.startsWith('#')) continue;
      const c = l.split('\t');
      if (c.length < 4 || c[2] === '-') continue;
      const i = c[0].lastIndexOf(':');
      const file = c[0].slice(0, i), line = +c[0].slice(i + 1);
      const rules = c[2].split(',').map((r) => r.trim());
      const near = findings.filter((x) => x.repo === repo && x.file === file && rules.includes(x.rule) &&
                                          x.line >= line - 5 && x.line <= line + 80);
      bump(c[1], 'sites');
      bump('all', 'sites');
      if (near.length) { bump(c[1], 'reported'); bump('all', 'reported'); }
      if (near.some((x) => (tri.get(x.key) || {}).verdict === 'tp')) { bump(c[1], 'truly'); bump('all', 'truly'); }
      else missed.push(`${repo}\t${c[0]}\t${c[1]}\t${c[2]}\t${near.length ? 'reported, not triaged tp' : 'not reported'}\t${(c[3] || '').slice(0, 100)}`);
    }
  }
  out.push('== recall against the retry sites read in each repository (sites/*.tsv)');
  const rows = [['kind', 'sites', 'reported', 'true message', 'recall']];
  for (const [k, v] of [...byKind].sort((a, b) => (a[0] === 'all') - (b[0] === 'all') || a[0].localeCompare(b[0])))
    rows.push([k, v.sites, v.reported, v.truly, v.sites ? (v.truly / v.sites).toFixed(2) : '-']);
  out.push(table(rows));
  out.push('');
  out.push(`== sites not reported with a true message (${missed.length})`);
  out.push(...missed);
  return out;
}

const [cmd, ...a] = process.argv.slice(2);
switch (cmd) {
  case 'cdb-filter': cdbFilter(a[0], a[1], a[2], a[3]); break;
  case 'cdb-files': cdbFiles(a[0], a[1], a[2], a[3]); break;
  case 'findings': findings(a[0], a[1], a[2], a[3], a.slice(4)); break;
  case 'compare': compare(a[0], a[1], a.slice(2)); break;
  default: die(`unknown command ${cmd}`);
}
