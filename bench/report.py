#!/usr/bin/env python3
"""Turns the RESULT/ENV lines written by bench/peers.sh into a markdown report (stdout).

usage: python3 bench/report.py bench/results/<stamp>.raw.txt
"""
import math
import sys

ORDER = ["vsftpd", "pyftpdlib", "aspnetftp", "vsftpd-tls", "aspnetftp-tls"]
TITLE = {"vsftpd": "vsftpd", "pyftpdlib": "pyftpdlib", "aspnetftp": "AspNetFtp",
         "vsftpd-tls": "vsftpd TLS", "aspnetftp-tls": "AspNetFtp TLS"}


def parse(path):
    results, env = [], {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] not in ("RESULT", "ENV"):
                continue
            kv = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
            (results.append(kv) if parts[0] == "RESULT" else env.update(kv))
    return results, env


def num(v):
    try:
        x = float(v)
        return None if math.isnan(x) else x
    except (TypeError, ValueError):
        return None


def human_size(b):
    b = int(b)
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if b >= 1 << shift and b % (1 << shift) == 0:
            return f"{b >> shift} {unit}"
    return f"{b} B"


def main():
    results, env = parse(sys.argv[1])
    servers = [s for s in ORDER if any(r.get("server") == s for r in results)]

    def find(server, scenario, **match):
        for r in results:
            if r.get("server") == server and r.get("scenario") == scenario and all(r.get(k) == str(v) for k, v in match.items()):
                return r
        return None

    def any_field(scenario, field, **match):
        for r in results:
            if r.get("scenario") == scenario and all(r.get(k) == str(v) for k, v in match.items()) and field in r:
                return r[field]
        return None

    rows = []

    def row(label, fn):
        rows.append((label, [fn(s) for s in servers]))

    def fmt(r, key, digits=1):
        if r is None:
            return "not run"
        x = num(r.get(key))
        return "n/a" if x is None else f"{x:,.{digits}f}"

    def with_fail(r, key, digits=1):
        if r is None:
            return "not run"
        s = fmt(r, key, digits)
        f = int(r.get("failures", "0"))
        return s if f == 0 else f"{s} ({f} failed)"

    big = any_field("curl-retr", "size") or any_field("retr", "size", sessions=1)
    runs = any_field("curl-retr", "runs")
    bigh = human_size(big) if big else "?"
    row(f"{bigh} RETR, 1 stream, curl, MB/s (median of {runs.split('/')[-1] if runs else '?'})",
        lambda s: fmt(find(s, "curl-retr"), "MBps"))
    row(f"{bigh} STOR, 1 stream, curl, MB/s (median)", lambda s: fmt(find(s, "curl-stor"), "MBps"))
    row("server CPU s per GiB, curl RETR / STOR (median)",
        lambda s: f'{fmt(find(s, "curl-retr"), "cpu_s_per_gib", 2)} / {fmt(find(s, "curl-stor"), "cpu_s_per_gib", 2)}')
    row(f"{bigh} RETR, 1 stream, bench tool, MB/s", lambda s: with_fail(find(s, "retr", sessions=1), "MBps"))
    row(f"{bigh} STOR, 1 stream, bench tool, MB/s", lambda s: with_fail(find(s, "stor", sessions=1), "MBps"))

    idle_n = any_field("login-idle", "sessions")
    ramps = sorted({r.get("ramp") for r in results if r.get("scenario") == "login-idle" and r.get("ramp") not in (None, "0")})
    ramp = ramps[0] if ramps else None

    def idle(s, burst):
        return find(s, "login-idle", ramp=0) if burst else (find(s, "login-idle", ramp=ramp) if ramp else None)

    row(f"{idle_n} logins all at once (burst): until all logged in, ms", lambda s: with_fail(idle(s, True), "all_logged_in_ms"))
    if ramp:
        row(f"{idle_n} logins, at most {ramp} connecting at once: until all logged in, ms",
            lambda s: with_fail(idle(s, False), "all_logged_in_ms"))
    def both(s, key):
        a, b = idle(s, True), idle(s, False)
        if a is None and b is None:
            return "not run"
        return " / ".join(fmt(x, key) for x in (a, b) if x is not None)

    how = "burst" + (f" / ramp {ramp}" if ramp else "")
    row(f"{idle_n} idle sessions: VmRSS growth / session, main process, KiB ({how})",
        lambda s: both(s, "rss_per_session_kib"))
    row(f"{idle_n} idle sessions: PSS growth / session, whole process tree, KiB ({how})",
        lambda s: both(s, "pss_tree_per_session_kib"))

    conc = [r for r in results if r.get("scenario") == "retr" and r.get("sessions") not in (None, "1")]
    if conc:
        cn, cs = conc[0]["sessions"], human_size(conc[0]["size"])
        for scen in ("retr", "stor"):
            up = scen.upper()
            row(f"{cn} x {cs} {up} concurrently: aggregate MB/s",
                lambda s, scen=scen: with_fail(find(s, scen, sessions=cn), "MBps"))
            row(f"{cn} x {cs} {up}: per-transfer p50 / p99 ms",
                lambda s, scen=scen: "not run" if find(s, scen, sessions=cn) is None else
                f"{fmt(find(s, scen, sessions=cn), 'p50_ms')} / {fmt(find(s, scen, sessions=cn), 'p99_ms')}")

    mixed_n = any_field("mixed", "sessions")
    row(f"{mixed_n} mixed sessions (login+LIST+RETR 1 MiB): wall s", lambda s: fmt(find(s, "mixed"), "secs", 2))
    row(f"{mixed_n} mixed sessions: failures", lambda s: fmt(find(s, "mixed"), "failures", 0))
    par = any_field("logins", "parallel", mode="parallel")
    row("logins/s, sequential (connect+USER+PASS+QUIT)", lambda s: with_fail(find(s, "logins", mode="sequential"), "logins_per_s"))
    row(f"logins/s, {par} in parallel", lambda s: with_fail(find(s, "logins", mode="parallel"), "logins_per_s"))
    row("server CPU per login, µs (sequential / parallel)",
        lambda s: "not run" if find(s, "logins", mode="sequential") is None else
        f"{fmt(find(s, 'logins', mode='sequential'), 'cpu_us_per_login', 0)} / {fmt(find(s, 'logins', mode='parallel'), 'cpu_us_per_login', 0)}")

    out = []
    out.append(f"# AspNetFtp peer benchmark, {env.get('date', '?')} ({env.get('mode', '?')} run)")
    out.append("")
    out.append(f"Machine: {env.get('cpus', '?')} CPUs, kernel {env.get('kernel', '?')}; vsftpd {env.get('vsftpd', '?')}, "
               f"pyftpdlib {env.get('pyftpdlib', '?')}, curl {env.get('curl', '?')}, .NET SDK {env.get('dotnet', '?')}, "
               f"commit {env.get('commit', '?')}; data in {env.get('data_dir', '?')}; measuring took {env.get('duration_s', '?')} s; "
               f"load average (1/5/15 min) {env.get('loadavg_start', '?')} at start, {env.get('loadavg_end', '?')} at end.")
    if env.get("notes"):
        out.append(f"Notes: {env['notes']}")
    out.append("Client and servers share the same machine and loopback; MB = 10^6 bytes.")
    out.append("")
    out.append("| scenario | " + " | ".join(TITLE[s] for s in servers) + " |")
    out.append("|---|" + "---:|" * len(servers))
    for label, cells in rows:
        out.append(f"| {label} | " + " | ".join(cells) + " |")

    # Targets (docs/benchmarks.md) judged for AspNetFtp.
    out.append("")
    out.append("## Targets")
    out.append("")
    out.append("| target | measured | verdict |")
    out.append("|---|---|---|")

    def val(server, scenario, key, **m):
        r = find(server, scenario, **m)
        return None if r is None else num(r.get(key))

    def verdict(ok):
        return "n/a" if ok is None else ("PASS" if ok else "FAIL")

    def ratio_target(label, ours, peers, factor):
        peers = [(n, v) for n, v in peers if v is not None]
        if ours is None or not peers:
            out.append(f"| {label} | not measured | n/a |")
            return
        best_name, best = max(peers, key=lambda p: p[1])
        out.append(f"| {label} | {ours:,.1f} vs {TITLE[best_name]} {best:,.1f} = {ours / best:.2f}x | {verdict(ours >= factor * best)} |")

    for d in ("retr", "stor"):
        ratio_target(f"1-stream {d.upper()} plain >= 0.9x faster of vsftpd/pyftpdlib (curl)", val("aspnetftp", f"curl-{d}", "MBps"),
                     [(p, val(p, f"curl-{d}", "MBps")) for p in ("vsftpd", "pyftpdlib")], 0.9)
    for d in ("retr", "stor"):
        ratio_target(f"1-stream {d.upper()} TLS >= 0.9x vsftpd TLS (curl)", val("aspnetftp-tls", f"curl-{d}", "MBps"),
                     [("vsftpd-tls", val("vsftpd-tls", f"curl-{d}", "MBps"))], 0.9)
    for burst in (True, False):
        if not burst and not ramp:
            continue
        mode = "all at once" if burst else f"at most {ramp} connecting at once"
        a, v = idle("aspnetftp", burst), idle("vsftpd", burst)
        if a is not None and v is not None and num(a.get("all_logged_in_ms")) is not None:
            ours, theirs = num(a["all_logged_in_ms"]), num(v.get("all_logged_in_ms"))
            af, vf = int(a.get("failures", "0")), int(v.get("failures", "0"))
            ok = af == 0 and (vf > 0 or (theirs is not None and ours < theirs))
            out.append(f"| {idle_n} logins ({mode}) faster than vsftpd | {ours:,.1f} ms ({af} failed) vs {theirs:,.1f} ms ({vf} failed) | {verdict(ok)} |")
        else:
            out.append(f"| {idle_n} logins ({mode}) faster than vsftpd | not measured | n/a |")
    rss = [num(r.get("rss_per_session_kib")) for r in (idle("aspnetftp", True), idle("aspnetftp", False)) if r is not None]
    rss = [x for x in rss if x is not None]
    out.append(f"| <= 16 KiB RSS per idle session ({how}) | {'not measured' if not rss else ' / '.join(f'{x:.1f} KiB' for x in rss)} | {verdict(None if not rss else max(rss) <= 16)} |")
    if conc:
        for d in ("retr", "stor"):
            peers = [(p, val(p, d, "MBps", sessions=cn)) for p in ("vsftpd", "pyftpdlib")]
            ours = val("aspnetftp", d, "MBps", sessions=cn)
            f = val("aspnetftp", d, "failures", sessions=cn)
            peers_v = [(n, v) for n, v in peers if v is not None]
            if ours is None or not peers_v:
                out.append(f"| {cn} x {cs} {d.upper()} no slower than best peer, 0 failures | not measured | n/a |")
            else:
                bn, bv = max(peers_v, key=lambda p: p[1])
                out.append(f"| {cn} x {cs} {d.upper()} no slower than best peer, 0 failures | {ours:,.1f} vs {TITLE[bn]} {bv:,.1f} MB/s = {ours / bv:.2f}x, {int(f)} failures | {verdict(ours >= bv and f == 0)} |")
    mf = val("aspnetftp", "mixed", "failures")
    out.append(f"| {mixed_n} mixed sessions, 0 failures | {'not measured' if mf is None else f'{int(mf)} failures'} | {verdict(None if mf is None else mf == 0)} |")
    cpu = val("aspnetftp", "logins", "cpu_us_per_login", mode="sequential")
    cpu_p = val("aspnetftp", "logins", "cpu_us_per_login", mode="parallel")
    if cpu is None:
        out.append("| cached login well under 1 ms server CPU | not measured | n/a |")
    else:
        worst = max(c for c in (cpu, cpu_p) if c is not None)
        out.append(f"| cached login well under 1 ms server CPU | {cpu:.0f} µs sequential, {cpu_p if cpu_p is None else f'{cpu_p:.0f}'} µs parallel | {verdict(worst < 1000)} |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
