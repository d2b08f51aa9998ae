#!/usr/bin/env python3
"""Makes a catalogue of N rule packs for benchmarks: copies of the shipped packs, each renamed
(folder and item.yaml code: residence-permit-0042, ...), with rules/data-sharing.yaml copied beside them.

    scripts/catalogue.py 3000 target/catalogue-3000      # then --tongban.rules.dir=target/catalogue-3000/rules
"""
import pathlib
import re
import shutil
import sys


def main(count, out):
    shipped = pathlib.Path(__file__).resolve().parent.parent / "rules"
    packs = sorted(p for p in shipped.iterdir() if (p / "item.yaml").is_file())
    rules = pathlib.Path(out) / "rules"
    if rules.exists():
        shutil.rmtree(rules)
    rules.mkdir(parents=True)
    shutil.copy(shipped / "data-sharing.yaml", rules / "data-sharing.yaml")
    for i in range(count):
        source = packs[i % len(packs)]
        code = f"{source.name}-{i:04d}"
        target = rules / code
        shutil.copytree(source, target)
        item = target / "item.yaml"
        text = item.read_text(encoding="utf-8")
        item.write_text(re.sub(r"(?m)^code: .*$", f"code: {code}", text, count=1), encoding="utf-8")
    print(f"{count} packs in {rules}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit("usage: scripts/catalogue.py COUNT OUTPUT_DIR")
    main(int(sys.argv[1]), sys.argv[2])
