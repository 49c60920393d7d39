"""Reads JSON lines {"value": <tagged>, "protocol": n} and prints pickle.dumps(...).hex().

Tags: {"t": [...]} tuple, {"i": "123"} int, {"f": "nan"} float, {"d": [[k, v], ...]} dict.
Equal strings are made the same object, matching the TypeScript encoder's by-value memo.
"""
import json
import pickle
import sys

strings = {}


def build(d):
    if isinstance(d, str):
        return strings.setdefault(d, d)
    if isinstance(d, list):
        return [build(x) for x in d]
    if d is None or isinstance(d, (bool, int)):
        return d
    (tag, body), = d.items()
    if tag == "t":
        return tuple(build(x) for x in body)
    if tag == "i":
        return int(body)
    if tag == "f":
        return float(body)
    if tag == "d":
        return {build(k): build(v) for k, v in body}
    raise ValueError(tag)


for line in sys.stdin:
    case = json.loads(line)
    print(pickle.dumps(build(case["value"]), case["protocol"]).hex())
