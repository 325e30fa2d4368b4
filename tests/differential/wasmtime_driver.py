"""The differential checker's wasmtime side: calls every case of every batch in a directory
(batch-<k>.wasm and batch-<k>.json, written by ferry-differential) with wasmtime-py, its
import echo<i> (inner<i> when composed: the batch's "host") answering with its argument, and
writes what each export pass<i> returned, in the checker's JSON form, to
batch-<k>.wasmtime.json: [{"index", "value" | "error", "reallocs"?, "borrow"?, "layout" |
"layoutError"?}] ("reallocs": the cabi_realloc calls of the call, "layout": the bytes
layout<i> returned, in hex).

    python wasmtime_driver.py DIR
"""

import json
import math
import struct
import sys
from pathlib import Path

import wasmtime
import wasmtime.component as wc

# wasmtime-py gives a variant-like value without its tag when the cases' Python classes differ
# (an option as the payload or None, a result as its payload), and then picks the case by
# isinstance, so a bool payload can match an int case (bool is an int in Python). Tagged
# values everywhere make every case exact.
wc._types.VariantLikeType._tagged = lambda self: True

RES_TYPE = 1

# The kinds whose values wasmtime-py takes and gives as the checker's JSON has them.
SAME_KINDS = {"bool", "u8", "s8", "u16", "s16", "u32", "s32", "char", "string", "enum"}


def f32_from_bits(s):
    return struct.unpack("<f", struct.pack("<I", int(s, 16)))[0]


def f64_from_bits(s):
    return struct.unpack("<d", struct.pack("<Q", int(s, 16)))[0]


def float_to_json(x, bits):
    if math.isnan(x):
        return "nan"
    if bits == 32:
        return "0x%08x" % struct.unpack("<I", struct.pack("<f", x))[0]
    return "0x%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def lower(ty, v):
    """The checker's JSON value `v` of type `ty` as wasmtime-py takes it."""
    k = ty["k"]
    if k in SAME_KINDS:
        return v
    if k in ("u64", "s64"):
        return int(v)
    if k == "f32":
        return math.nan if v == "nan" else f32_from_bits(v)
    if k == "f64":
        return math.nan if v == "nan" else f64_from_bits(v)
    if k == "list":
        if ty["t"]["k"] == "u8":
            return bytes(v)
        return [lower(ty["t"], x) for x in v]
    if k == "tuple":
        return tuple(lower(t, x) for t, x in zip(ty["ts"], v))
    if k == "record":
        r = wc.Record()
        for name, t in ty["fields"]:
            setattr(r, name, lower(t, v[name]))
        return r
    if k == "flags":
        return set(v)
    if k == "own":
        return wc.ResourceHost.own(v["res"], RES_TYPE)
    payload = case_type(ty, v["tag"])
    return wc.Variant(v["tag"], lower(payload, v["val"]) if payload is not None else None)


def case_type(ty, tag):
    """The payload type of case `tag` of a variant, option or result type."""
    k = ty["k"]
    if k == "option":
        return ty["t"] if tag == "some" else None
    if k == "result":
        return ty[tag]
    return dict(ty["cases"])[tag]


def lift(store, ty, v):
    """A value wasmtime-py returned, in the checker's JSON form."""
    k = ty["k"]
    if k in SAME_KINDS:
        return v
    if k in ("u64", "s64"):
        return str(v)
    if k == "f32":
        return float_to_json(v, 32)
    if k == "f64":
        return float_to_json(v, 64)
    if k == "list":
        return [lift(store, ty["t"], x) for x in v]
    if k == "tuple":
        return [lift(store, t, x) for t, x in zip(ty["ts"], v)]
    if k == "record":
        return {name: lift(store, t, getattr(v, name)) for name, t in ty["fields"]}
    if k == "flags":
        return [n for n in ty["names"] if n in v]
    if k == "own":
        host = v.to_host(store)
        return {"res": host.rep}
    payload = case_type(ty, v.tag)
    out = {"tag": v.tag}
    if payload is not None:
        out["val"] = lift(store, payload, v.payload)
    return out


class Batch:
    """One batch's component, instantiated afresh whenever a call trapped."""

    def __init__(self, engine, wasm, batch):
        self.engine = engine
        self.component = wc.Component.from_file(engine, str(wasm))
        self.host = batch["host"]
        self.cases = batch["cases"]
        self.borrowed = None
        self.instance = None

    def instantiate(self):
        self.store = wasmtime.Store(self.engine)
        linker = wc.Linker(self.engine)
        with linker.root() as root:
            root.add_resource("res", wc.ResourceType.host(RES_TYPE), lambda store, rep: None)
            for case in self.cases:
                root.add_func("%s%d" % (self.host, case["index"]), self.echo)
        self.instance = linker.instantiate(self.store, self.component)

    def echo(self, store, x, b=None):
        if b is not None:
            self.borrowed = b.to_host(store).rep
        return x

    def call(self, case):
        out = {"index": case["index"]}
        try:
            self.reallocs()
            result = self.invoke(case, "pass")
            out["value"] = lift(self.store, case["type"], result)
            out["reallocs"] = self.reallocs()
        except Exception as e:  # a trap, or a value wasmtime-py refused
            out["error"] = describe(e)
            self.instance = None
        if "borrow" in case:
            out["borrow"] = self.borrowed
        if case.get("layout") and "error" not in out:
            try:
                out["layout"] = bytes(self.invoke(case, "layout")).hex()
            except Exception as e:
                out["layoutError"] = describe(e)
                self.instance = None
        return out

    def reallocs(self):
        """The component's log of cabi_realloc calls since the last call, which it clears."""
        if self.instance is None:
            self.instantiate()
        return list(self.instance.get_func(self.store, "reallocs")(self.store))

    def invoke(self, case, prefix):
        """Calls `<prefix><i>` with the case's value (and lent resource)."""
        if self.instance is None:
            self.instantiate()
        func = self.instance.get_func(self.store, "%s%d" % (prefix, case["index"]))
        args = [lower(case["type"], case["value"])]
        if "borrow" in case:
            args.append(wc.ResourceHost.borrow(case["borrow"], RES_TYPE))
        self.borrowed = None
        return func(self.store, *args)


def describe(e):
    text = str(e)
    return "%s: %s" % (type(e).__name__, text.splitlines()[0] if text else "")


def main(directory):
    engine = wasmtime.Engine()
    for spec in sorted(Path(directory).glob("batch-*.json")):
        if spec.name.count(".") > 1:
            continue
        batch = json.loads(spec.read_text())
        try:
            runner = Batch(engine, spec.with_suffix(".wasm"), batch)
            results = [runner.call(case) for case in batch["cases"]]
        except Exception as e:  # the component refused, or its instantiation failed
            error = "batch %d: %s" % (batch["batch"], describe(e))
            results = [{"index": case["index"], "error": error} for case in batch["cases"]]
        spec.with_suffix(".wasmtime.json").write_text(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
