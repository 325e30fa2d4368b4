"""Runs benchmark components in wasmtime-py for bench/sections/6-componentize.mjs.

One process per component: the component is compiled once at start (`worker.py COMPONENT
[--fuel]`), then each line on stdin is a request and each answer one JSON line on stdout:
  {"op": "call", "func": NAME, "args": [...]}   one call into the long-lived instance
  {"op": "fresh", "func": NAME, "args": [...]}  a new Store, instantiation and one call
Both answer {"ms": wall time of what they timed, "result": the call's result}, or
{"error": message}. Only the call (or store + instantiation + call) is timed, not this
process's start-up or the compilation. With --fuel, wasmtime counts the wasm instructions
executed (its fuel: about one per instruction) and each answer also has "fuel": the count
for what was timed, which does not depend on the machine's load as the time does.
"""
import json
import sys
import time

from wasmtime import Config, Engine, Store, WasiConfig
from wasmtime.component import Component, Linker


FUEL = 1 << 62


def new_store(engine, fuel):
    store = Store(engine)
    store.set_wasi(WasiConfig())
    store.set_wasi_http()
    if fuel:
        store.set_fuel(FUEL)
    return store


def fuel_used(store, fuel, before):
    return {"fuel": before - store.get_fuel()} if fuel else {}


def call(instance, store, name, args):
    func = instance.get_func(store, name)
    if func is None:
        raise LookupError(f"the component exports no function {name}")
    result = func(store, *args)
    func.post_return(store)
    return result


def main():
    fuel = sys.argv[2:] == ["--fuel"]
    config = Config()
    config.consume_fuel = fuel
    engine = Engine(config)
    component = Component.from_file(engine, sys.argv[1])
    linker = Linker(engine)
    linker.add_wasip2()
    linker.add_wasi_http()
    store = None
    instance = None
    for line in sys.stdin:
        request = json.loads(line)
        try:
            if request["op"] == "fresh":
                start = time.perf_counter()
                fresh_store = new_store(engine, fuel)
                fresh = linker.instantiate(fresh_store, component)
                result = call(fresh, fresh_store, request["func"], request["args"])
                ms = (time.perf_counter() - start) * 1e3
                used = fuel_used(fresh_store, fuel, FUEL)
            else:
                if instance is None:
                    store = new_store(engine, fuel)
                    instance = linker.instantiate(store, component)
                before = store.get_fuel() if fuel else 0
                start = time.perf_counter()
                result = call(instance, store, request["func"], request["args"])
                ms = (time.perf_counter() - start) * 1e3
                used = fuel_used(store, fuel, before)
            answer = {"ms": ms, "result": result, **used}
        except Exception as e:  # the error goes to the table, the worker stays up
            answer = {"error": f"{type(e).__name__}: {e}".strip()}
        print(json.dumps(answer), flush=True)


main()
