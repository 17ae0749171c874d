#!/usr/bin/env python3
"""Compile-time benchmark: 200 approval cards with `card!` versus the same cards with `json!`.

Measured for card JSON 1.0 and 2.0 side by side in one run (`--schemas` picks). Generates
bench/out/ (see gen_cards.py), checks that every card!/json! pair produces equal JSON, prebuilds
the dependencies, then rebuilds ONLY the generated crates, one at a time, alternating
card!/json! and the versions so that noise from other processes on the machine hits all alike. Each build is a full, non-incremental compile of
that one crate (CARGO_INCREMENTAL=0; the source is touched before each build), timed by cargo's
own `--timings` unit duration, which excludes cargo's start-up and lock checks. Prints the median
seconds per profile, the frontend/codegen split and the ratio card!/json!.

With --profile-code it also prints what the 1.0 crates ask the compiler to do: MIR and LLVM IR line
counts (both stable `--emit` outputs) and, for card!, the size of the expansion printed by
CARD_MACROS_DEBUG.

Targets (design.md "Performance targets"): card!/json! <= 0.2 in release and <= 0.5 in debug, for
card JSON 1.0 and 2.0 alike.

Environment: BENCH_TARGET_DIR (default bench/out/target) holds the generated crates' builds; it is
kept between runs so dependencies are built once.
"""

import argparse
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import gen_cards  # noqa: E402

SCHEMAS = {"1.0": "", "2.0": "_v2"}
TARGETS = {"debug": 0.5, "release": 0.2}


def crates(schema):
    """The (writer, crate) pairs of one card JSON version."""
    suffix = SCHEMAS[schema]
    return {"card!": f"cards_macro{suffix}", "json!": f"cards_json{suffix}"}
UNIT_DATA = re.compile(r"const UNIT_DATA = (\[.*?\n\]);", re.S)


class Bench:
    def __init__(self, out, target_dir):
        self.out = out
        self.target_dir = target_dir
        self.env = dict(os.environ, CARGO_TARGET_DIR=str(target_dir), CARGO_INCREMENTAL="0",
                        CARGO_TERM_COLOR="never")
        self.env.pop("CARD_MACROS_DEBUG", None)

    def cargo(self, *args, env=None, check=True):
        proc = subprocess.run(["cargo", *args], cwd=self.out, env=env or self.env,
                              capture_output=True, text=True)
        if check and proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"cargo {' '.join(args)} failed")
        return proc

    def check_equal(self):
        proc = self.cargo("run", "--quiet", "-p", "cards_check")
        print(proc.stdout.strip())

    def prebuild(self, profile, schemas):
        flags = ["--release"] if profile == "release" else []
        packages = [arg for schema in schemas for crate in crates(schema).values()
                    for arg in ("-p", crate)]
        self.cargo("build", *flags, *packages)

    def timed_build(self, crate, profile):
        """One full compile of `crate`; returns (total, frontend, codegen) seconds."""
        src = self.out / crate / "src" / "lib.rs"
        os.utime(src)
        flags = ["--release"] if profile == "release" else []
        proc = self.cargo("build", *flags, "-p", crate, "--timings")
        if f"Compiling {crate}" not in proc.stderr:
            raise SystemExit(f"{crate} was not rebuilt; timing would be meaningless")
        html = (self.target_dir / "cargo-timings" / "cargo-timing.html").read_text()
        units = json.loads(UNIT_DATA.search(html).group(1))
        unit = next(u for u in units if u["name"] == crate)
        sections = dict(unit.get("sections") or [])
        frontend = sections.get("frontend", {}).get("end", 0.0)
        return unit["duration"], frontend, unit["duration"] - frontend

    def measure(self, profiles, schemas, runs):
        results = {}
        for profile in profiles:
            print(f"[{profile}] building dependencies (not timed) ...", flush=True)
            self.prebuild(profile, schemas)
            samples = {(schema, name): [] for schema in schemas for name in crates(schema)}
            for run in range(runs):
                for schema in schemas:
                    for name, crate in crates(schema).items():
                        sample = self.timed_build(crate, profile)
                        samples[(schema, name)].append(sample)
                        print(f"[{profile}] run {run + 1}/{runs} {schema} {name:6} "
                              f"{sample[0]:7.2f} s", flush=True)
            for schema in schemas:
                results[(schema, profile)] = {
                    name: tuple(statistics.median(s[k] for s in samples[(schema, name)])
                                for k in range(3))
                    for name in crates(schema)}
        return results

    def code_size(self, profiles):
        """Lines of MIR and LLVM IR each crate hands the compiler's back half, per profile."""
        sizes = {}
        for profile in profiles:
            flags = ["--release"] if profile == "release" else []
            for name, crate in crates("1.0").items():
                emit_dir = self.out / "emit" / profile / crate
                emit_dir.mkdir(parents=True, exist_ok=True)
                counts = {}
                for kind in ("mir", "llvm-ir"):
                    path = emit_dir / f"{crate}.{'mir' if kind == 'mir' else 'll'}"
                    os.utime(self.out / crate / "src" / "lib.rs")
                    self.cargo("rustc", *flags, "-p", crate, "--lib", "--",
                               f"--emit={kind}={path}")
                    counts[kind] = sum(1 for _ in path.open(errors="replace"))
                sizes[(profile, name)] = counts
        env = dict(self.env, CARD_MACROS_DEBUG="1")
        os.utime(self.out / "cards_macro" / "src" / "lib.rs")
        proc = self.cargo("build", "-p", "cards_macro", env=env)
        expansion = len([ln for ln in proc.stderr.splitlines()
                         if not ln.lstrip().startswith(("Compiling", "Finished"))])
        return sizes, len(proc.stderr.encode()), expansion


