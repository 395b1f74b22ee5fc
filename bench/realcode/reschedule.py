#!/usr/bin/env python3
"""Measures retries with no loop statement (sites of kind `reschedule`) on a subset of TUs,
without the whole 90-minute benchmark: the TUs that hold or include each reschedule site,
plus a few other TUs of the same repositories. Prints, per site, the rules reported there
against the expected ones, and every re-invocation finding that is at no site.

  bench/realcode/reschedule.py [--retrylint PATH] [--extra N] [--reuse] [repo ...]

Needs the prepared work dirs of run.sh (/work/realcode/work/<repo>/cdb) and the sources.
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REINVOCATION = re.compile(r"^re-(invokes|schedules) ")


def manifest():
    repos = {}
    for line in open(os.path.join(HERE, "repos.tsv")):
        if line.startswith("#") or not line.strip():
            continue
        name, repo = line.split("\t")[:2]
        repos[name] = repo
    return repos


def sites(repo):
    path = os.path.join(HERE, "sites", repo.replace("/", "+") + ".tsv")
    out = []
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        where, kind, rules = cols[0], cols[1], cols[2]
        file, _, lineno = where.rpartition(":")
        out.append({"file": file, "line": int(lineno), "kind": kind,
                    "rules": set() if rules == "-" else set(rules.split(",")), "why": cols[3][:90]})
    return out


def tus_for(site_file, tus, src):
    """The TU itself, else the first TU (sorted) that includes the header by its name."""
    full = os.path.join(src, site_file)
    if full in tus:
        return [full]
    base = os.path.basename(site_file)
    pattern = re.compile(r'#\s*include\s*[<"]([^">]*/)?' + re.escape(base) + r'[">]')
    for tu in sorted(tus):
        try:
            if pattern.search(open(tu, errors="replace").read()):
                return [tu]
        except OSError:
            pass
    return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--retrylint", default=os.path.join(HERE, "../../build/bin/retrylint"))
    ap.add_argument("--work", default="/work/realcode/work")
    ap.add_argument("--src", default="/work/realcode/src")
    ap.add_argument("--extra", type=int, default=6, help="other TUs per repository")
    ap.add_argument("--reuse", action="store_true", help="compare the last run's /tmp outputs again")
    ap.add_argument("repos", nargs="*")
    args = ap.parse_args()
    repos = manifest()
    names = args.repos or sorted(repos)
    total = found = right = 0
    strays, others = [], []
    for name in names:
        repo = repos[name]
        src = os.path.join(args.src, repo.replace("/", "+"))
        cdb = os.path.join(args.work, name, "cdb")
        tus = {os.path.normpath(os.path.join(c["directory"], c["file"]))
               for c in json.load(open(os.path.join(cdb, "compile_commands.json")))}
        resched = [s for s in sites(repo) if s["kind"] == "reschedule"]
        if not resched:
            continue
        chosen = set()
        for s in resched:
            chosen.update(tus_for(s["file"], tus, src))
        rest = sorted(tus - chosen, key=lambda t: hashlib.sha1(t.encode()).hexdigest())
        chosen.update(rest[:args.extra])
        out = os.path.join("/tmp", "reschedule-" + name + ".json")
        if not args.reuse:
            subprocess.run([os.path.abspath(args.retrylint), "-p", cdb, "--format=json", "-j", "2",
                            "--no-cache", "--fail-on=none", "--source-root=" + src, "-o", out] + sorted(chosen),
                           cwd=src, stderr=subprocess.DEVNULL, check=False)
        findings = json.load(open(out))["findings"]
        def near(site, f):  # the window lib/realcode.js matches a site with
            return f["file"] == site["file"] and site["line"] - 5 <= f["line"] <= site["line"] + 80
        print(f"== {name}: {len(chosen)} TUs, {len(resched)} reschedule sites")
        for s in resched:
            total += 1
            got = {f["ruleId"] for f in findings if near(s, f) and REINVOCATION.match(f["title"])}
            ok = got == s["rules"]
            found += bool(got)
            right += ok and bool(got)
            mark = "ok  " if ok and got else "miss" if not got else "diff"
            if not got and not s["rules"]:
                mark = "ok- "
                right += 1
            print(f"  {mark} {s['file']}:{s['line']} expected {','.join(sorted(s['rules'])) or '-'}"
                  f" got {','.join(sorted(got)) or '-'}")
        # Other new findings (a fan-out through a new site, a changed loop): against the last
        # whole run's report, when there is one.
        last = os.path.join(args.work, name, "report.json")
        if os.path.exists(last):
            before = {(f["file"], f["line"], f["ruleId"]) for f in json.load(open(last))["findings"]}
            for f in findings:
                if not REINVOCATION.match(f["title"]) and (f["file"], f["line"], f["ruleId"]) not in before:
                    others.append(f"{name} {f['file']}:{f['line']} {f['ruleId']}: {f['title'][:140]}")
        every = sites(repo)
        for f in findings:
            if REINVOCATION.match(f["title"]) and not any(near(s, f) for s in every):
                strays.append(f"{name} {f['file']}:{f['line']} {f['ruleId']}: {f['title'][:140]}")
    print(f"\n{found}/{total} reschedule sites reported; {right} with exactly the expected rules "
          f"(silent sites counted right when silent)")
    print(f"{len(strays)} re-invocation findings at no site:")
    for s in strays:
        print("  " + s)
    print(f"{len(others)} other findings not in the last whole run's report (work/<repo>/report.json):")
    for s in others:
        print("  " + s)


if __name__ == "__main__":
    sys.exit(main())
