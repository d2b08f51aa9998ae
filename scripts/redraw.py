#!/usr/bin/env python3
"""Re-draw a published supervision draw (双随机一公开) and check it, with nothing but Python 3's standard library.

    python3 scripts/redraw.py https://tongban.example.gov.cn/api/v1/supervision/draws/<id>
    python3 scripts/redraw.py draw.json                      # a record saved earlier (curl -o draw.json …)
    python3 scripts/redraw.py draw.json --publication <hex>  # the publication hash you noted when it was published

It recomputes, from the record alone: the SHA-256 of both canonical lists, the publication hash, the seed from the
outside value, and the selection (holders and their two inspectors each); it prints the selection and every
difference from what the record says. Exit status 0: the record is consistent and the selection is the one published;
1: something does not match (the record was changed after publication, or the selection is not the draw's);
2: the record could not be read. The algorithm is the README's "Supervision" section, word for word.
"""
import hashlib
import hmac
import json
import math
import sys
import urllib.request


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def holders_text(holders):
    return "".join(f"{h['licenceNumber']}\t{h['name']}\n" for h in sorted(holders, key=lambda h: h["licenceNumber"]))


def inspectors_text(inspectors):
    rows = sorted(inspectors, key=lambda i: i["badge"])
    return "".join(f"{i['badge']}\t{','.join(sorted(set(i['conflicts'])))}\n" for i in rows)


def dash(value):
    return "-" if value is None else str(value)


def publication_text(record):
    p = record["parameters"]
    return (f"{record['format']}\ndraw {record['id']}\nlicence-type {p['licenceType']}\ndistrict {dash(p['district'])}\n"
            f"share-percent {dash(p['sharePercent'])}\ncount {dash(p['count'])}\n"
            f"holders {record['holdersSha256']}\ninspectors {record['inspectorsSha256']}\n")


def selection_size(holders, share_percent, count):
    return min(count, holders) if count is not None else math.ceil(holders * share_percent / 100)


def mac(key, message):
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def select(seed, holders, inspectors, size, per_inspection):
    key = bytes.fromhex(seed)
    ranked = sorted(holders, key=lambda h: (mac(key, "holder\n" + h["licenceNumber"]), h["licenceNumber"]))[:size]
    selection = []
    for holder in ranked:
        number = holder["licenceNumber"]
        free = [i for i in inspectors if number not in i["conflicts"]]
        free.sort(key=lambda i: (mac(key, "inspector\n" + number + "\n" + i["badge"]), i["badge"]))
        selection.append((number, [i["badge"] for i in free[:per_inspection]]))
    return selection


def read(source):
    if source.startswith("http://") or source.startswith("https://"):
        with urllib.request.urlopen(source, timeout=30) as answer:
            return json.load(answer)
    with open(source, encoding="utf-8") as file:
        return json.load(file)


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--publication"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        record = read(argv[1])
    except (OSError, ValueError) as e:
        print(f"cannot read the record: {e}", file=sys.stderr)
        return 2
    problems = []
    if record.get("format") != "tongban-draw/1":
        print(f"unknown record format {record.get('format')!r}; this script re-draws tongban-draw/1", file=sys.stderr)
        return 2
    if sha256(holders_text(record["holders"])) != record["holdersSha256"]:
        problems.append("the holders list does not hash to holdersSha256: the list was changed after publication")
    if sha256(inspectors_text(record["inspectors"])) != record["inspectorsSha256"]:
        problems.append("the inspectors list does not hash to inspectorsSha256: the pool was changed after publication")
    publication = sha256(publication_text(record))
    if publication != record["publicationSha256"]:
        problems.append("the parameters and list hashes do not hash to publicationSha256: the draw was changed after publication")
    if len(argv) == 4 and argv[3].lower() != record["publicationSha256"]:
        problems.append(f"publicationSha256 is {record['publicationSha256']}, not the {argv[3]} you noted at publication")
    print(f"draw {record['id']}: {len(record['holders'])} holders of {record['parameters']['licenceType']}, "
          f"{len(record['inspectors'])} inspectors, publication {publication}")
    seed = record.get("seed")
    if seed is None:
        print("the seed is not fixed yet: nothing is drawn")
    else:
        expected_seed = sha256(f"tongban-draw-seed/1\n{publication}\n{seed['value']}\n")
        if expected_seed != seed["seed"]:
            problems.append(f"the seed is {seed['seed']}, but the outside value {seed['value']!r} gives {expected_seed}")
        p = record["parameters"]
        size = selection_size(len(record["holders"]), p["sharePercent"], p["count"])
        drawn = select(expected_seed, record["holders"], record["inspectors"], size, p["inspectorsPerInspection"])
        published = [(i["licenceNumber"], i["inspectors"]) for i in sorted(record["inspections"], key=lambda i: i["seq"])]
        print(f"seed {expected_seed} from {seed['source']}: {seed['value']}")
        for number, inspectors in drawn:
            print(f"{number}\t{' '.join(inspectors)}")
        if drawn != published:
            problems.append("the published inspections are not the ones this draw selects")
    for problem in problems:
        print("MISMATCH: " + problem)
    print("OK: the record is consistent and the selection is the draw's" if not problems else "NOT OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