def print_table(results, n):
    print()
    print(f"Compile time of one crate of {n} approval cards (median, seconds; "
          "frontend = parse + expand + check, codegen = LLVM)")
    print(f"{'schema':6} {'profile':8} {'card!':>8} {'json!':>8} {'ratio':>7} {'target':>7}  "
          f"{'card! front/codegen':>20} {'json! front/codegen':>20}  verdict")
    for (schema, profile), by_name in sorted(results.items()):
        mac, js = by_name["card!"], by_name["json!"]
        ratio = mac[0] / js[0] if js[0] else float("inf")
        target = TARGETS[profile]
        verdict = "met" if ratio <= target else "MISSED"
        print(f"{schema:6} {profile:8} {mac[0]:8.2f} {js[0]:8.2f} {ratio:6.2f}x {target:6.2f}x  "
              f"{mac[1]:9.2f} /{mac[2]:8.2f} {js[1]:9.2f} /{js[2]:8.2f}  {verdict}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=200, help="cards per crate (default 200)")
    parser.add_argument("--runs", type=int, default=3, help="builds per crate and profile")
    parser.add_argument("--profiles", default="debug,release",
                        help="comma-separated: debug, release (default both)")
    parser.add_argument("--schemas", default="1.0,2.0",
                        help="comma-separated card JSON versions: 1.0, 2.0 (default both)")
    parser.add_argument("--profile-code", action="store_true",
                        help="also print MIR/LLVM IR/expansion sizes")
    parser.add_argument("--skip-check", action="store_true",
                        help="do not build and run the equality check")
    args = parser.parse_args()
    profiles = [p for p in args.profiles.split(",") if p]
    if not set(profiles) <= set(TARGETS):
        parser.error("profiles are debug and/or release")
    schemas = [s for s in args.schemas.split(",") if s]
    if not set(schemas) <= set(SCHEMAS):
        parser.error("schemas are 1.0 and/or 2.0")

    repo = gen_cards.REPO
    out = repo / "bench" / "out"
    target_dir = pathlib.Path(os.environ.get("BENCH_TARGET_DIR", out / "target")).resolve()
    gen_cards.generate(out, args.cards)
    bench = Bench(out, target_dir)
    if not args.skip_check:
        bench.check_equal()
    results = bench.measure(profiles, schemas, args.runs)
    print_table(results, args.cards)
    if args.profile_code:
        sizes, expansion_bytes, expansion_lines = bench.code_size(profiles)
        print()
        print(f"{'profile':8} {'crate':6} {'MIR lines':>10} {'LLVM IR lines':>14}")
        for (profile, name), counts in sizes.items():
            print(f"{profile:8} {name:6} {counts['mir']:10} {counts['llvm-ir']:14}")
        print(f"card! expansion (CARD_MACROS_DEBUG output): {expansion_bytes} bytes, "
              f"{expansion_lines} lines for {args.cards} cards")


if __name__ == "__main__":
    main()
