#!/usr/bin/env python3
"""Helpers of bench/run.sh: timing, recall against the planted truth, rg / SQLite FTS5
baselines, the 1% touch for the incremental step, and the report (JSON + Markdown).

Every subcommand writes one JSON fragment (--out); `report` merges the fragments of one size.
Symbols are compared after NFC, "Ð" (U+00D0) -> "Đ" and removing the leading zeros of the
number ("04/2015/NĐ-CP" == "4/2015/NĐ-CP", "01-KL/TW" == "1-KL/TW"); files by base name.
"""

import argparse
import collections
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata

# --------------------------------------------------------------------------- common


def norm_sym(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFC", s).replace("\u00d0", "Đ").strip()
    return re.sub(r"^0+(?=\d)", "", s)


def base(p):
    return os.path.basename(p)


def load_truth(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dump(obj, out):
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
    os.replace(tmp, out)


def pct(times, p):
    """The same percentile as `trichdan bench-queries`: sorted[int(n * p)]."""
    t = sorted(times)
    return t[min(int(len(t) * p), len(t) - 1)] if t else None


def classify(b):
    """utf8, utf8-bom, utf16 (with BOM), utf16-nobom or legacy (not valid UTF-8)."""
    if b[:3] == b"\xef\xbb\xbf":
        return "utf8-bom"
    if b[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf16"
    try:
        b.decode("utf-8")
        return "utf8"
    except UnicodeDecodeError:
        if b.count(b"\x00") > len(b) // 4:
            return "utf16-nobom"
        return "legacy"


def decode(b):
    """How a Python user would read the file: BOMs honoured, otherwise UTF-8 with replacement."""
    if b[:3] == b"\xef\xbb\xbf":
        return b[3:].decode("utf-8", errors="replace")
    if b[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return b.decode("utf-16", errors="replace")
    return b.decode("utf-8", errors="replace")


def encodings(archive, cache):
    """{file: class}, cached next to the archive (the archive is deterministic)."""
    if os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            return json.load(f)
    out = {}
    for name in sorted(os.listdir(archive)):
        with open(os.path.join(archive, name), "rb") as f:
            out[name] = classify(f.read())
    dump(out, cache)
    return out


# --------------------------------------------------------------------------- stats


def cmd_stats(a):
    names = sorted(os.listdir(a.archive))
    size = sum(os.path.getsize(os.path.join(a.archive, n)) for n in names)
    truth = load_truth(a.truth)
    enc = encodings(a.archive, a.enc)
    pairs = {(r["file"], norm_sym(r["symbol"])) for r in truth}
    dump(
        {
            "files": len(names),
            "bytes": size,
            "planted": len(truth),
            "planted_pairs": len(pairs),
            "planted_symbols": len({p[1] for p in pairs}),
            "planted_dated": sum(1 for r in truth if r.get("date")),
            "encodings": dict(collections.Counter(enc.values())),
        },
        a.out,
    )


# --------------------------------------------------------------------------- timing


def parse_time_v(path):
    rss = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if "Maximum resident set size" in line:
                rss = int(line.rsplit(":", 1)[1].strip())
    return rss


def cmd_run(a):
    """Runs a command --runs times under /usr/bin/time -v; wall clock by perf_counter."""
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    runs = []
    for i in range(a.runs):
        tv = tempfile.NamedTemporaryFile(delete=False, suffix=".timev")
        tv.close()
        err = tempfile.TemporaryFile()
        out = open(a.stdout, "wb") if a.stdout else subprocess.DEVNULL
        load = os.getloadavg()[0]
        t = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tv.name] + cmd, stdout=out, stderr=err)
        wall = time.perf_counter() - t
        if a.stdout:
            out.close()
        err.seek(0)
        stderr = err.read().decode("utf-8", errors="replace")
        rss = parse_time_v(tv.name)
        os.unlink(tv.name)
        runs.append({"wall_s": wall, "maxrss_kb": rss, "rc": p.returncode, "stderr_tail": stderr[-600:],
                     "stderr_head": stderr[:1500],
                     "loadavg_before": load})
    walls = [r["wall_s"] for r in runs]
    failed = [r for r in runs if r["rc"] not in (0, 1)]  # 1: some input unreadable, the rest done
    panic = None
    if failed:
        m = re.search(r"panicked at ([^\n]*)\n([^\n]*)", failed[0]["stderr_head"])
        panic = f"exit {failed[0]['rc']}" + (f": panicked at {m.group(1)} {m.group(2)}" if m else "")
        print(f"  FAILED: {panic}", file=sys.stderr)
    dump(
        {
            "error": panic,
            "command": " ".join(shq(c) for c in cmd) + (f" > {a.stdout}" if a.stdout else ""),
            "runs": runs,
            "wall_s": statistics.median(walls),
            "wall_s_min": min(walls),
            "maxrss_kb": max((r["maxrss_kb"] or 0) for r in runs),
            "rc": runs[-1]["rc"],
        },
        a.out,
    )
    print(f"  {walls_fmt(walls)} rc={runs[-1]['rc']}", file=sys.stderr)
    if failed:
        sys.exit(1)


def walls_fmt(w):
    return "wall " + ", ".join(f"{x:.3f}s" for x in w)


def shq(s):
    return s if re.fullmatch(r"[\w@%+=:,./-]+", s) else "'" + s.replace("'", "'\\''") + "'"


# --------------------------------------------------------------------------- questions


def cmd_sample(a):
    truth = load_truth(a.truth)
    files_of = collections.defaultdict(set)
    spelled = {}
    for r in truth:
        k = norm_sym(r["symbol"])
        files_of[k].add(r["file"])
        spelled.setdefault(k, r["symbol"])
    rng = random.Random(a.seed)
    by_count = sorted(files_of, key=lambda k: (-len(files_of[k]), k))
    top = by_count[:100]
    rest = sorted(set(by_count) - set(top))
    rnd = rng.sample(rest, min(100, len(rest)))
    cited_by = [spelled[k] for k in top + rnd]

    central = [k for k in by_count if re.search(r"(/TW|-TTg|-CP)$", k)]
    ctop = central[:35]
    crest = sorted(set(central) - set(ctop))
    audit = [spelled[k] for k in ctop + rng.sample(crest, min(15, len(crest)))]

    rg20 = [spelled[k] for k in top[:10] + rnd[:10]]

    with open(a.search, encoding="utf-8") as f:
        search = [line.rstrip("\n") for line in f if line.strip()]
    # a few rare words of this archive (document frequency 1-3 in the UTF-8 files read)
    df = collections.Counter()
    names = sorted(os.listdir(a.archive))[:2000]
    for n in names:
        with open(os.path.join(a.archive, n), "rb") as f:
            b = f.read()
        if classify(b) != "utf8":
            continue
        text = unicodedata.normalize("NFC", b.decode("utf-8"))
        df.update({w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)})
    rare = sorted(w for w, c in df.items() if 1 <= c <= 3 and "ð" not in w)
    search += rng.sample(rare, min(4, len(rare)))

    os.makedirs(a.outdir, exist_ok=True)
    for name, qs in [("cited_by", cited_by), ("search", search), ("audit", audit), ("rg20", rg20)]:
        with open(os.path.join(a.outdir, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(qs) + "\n")
    dump(
        {
            "cited_by": len(cited_by),
            "cited_by_files_per_symbol": {
                "top100_mean": statistics.mean(len(files_of[k]) for k in top) if top else 0,
                "random100_mean": statistics.mean(len(files_of[k]) for k in rnd) if rnd else 0,
                "max": len(files_of[top[0]]) if top else 0,
            },
            "search": len(search),
            "rare_words": search[-4:],
            "audit": len(audit),
            "rg20": rg20,
        },
        a.out,
    )


def cmd_queries(a):
    cmd = [a.bin, "bench-queries", "--index", a.index, "--cited-by", a.cited_by, "--search", a.search,
           "--audit", a.audit, "--runs", str(a.runs)]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        dump({"error": f"bench-queries exited {p.returncode}: " + p.stderr.decode("utf-8", "replace")[-500:],
              "command": " ".join(map(shq, cmd))}, a.out)
        return
    out = {"command": " ".join(map(shq, cmd)), "wall_s": wall, "latencies": json.loads(p.stdout)}
    # the same symbols spelled in lower case: `find` then takes the symbol path (every key of the
    # symbol) instead of the exact-key shortcut that a bare canonical symbol hits
    lower = a.cited_by + ".lower"
    with open(a.cited_by, encoding="utf-8") as f, open(lower, "w", encoding="utf-8") as g_:
        g_.write(f.read().lower())
    cmd2 = [a.bin, "bench-queries", "--index", a.index, "--cited-by", lower, "--runs", str(a.runs)]
    p = subprocess.run(cmd2, capture_output=True)
    if p.returncode == 0:
        out["command_lower"] = " ".join(map(shq, cmd2))
        out["latencies_lower"] = json.loads(p.stdout)
    dump(out, a.out)


# --------------------------------------------------------------------------- recall


def recall_table(truth, found_pairs, enc, found_dates=None):
    pairs = {(r["file"], norm_sym(r["symbol"])) for r in truth}
    dated = {(r["file"], norm_sym(r["symbol"]), r["date"]) for r in truth if r.get("date")}
    by_enc = collections.defaultdict(lambda: [0, 0])
    hit = 0
    for p in pairs:
        ok = p in found_pairs
        hit += ok
        e = enc.get(p[0], "?")
        by_enc[e][0] += ok
        by_enc[e][1] += 1
    out = {
        "planted_pairs": len(pairs),
        "found_pairs": hit,
        "recall": hit / len(pairs) if pairs else None,
        "recall_by_encoding": {e: {"found": h, "planted": n, "recall": h / n} for e, (h, n) in sorted(by_enc.items())},
        "reported_pairs": len(found_pairs),
        "reported_pairs_not_planted": len(found_pairs - pairs),
    }
    if found_dates is not None:
        dh = sum(1 for (f, s, d) in dated if d in found_dates.get((f, s), ()))
        out["planted_dated"] = len(dated)
        out["date_recall"] = dh / len(dated) if dated else None
    return out


def cmd_extract_recall(a):
    truth = load_truth(a.truth)
    enc = encodings(a.archive, a.enc)
    found = set()
    dates = collections.defaultdict(set)
    records = 0
    no_symbol = 0
    with open(a.records, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            records += 1
            s = norm_sym(r.get("symbol"))
            if not s:
                no_symbol += 1
                continue
            k = (base(r["file"]), s)
            found.add(k)
            if r.get("date"):
                dates[k].add(r["date"])
    out = recall_table(truth, found, enc, dates)
    out["records"] = records
    out["records_without_symbol"] = no_symbol
    # a sample of misses, to look at
    pairs = sorted({(r["file"], norm_sym(r["symbol"])): r["text"] for r in truth}.items())
    misses = [(f, s, t) for (f, s), t in pairs if (f, s) not in found]
    out["misses_sample"] = [{"file": f, "symbol": s, "text": t, "encoding": enc.get(f)} for f, s, t in misses[:25]]
    dump(out, a.out)


def cmd_rg_recall(a):
    truth = load_truth(a.truth)
    enc = encodings(a.archive, a.enc)
    found = set()
    lines = 0
    with open(a.matches, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if ":" not in line:
                continue
            path, m = line.split(":", 1)
            lines += 1
            found.add((base(path), norm_sym(m)))
    out = recall_table(truth, found, enc)
    out["match_lines"] = lines
    dump(out, a.out)


# --------------------------------------------------------------------------- cited-by: rg vs trichdan


def truth_citers(truth):
    citers = collections.defaultdict(set)
    own = collections.defaultdict(set)  # files that ARE the document (their own symbol)
    for r in truth:
        citers[norm_sym(r["symbol"])].add(r["file"])
        own[norm_sym(r.get("source"))].add(r["file"])
    return citers, own


def rp(found, want, own):
    """Recall and precision; the cited document's own file is neither a hit nor a false hit."""
    tp = len(found & want)
    judged = found - (own - want)
    return tp, len(want), len(judged)


def agg(rows, key):
    tp = sum(r[key]["tp"] for r in rows)
    want = sum(r[key]["want"] for r in rows)
    got = sum(r[key]["got"] for r in rows)
    return {
        "recall": tp / want if want else None,
        "precision": tp / got if got else None,
        "tp": tp,
        "want": want,
        "got": got,
    }


def cmd_citedby(a):
    truth = load_truth(a.truth)
    citers, own = truth_citers(truth)
    with open(a.symbols, encoding="utf-8") as f:
        symbols = [line.strip() for line in f if line.strip()]
    with open(a.rg_symbols, encoding="utf-8") as f:
        rg_symbols = {line.strip() for line in f if line.strip()}
    rows = []
    for sym in symbols:
        k = norm_sym(sym)
        want, mine = citers[k], own.get(k, set())
        row = {"symbol": sym, "planted_files": len(want)}
        for label, spelling in [("trichdan", sym), ("trichdan_lower", sym.lower())]:
            cmd = [a.bin, "cited-by", spelling, "--json", "--limit", "1000000", "--index", a.index]
            t = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True)
            wall = time.perf_counter() - t
            files = set()
            if p.returncode == 0:
                try:
                    d = json.loads(p.stdout)
                    files = {base(r["citation"]["file"]) for r in d.get("rows", []) if r.get("citation", {}).get("file")}
                except json.JSONDecodeError:
                    pass
            tp, nw, got = rp(files, want, mine)
            row[label] = {"tp": tp, "want": nw, "got": got, "wall_s": wall, "rc": p.returncode}
        if sym in rg_symbols:
            cmd = ["rg", "-l", "-F", "--", sym, a.archive]
            subprocess.run(cmd, capture_output=True)  # warm
            walls = []
            for _ in range(3):
                t = time.perf_counter()
                p = subprocess.run(cmd, capture_output=True)
                walls.append(time.perf_counter() - t)
            files = {base(x) for x in p.stdout.decode("utf-8", errors="replace").splitlines() if x}
            tp, nw, got = rp(files, want, mine)
            row["rg"] = {"tp": tp, "want": nw, "got": got, "wall_s": statistics.median(walls)}
        rows.append(row)
    rg_rows = [r for r in rows if "rg" in r]
    out = {
        "symbols": len(rows),
        "rg_symbols": len(rg_rows),
        "rg_command": "rg -l -F -- SYMBOL ARCHIVE",
        "trichdan_command": "trichdan cited-by SYMBOL --json --limit 1000000 --index IDX",
        "trichdan_all": agg(rows, "trichdan"),
        "trichdan_lower_all": agg(rows, "trichdan_lower"),
        "trichdan_rg20": agg(rg_rows, "trichdan"),
        "trichdan_lower_rg20": agg(rg_rows, "trichdan_lower"),
        "rg_rg20": agg(rg_rows, "rg"),
        "rg_wall_s_median": statistics.median(r["rg"]["wall_s"] for r in rg_rows) if rg_rows else None,
        "trichdan_cli_wall_s_median": statistics.median(r["trichdan"]["wall_s"] for r in rows),
        "trichdan_cli_wall_s_median_rg20": statistics.median(r["trichdan"]["wall_s"] for r in rg_rows) if rg_rows else None,
        "trichdan_failures": sum(1 for r in rows if r["trichdan"]["rc"] != 0),
        "trichdan_zero_results": sum(1 for r in rows if r["trichdan"]["got"] == 0),
        "per_symbol": rows,
    }
    worst = sorted(rows, key=lambda r: (r["trichdan"]["tp"] / max(1, r["trichdan"]["want"])))[:10]
    out["worst_trichdan"] = [
        {"symbol": r["symbol"], "planted_files": r["planted_files"], "found": r["trichdan"]["tp"],
         "found_lowercase_spelling": r["trichdan_lower"]["tp"]}
        for r in worst
    ]
    dump(out, a.out)


# --------------------------------------------------------------------------- SQLite FTS5


def cmd_fts_load(a):
    if os.path.exists(a.db):
        os.unlink(a.db)
    t = time.perf_counter()
    con = sqlite3.connect(a.db)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')")
    n = 0
    size = 0
    with con:
        for name in sorted(os.listdir(a.archive)):
            with open(os.path.join(a.archive, name), "rb") as f:
                b = f.read()
            size += len(b)
            con.execute("INSERT INTO docs(path, text) VALUES (?, ?)", (name, decode(b)))
            n += 1
    con.close()
    wall = time.perf_counter() - t
    dump(
        {
            "files": n,
            "bytes": size,
            "load_s": wall,
            "db_bytes": os.path.getsize(a.db),
            "command": f"python3 bench/eval.py fts-load --archive ARCHIVE --db {a.db}  "
            "(CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, text, "
            "tokenize='unicode61 remove_diacritics 2'); one INSERT per file, one transaction)",
        },
        a.out,
    )


def fts_expr(q):
    """The trichdan query as FTS5 MATCH: a quoted phrase stays a phrase, a symbol becomes the
    phrase of its parts, other words are each quoted (implicit AND, as trichdan's default)."""
    q = q.strip()
    if len(q) >= 2 and q[0] == '"' and q[-1] == '"':
        words = re.findall(r"\w+", q[1:-1])
        return '"' + " ".join(words) + '"'
    out = []
    for tok in q.split():
        if re.search(r"[-/]", tok):
            out.append('"' + " ".join(re.findall(r"\w+", tok)) + '"')
        else:
            out.append('"' + tok.replace('"', "") + '"')
    return " ".join(out)


def cmd_fts_query(a):
    con = sqlite3.connect(a.db)
    with open(a.search, encoding="utf-8") as f:
        queries = [line.strip() for line in f if line.strip()]
    top_sql = ("SELECT path, snippet(docs, 1, '[', ']', '…', 24) FROM docs WHERE docs MATCH ? "
               "ORDER BY rank LIMIT 10")
    count_sql = "SELECT count(*) FROM docs WHERE docs MATCH ?"

    def one(expr, with_count):
        con.execute(top_sql, (expr,)).fetchall()
        if with_count:
            con.execute(count_sql, (expr,)).fetchone()

    per = []
    t_full, t_top = [], []
    for q in queries:
        e = fts_expr(q)
        try:
            one(e, True)  # warm-up
            n = con.execute(count_sql, (e,)).fetchone()[0]
            err = None
        except sqlite3.Error as x:
            n, err = None, str(x)
        per.append({"query": q, "fts_match": e, "fts_total": n, "fts_error": err})
    for _ in range(a.runs):
        for p in per:
            if p["fts_error"]:
                continue
            t = time.perf_counter()
            one(p["fts_match"], True)
            t_full.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            one(p["fts_match"], False)
            t_top.append((time.perf_counter() - t) * 1000)
    # trichdan's totals for the same queries (not timed here; latency is bench-queries')
    for p in per:
        r = subprocess.run([a.bin, "search", p["query"], "--json", "--limit", "1", "--index", a.index],
                           capture_output=True)
        try:
            p["trichdan_total"] = json.loads(r.stdout)["total"] if r.returncode == 0 else None
        except (json.JSONDecodeError, KeyError):
            p["trichdan_total"] = None
        if r.returncode != 0:
            p["trichdan_error"] = r.stderr.decode("utf-8", errors="replace")[-300:]

    # cited-by through FTS: the symbol as a phrase of its parts
    truth = load_truth(a.truth)
    citers, own = truth_citers(truth)
    with open(a.symbols, encoding="utf-8") as f:
        symbols = [line.strip() for line in f if line.strip()]
    rows, t_cb = [], []
    for s in symbols:
        e = '"' + " ".join(re.findall(r"\w+", s)) + '"'
        con.execute("SELECT path FROM docs WHERE docs MATCH ?", (e,)).fetchall()
        t = time.perf_counter()
        files = {r[0] for r in con.execute("SELECT path FROM docs WHERE docs MATCH ?", (e,))}
        t_cb.append((time.perf_counter() - t) * 1000)
        k = norm_sym(s)
        tp, nw, got = rp(files, citers[k], own.get(k, set()))
        rows.append({"symbol": s, "fts": {"tp": tp, "want": nw, "got": got}})
    dump(
        {
            "runs": a.runs,
            "search_count": len(t_full),
            "search_p50_ms": pct(t_full, 0.5),
            "search_p99_ms": pct(t_full, 0.99),
            "search_max_ms": max(t_full) if t_full else None,
            "search_top10_only_p50_ms": pct(t_top, 0.5),
            "search_top10_only_p99_ms": pct(t_top, 0.99),
            "search_sql": top_sql + "  +  " + count_sql,
            "per_query": per,
            "citedby_symbols": len(rows),
            "citedby": agg(rows, "fts"),
            "citedby_p50_ms": pct(t_cb, 0.5),
            "citedby_p99_ms": pct(t_cb, 0.99),
            "citedby_sql": "SELECT path FROM docs WHERE docs MATCH '\"25 NQ TW\"'",
        },
        a.out,
    )


# --------------------------------------------------------------------------- incremental


LINE = "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013."


def cmd_touch(a):
    names = sorted(os.listdir(a.archive))
    enc = encodings(a.archive, a.enc)
    cand = [n for n in names if enc.get(n) in ("utf8", "utf8-bom", "utf16")]
    k = max(1, round(len(names) * a.frac))
    chosen = sorted(random.Random(a.seed).sample(cand, min(k, len(cand))))
    if os.path.exists(a.backup):
        shutil.rmtree(a.backup)
    os.makedirs(a.backup)
    for n in chosen:
        src = os.path.join(a.archive, n)
        shutil.copy2(src, os.path.join(a.backup, n))
        with open(src, "rb") as f:
            head = f.read(2)
        if head == b"\xff\xfe":
            add = ("\n" + LINE + "\n").encode("utf-16-le")
        elif head == b"\xfe\xff":
            add = ("\n" + LINE + "\n").encode("utf-16-be")
        else:
            add = ("\n" + LINE + "\n").encode("utf-8")
        with open(src, "ab") as f:
            f.write(add)
    with open(os.path.join(a.backup, ".touched"), "w", encoding="utf-8") as f:
        f.write("\n".join(chosen) + "\n")
    dump({"touched": len(chosen), "line": LINE}, a.out)


def cmd_restore(a):
    lst = os.path.join(a.backup, ".touched")
    if not os.path.exists(lst):
        return
    with open(lst, encoding="utf-8") as f:
        for n in f.read().split():
            shutil.copy2(os.path.join(a.backup, n), os.path.join(a.archive, n))
    shutil.rmtree(a.backup)


def cmd_check_touched(a):
    """After the incremental run: cited-by 25-NQ/TW@2013 must list every touched file."""
    with open(os.path.join(a.backup, ".touched"), encoding="utf-8") as f:
        touched = set(f.read().split())
    p = subprocess.run([a.bin, "cited-by", "25-NQ/TW@2013", "--json", "--limit", "1000000", "--index", a.index],
                       capture_output=True)
    files = set()
    if p.returncode == 0:
        files = {base(r["citation"]["file"]) for r in json.loads(p.stdout).get("rows", [])}
    dump({"touched": len(touched), "touched_listed_by_cited_by": len(touched & files),
          "command": f"trichdan cited-by 25-NQ/TW@2013 --json --index {a.index}"}, a.out)


# --------------------------------------------------------------------------- report


def load_steps(d):
    s = {}
    for n in os.listdir(d):
        if n.endswith(".json"):
            try:
                with open(os.path.join(d, n), encoding="utf-8") as f:
                    s[n[:-5]] = json.load(f)
            except (OSError, json.JSONDecodeError) as e:
                s[n[:-5]] = {"error": str(e)}
    return s


def g(d, *path, default=None):
    for p in path:
        if isinstance(d, list) and isinstance(p, int) and -len(d) <= p < len(d):
            d = d[p]
        elif isinstance(d, dict) and p in d:
            d = d[p]
        else:
            return default
    return d


def f1(x, fmt="{:.1f}", none="—"):
    return none if x is None else fmt.format(x)


def pc(x):
    return f1(None if x is None else 100 * x, "{:.1f} %")


def summary_line(stderr):
    for line in reversed((stderr or "").splitlines()):
        if line.startswith("indexed "):
            return line.strip()
    return None


def index_counts(stderr):
    m = re.search(r"\((\d+) new, (\d+) changed, (\d+) unchanged, (\d+) removed, (\d+) skipped\)", stderr or "")
    return dict(zip(["new", "changed", "unchanged", "removed", "skipped"], map(int, m.groups()))) if m else None


def cmd_report(a):
    S = load_steps(a.steps)
    st = S.get("stats", {})
    n, nbytes = st.get("files"), st.get("bytes")
    mb = nbytes / 1e6 if nbytes else None
    R = {"size": a.size, "seed": a.seed, "machine": machine(), "version": os.environ.get("BENCH_VERSION"),
         "archive": st, "steps": S}

    ex, rgc, rgr, exr = S.get("extract", {}), S.get("rg_count", {}), S.get("rg_recall", {}), S.get("extract_recall", {})
    ix, q, cb, fl, fq = S.get("index", {}), S.get("queries", {}), S.get("citedby", {}), S.get("fts_load", {}), S.get("fts_query", {})
    noop, inc, inc2, tch, chk = S.get("reindex_noop", {}), S.get("reindex_touched", {}), S.get("reindex_restored", {}), S.get("touch", {}), S.get("touch_check", {})

    def rate(w):
        return (mb / w) if (mb and w) else None

    # a step whose command failed gives no figures, only its error
    for k, v in list(S.items()):
        if isinstance(v, dict) and v.get("error") and "wall_s" in v:
            S[k] = {"error": v["error"], "command": v.get("command"), "failed_wall_s": v["wall_s"],
                    "failed_maxrss_kb": v.get("maxrss_kb")}
    ex, ix = S.get("extract", {}), S.get("index", {})

    d = {}
    d["extract_wall_s"] = g(ex, "wall_s")
    d["extract_MBps"] = rate(d["extract_wall_s"])
    d["extract_maxrss_MiB"] = (g(ex, "maxrss_kb") or 0) / 1024 or None
    d["rg_count_wall_s"] = g(rgc, "wall_s")
    d["rg_count_MBps"] = rate(d["rg_count_wall_s"])
    d["extract_vs_rg"] = (d["extract_wall_s"] / d["rg_count_wall_s"]) if d["extract_wall_s"] and d["rg_count_wall_s"] else None
    d["extract_recall"] = g(exr, "recall")
    d["extract_date_recall"] = g(exr, "date_recall")
    d["rg_recall"] = g(rgr, "recall")
    d["index_wall_s"] = g(ix, "wall_s")
    d["index_files_per_s"] = (n / d["index_wall_s"]) if n and d["index_wall_s"] else None
    d["index_MBps"] = rate(d["index_wall_s"])
    d["index_maxrss_MiB"] = (g(ix, "maxrss_kb") or 0) / 1024 or None
    d["index_bytes"] = g(S.get("index_size", {}), "bytes")
    lat = {x["question"]: x for x in (q if isinstance(q, list) else g(q, "latencies", default=[]) or [])}
    d["latency_lower"] = {x["question"]: x for x in (g(q, "latencies_lower", default=[]) or [])}
    d["latency"] = lat
    d["citedby_vs_rg"] = (
        (cb.get("rg_wall_s_median") * 1000 / lat["cited-by"]["p50_ms"])
        if cb.get("rg_wall_s_median") and lat.get("cited-by") and lat["cited-by"]["p50_ms"] else None
    )
    d["citedby_lower_vs_rg"] = (
        (cb.get("rg_wall_s_median") * 1000 / d["latency_lower"]["cited-by"]["p50_ms"])
        if cb.get("rg_wall_s_median") and d["latency_lower"].get("cited-by") else None
    )
    d["citedby_cli_vs_rg"] = (
        cb.get("rg_wall_s_median") / cb.get("trichdan_cli_wall_s_median_rg20")
        if cb.get("rg_wall_s_median") and cb.get("trichdan_cli_wall_s_median_rg20") else None
    )
    d["reindex_noop_s"] = g(noop, "wall_s")
    d["reindex_touched_s"] = g(inc, "wall_s")
    d["reindex_touched_maxrss_MiB"] = (g(inc, "maxrss_kb") or 0) / 1024 or None
    d["reindex_restored_s"] = g(inc2, "wall_s")
    R["derived"] = d
    dump(R, a.json)

    L = []
    w = L.append
    w(f"### {a.size:,} generated reports (seed {a.seed})\n")
    w(f"trichdan {os.environ.get('BENCH_VERSION') or '?'}. Machine: {machine()}. Archive: {n:,} files, {f1(mb, '{:.1f}')} MB "
      f"({', '.join(f'{k} {v:,}' for k, v in sorted((st.get('encodings') or {}).items()))}); "
      f"{st.get('planted', 0):,} planted citations, {st.get('planted_pairs', 0):,} distinct (file, symbol) pairs, "
      f"{st.get('planted_symbols', 0):,} distinct symbols. MB = 10^6 bytes.\n")

    w("**Extraction vs `rg`** (same files, page cache warm, both on all cores)\n")
    w("| | wall | MB/s | peak RSS | recall (file, symbol) | date recall | command |")
    w("|---|---|---|---|---|---|---|")
    w(f"| trichdan extract | {f1(d['extract_wall_s'], '{:.2f} s')} | {f1(d['extract_MBps'])} | "
      f"{f1(d['extract_maxrss_MiB'], '{:.0f} MiB')} | {pc(d['extract_recall'])} | {pc(d['extract_date_recall'])} | `{g(ex, 'command', default='—')}` |")
    w(f"| rg -c (bare regex) | {f1(d['rg_count_wall_s'], '{:.2f} s')} | {f1(d['rg_count_MBps'])} | "
      f"{f1((g(rgc, 'maxrss_kb') or 0) / 1024 or None, '{:.0f} MiB')} | {pc(d['rg_recall'])} (from `rg -o`) | n/a | `{g(rgc, 'command', default='—')}` |")
    w(f"\ntrichdan / rg time: **{f1(d['extract_vs_rg'], '{:.1f}×')}**.\n")
    encs = sorted(set((g(exr, "recall_by_encoding") or {}).keys()) | set((g(rgr, "recall_by_encoding") or {}).keys()))
    if encs:
        w("Recall by file encoding:\n")
        w("| encoding | planted pairs | trichdan | rg |")
        w("|---|---|---|---|")
        for e in encs:
            te = g(exr, "recall_by_encoding", e) or {}
            re_ = g(rgr, "recall_by_encoding", e) or {}
            w(f"| {e} | {te.get('planted', re_.get('planted', 0)):,} | {pc(te.get('recall'))} | {pc(re_.get('recall'))} |")
        w("")
        w(f"Reported (file, symbol) pairs not among the planted ones (own header symbols, dates read as symbols, …): "
          f"trichdan {g(exr, 'reported_pairs_not_planted', default='—')}, rg {g(rgr, 'reported_pairs_not_planted', default='—')}.\n")

    mem = re.search(r"--memory (\d+)", g(ix, "command", default="") or "")
    w(f"**Indexing from scratch** (`--memory {mem.group(1) if mem else '?'}`)\n")
    w("| wall | files/s | MB/s | peak RSS | index on disk | summary | command |")
    w("|---|---|---|---|---|---|---|")
    w(f"| {f1(d['index_wall_s'], '{:.1f} s')} | {f1(d['index_files_per_s'], '{:,.0f}')} | {f1(d['index_MBps'])} | "
      f"{f1(d['index_maxrss_MiB'], '{:.0f} MiB')} | {f1(d['index_bytes'] and d['index_bytes'] / 1e6, '{:.1f} MB')} | "
      f"{summary_line(g(ix, 'runs', 0, 'stderr_tail')) or '—'} | `{g(ix, 'command', default='—')}` |\n")

    w(f"**Query latency** (in-process, index opened once, 1 warm-up pass + 5 timed passes; "
      f"`{g(q, 'command', default='trichdan bench-queries …')}`)\n")
    w("| question | questions × runs | p50 | p99 | max | mean results |")
    w("|---|---|---|---|---|---|")
    rows_ = [(f"trichdan {k}", lat.get(k)) for k in ["cited-by", "search", "audit"]]
    rows_.insert(1, ("trichdan cited-by, same symbols in lower case", d["latency_lower"].get("cited-by")))
    for label, x in rows_:
        if x:
            w(f"| {label} | {x['count']:,} | {x['p50_ms']:.3f} ms | {x['p99_ms']:.3f} ms | {x['max_ms']:.3f} ms | {x['mean_results']:.1f} |")
    if fq.get("search_p50_ms") is not None:
        w(f"| SQLite FTS5 search (top 10 + snippet + count) | {fq['search_count']:,} | {fq['search_p50_ms']:.3f} ms | "
          f"{fq['search_p99_ms']:.3f} ms | {fq['search_max_ms']:.3f} ms | — |")
        w(f"| SQLite FTS5 search (top 10 + snippet only) | {fq['search_count']:,} | {fq['search_top10_only_p50_ms']:.3f} ms | "
          f"{fq['search_top10_only_p99_ms']:.3f} ms | — | — |")
    if fq.get("citedby_p50_ms") is not None:
        w(f"| SQLite FTS5 cited-by (symbol as phrase) | {fq['citedby_symbols']:,} | {fq['citedby_p50_ms']:.3f} ms | {fq['citedby_p99_ms']:.3f} ms | — | — |")
    w("")

    w(f"**cited-by: trichdan vs `rg -l` vs FTS5** ({cb.get('rg_symbols', '—')} symbols for rg: the 10 most cited and 10 random; "
      f"{cb.get('symbols', '—')} for trichdan and FTS5. Recall/precision over files per the planted truth, micro-averaged; "
      "the cited document's own file counts neither way)\n")
    w("| approach | symbols | latency | recall | precision | command |")
    w("|---|---|---|---|---|---|")
    for label, key, lat_s, cmd in [
        ("rg -l literal", "rg_rg20", f1(cb.get("rg_wall_s_median"), "{:.3f} s (median wall)"), cb.get("rg_command")),
        ("trichdan cited-by, same 20", "trichdan_rg20", f"{f1(cb.get('trichdan_cli_wall_s_median_rg20'), '{:.3f} s')} CLI wall; "
         f"{f1(g(lat, 'cited-by', 'p50_ms'), '{:.3f} ms')} p50 in-process", cb.get("trichdan_command")),
        ("trichdan cited-by, same 20 in lower case", "trichdan_lower_rg20",
         f"{f1(g(d, 'latency_lower', 'cited-by', 'p50_ms'), '{:.3f} ms')} p50 in-process (all sampled)", "trichdan cited-by symbol --json …"),
        ("trichdan cited-by, all", "trichdan_all", f1(cb.get("trichdan_cli_wall_s_median"), "{:.3f} s CLI wall"), cb.get("trichdan_command")),
        ("trichdan cited-by, lower-case spelling, all", "trichdan_lower_all", "—", "trichdan cited-by symbol --json …"),
    ]:
        x = cb.get(key) or {}
        w(f"| {label} | {cb.get('rg_symbols') if 'rg20' in key else cb.get('symbols')} | {lat_s} | {pc(x.get('recall'))} | {pc(x.get('precision'))} | `{cmd}` |")
    fc = fq.get("citedby") or {}
    w(f"| FTS5 MATCH phrase, all | {fq.get('citedby_symbols', '—')} | {f1(fq.get('citedby_p50_ms'), '{:.3f} ms')} p50 | {pc(fc.get('recall'))} | {pc(fc.get('precision'))} | `{fq.get('citedby_sql', '—')}` |")
    w(f"\ncited-by speed-up over rg: **{f1(d['citedby_vs_rg'], '{:,.0f}×')}** in-process (rg median wall / trichdan p50), "
      f"{f1(d['citedby_lower_vs_rg'], '{:,.0f}×')} with the lower-case spellings (complete answers), "
      f"{f1(d['citedby_cli_vs_rg'], '{:,.1f}×')} counting trichdan's process start and index open. "
      f"trichdan failures: {cb.get('trichdan_failures', '—')}, symbols with no result: {cb.get('trichdan_zero_results', '—')}.\n")

    w("**SQLite FTS5** (`unicode61 remove_diacritics 2`, Python sqlite3)\n")
    w("| load | db size | search p50 | search p99 | command |")
    w("|---|---|---|---|---|")
    w(f"| {f1(fl.get('load_s'), '{:.1f} s')} | {f1(fl.get('db_bytes') and fl['db_bytes'] / 1e6, '{:.1f} MB')} | "
      f"{f1(fq.get('search_p50_ms'), '{:.2f} ms')} | {f1(fq.get('search_p99_ms'), '{:.2f} ms')} | `{fl.get('command', '—')}` |\n")
    if fq.get("per_query"):
        w("<details><summary>Per query: matching reports, trichdan vs FTS5</summary>\n")
        w("| query | trichdan total | FTS5 total | FTS5 MATCH |")
        w("|---|---|---|---|")
        for p in fq["per_query"]:
            qq = p["query"].replace("|", "\\|")
            w(f"| `{qq}` | {p.get('trichdan_total', '—')} | {p.get('fts_total') if p.get('fts_error') is None else 'error: ' + p['fts_error']} | `{p['fts_match']}` |")
        w("\n</details>\n")

    w("**Incremental re-index**\n")
    w("| run | wall | peak RSS | files new/changed/unchanged/removed | command |")
    w("|---|---|---|---|---|")
    for label, x in [("nothing changed", noop), (f"{tch.get('touched', '?')} files touched (1 %)", inc),
                     ("the touched files restored", inc2)]:
        c = index_counts(g(x, "runs", 0, "stderr_tail"))
        w(f"| {label} | {f1(g(x, 'wall_s'), '{:.2f} s')} | {f1((g(x, 'maxrss_kb') or 0) / 1024 or None, '{:.0f} MiB')} | "
          f"{'/'.join(str(c[k]) for k in ['new', 'changed', 'unchanged', 'removed']) if c else '—'} | `{g(x, 'command', default='—')}` |")
    if chk:
        w(f"\nAfter the touched run, `cited-by 25-NQ/TW@2013` lists {chk.get('touched_listed_by_cited_by')} of the "
          f"{chk.get('touched')} touched files (each now cites it).")
    w("")
    loads = [(k, r.get("loadavg_before")) for k, v in S.items() if isinstance(v, dict)
             for r in (v.get("runs") if isinstance(v.get("runs"), list) else [])
             if isinstance(r, dict) and r.get("loadavg_before") is not None]
    if loads:
        w("Load average (1 min) before the timed runs: " + ", ".join(f"{k} {l:.2f}" for k, l in sorted(loads)) + "\n")
    errs = [k for k, v in S.items() if isinstance(v, dict) and v.get("error")]
    if errs:
        w("**Failed steps**:\n")
        for k in sorted(errs):
            x = S[k]
            extra = ""
            if x.get("failed_wall_s") is not None:
                extra = f" (after {x['failed_wall_s']:.1f} s, peak RSS {(x.get('failed_maxrss_kb') or 0) / 1024:.0f} MiB)"
            w(f"- {k}: {x['error']}{extra}" + (f" — `{x['command']}`" if x.get("command") else ""))
        w("")
    with open(a.md, "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


def machine():
    try:
        cpu = [line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")]
        mem = [line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")]
        return f"{len(cpu)} cores ({cpu[0] if cpu else '?'}), {int(mem[0]) / 1024 / 1024:.0f} GiB RAM"
    except OSError:
        return "?"


# --------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser()
    sp = ap.add_subparsers(dest="cmd", required=True)

    def sub(name, fn, *args):
        p = sp.add_parser(name)
        for x in args:
            p.add_argument("--" + x, required=x not in ("enc",))
        p.set_defaults(fn=fn)
        return p

    sub("stats", cmd_stats, "archive", "truth", "enc", "out")
    p = sub("run", cmd_run, "out")
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--stdout")
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    p = sub("sample", cmd_sample, "truth", "archive", "search", "outdir", "out")
    p.add_argument("--seed", type=int, default=1)
    p = sub("queries", cmd_queries, "bin", "index", "cited_by", "search", "audit", "out")
    p.add_argument("--runs", type=int, default=5)
    sub("extract-recall", cmd_extract_recall, "truth", "records", "archive", "enc", "out")
    sub("rg-recall", cmd_rg_recall, "truth", "matches", "archive", "enc", "out")
    sub("citedby", cmd_citedby, "truth", "archive", "index", "bin", "symbols", "rg_symbols", "out")
    sub("fts-load", cmd_fts_load, "archive", "db", "out")
    p = sub("fts-query", cmd_fts_query, "db", "search", "symbols", "truth", "bin", "index", "out")
    p.add_argument("--runs", type=int, default=5)
    p = sub("touch", cmd_touch, "archive", "enc", "backup", "out")
    p.add_argument("--frac", type=float, default=0.01)
    p.add_argument("--seed", type=int, default=1)
    sub("restore", cmd_restore, "archive", "backup")
    sub("check-touched", cmd_check_touched, "backup", "bin", "index", "out")
    p = sub("report", cmd_report, "steps", "json", "md")
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    a = ap.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
