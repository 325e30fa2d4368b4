use wasmtime::{Instance, Linker, Module, Store};

use super::imports::IMPORT_AT_TOP_LEVEL;
use std::time::Duration;

use super::{Limits, Output, PreinitError, preinitialize, runtime};

/// A stand-in engine that keeps the init contract. `ferry_init` says hello on stdout, then
/// acts on the input's first byte: `E` fails with an error on stderr, `T` traps after writing
/// to stderr, `H` calls `ferry:host/call`, `X` calls `proc_exit(3)`, `U` calls an import the
/// host does not define, `L` loops forever, `M` returns what growing memory by 100 pages
/// gives (-1 when refused), `S` recurses on its shadow stack (its first global, as LLVM's
/// `__stack_pointer` is) until a store below address 0 traps, `O` stores out of bounds with
/// its stack untouched. Otherwise it copies the input to 1024, sums its bytes into `answer`,
/// zeroes the input, and stores 16 random bytes at 2048 and the realtime clock at 2064.
const ENGINE: &str = r#"
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
  (import "ferry:host" "call" (func $host_call (param i32)))
  (memory (export "memory") 1)
  (global $sp (mut i32) (i32.const 65536))
  (global $heap (mut i32) (i32.const 4096))
  (global $ctors (mut i32) (i32.const 0))
  (global $sum (mut i32) (i32.const 0))
  ;; iovecs: stdout's text at 64, stderr's at 72; `nwritten` goes to 96.
  (data (i32.const 64) "\00\01\00\00\0d\00\00\00" "\40\01\00\00\0c\00\00\00")
  (data (i32.const 256) "init says hi\n")
  (data (i32.const 320) "Error: boom\n")

  (func (export "_initialize")
    (global.set $ctors (i32.add (global.get $ctors) (i32.const 1))))

  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (global.get $heap)
    (global.set $heap (i32.add (global.get $heap) (local.get 3))))

  (func $down
    (global.set $sp (i32.sub (global.get $sp) (i32.const 1024)))
    (i32.store (global.get $sp) (i32.const 1))
    (call $down))

  (func (export "ferry_init") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32) (local $first i32)
    (drop (call $fd_write (i32.const 1) (i32.const 64) (i32.const 1) (i32.const 96)))
    (local.set $first (i32.load8_u (local.get $ptr)))
    (if (i32.eq (local.get $first) (i32.const 0x45)) (then
      (drop (call $fd_write (i32.const 2) (i32.const 72) (i32.const 1) (i32.const 96)))
      (return (i32.const 1))))
    (if (i32.eq (local.get $first) (i32.const 0x54)) (then
      (drop (call $fd_write (i32.const 2) (i32.const 72) (i32.const 1) (i32.const 96)))
      (unreachable)))
    (if (i32.eq (local.get $first) (i32.const 0x48)) (then (call $host_call (i32.const 0))))
    (if (i32.eq (local.get $first) (i32.const 0x58)) (then (call $proc_exit (i32.const 3))))
    (if (i32.eq (local.get $first) (i32.const 0x4c)) (then (loop $forever (br $forever))))
    (if (i32.eq (local.get $first) (i32.const 0x4d)) (then (return (memory.grow (i32.const 100)))))
    (if (i32.eq (local.get $first) (i32.const 0x53)) (then (call $down)))
    (if (i32.eq (local.get $first) (i32.const 0x4f)) (then (i32.store (i32.const 65536) (i32.const 1))))
    (if (i32.eq (local.get $first) (i32.const 0x55)) (then
      (drop (call $sock_accept (i32.const 0) (i32.const 0) (i32.const 0)))))
    (memory.copy (i32.const 1024) (local.get $ptr) (local.get $len))
    (loop $sum
      (if (i32.lt_u (local.get $i) (local.get $len)) (then
        (global.set $sum (i32.add (global.get $sum)
          (i32.load8_u (i32.add (local.get $ptr) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sum))))
    (memory.fill (local.get $ptr) (i32.const 0) (local.get $len))
    (drop (call $random_get (i32.const 2048) (i32.const 16)))
    (drop (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 2064)))
    (i32.const 0))

  (func (export "answer") (result i32) (global.get $sum))
  (func (export "ctors") (result i32) (global.get $ctors)))
"#;

fn engine() -> Vec<u8> {
    wat::parse_str(ENGINE).unwrap()
}

/// Instantiates a snapshot as the component will: no `_initialize`, no init.
fn instantiate(snapshot: &[u8]) -> (Store<()>, Instance, Module) {
    let runtime = runtime().unwrap();
    let module = Module::new(&runtime, snapshot).unwrap();
    let mut linker = Linker::new(&runtime);
    linker.define_unknown_imports_as_traps(&module).unwrap();
    let mut store = Store::new(&runtime, ());
    store.set_epoch_deadline(1);
    let instance = linker.instantiate(&mut store, &module).unwrap();
    (store, instance, module)
}

fn call(store: &mut Store<()>, instance: &Instance, name: &str) -> i32 {
    instance.get_typed_func::<(), i32>(&mut *store, name).unwrap().call(&mut *store, ()).unwrap()
}

fn memory(store: &mut Store<()>, instance: &Instance, at: usize, len: usize) -> Vec<u8> {
    let memory = instance.get_memory(&mut *store, "memory").unwrap();
    memory.data(&*store)[at..at + len].to_vec()
}

#[test]
fn snapshot_holds_the_initialised_state() {
    let input = b"export const answer = 42;";
    let done = preinitialize(&engine(), input, Limits::default()).unwrap();
    assert_eq!(done.output, Output { stdout: b"init says hi\n".to_vec(), stderr: vec![] });

    let (mut store, instance, module) = instantiate(&done.module);
    let sum: u32 = input.iter().map(|&b| u32::from(b)).sum();
    assert_eq!(call(&mut store, &instance, "answer"), sum as i32);
    assert_eq!(memory(&mut store, &instance, 1024, input.len()), input);
    // The engine zeroed the input where `cabi_realloc` put it.
    assert_eq!(memory(&mut store, &instance, 4096, input.len()), vec![0; input.len()]);
    let now = u64::from_le_bytes(memory(&mut store, &instance, 2064, 8).try_into().unwrap());
    assert!(now > 1_600_000_000_000_000_000, "realtime clock read {now} ns");

    // The constructors ran once, at init, and the snapshot cannot run them or the init again.
    assert_eq!(call(&mut store, &instance, "ctors"), 1);
    let exports: Vec<&str> = module.exports().map(|e| e.name()).collect();
    assert_eq!(exports, ["memory", "cabi_realloc", "answer", "ctors"]);
}

#[test]
fn randomness_is_the_same_in_every_snapshot() {
    let random = |snapshot: &[u8]| {
        let (mut store, instance, _) = instantiate(snapshot);
        memory(&mut store, &instance, 2048, 16)
    };
    let first = random(&preinitialize(&engine(), b"same", Limits::default()).unwrap().module);
    let second = random(&preinitialize(&engine(), b"same", Limits::default()).unwrap().module);
    assert_ne!(first, vec![0; 16]);
    assert_eq!(first, second);
}

#[test]
fn failing_init_carries_its_stderr() {
    let err = preinitialize(&engine(), b"Error", Limits::default()).unwrap_err();
    let PreinitError::InitFailed { status, output } = &err else { panic!("{err:?}") };
    assert_eq!(*status, 1);
    assert_eq!(output.stderr, b"Error: boom\n");
    assert_eq!(err.to_string(), "evaluating the JS module failed:\nError: boom");
}

#[test]
fn trap_carries_its_message_and_stderr() {
    let err = preinitialize(&engine(), b"Trap", Limits::default()).unwrap_err();
    let PreinitError::Trap { message, output } = &err else { panic!("{err:?}") };
    assert!(message.contains("unreachable"), "{message}");
    assert_eq!(output.stderr, b"Error: boom\n");
    assert_eq!(output.stdout, b"init says hi\n");
    assert!(err.to_string().ends_with("\nits stderr:\nError: boom"), "{err}");
}

#[test]
fn host_call_at_top_level_traps() {
    let err = preinitialize(&engine(), b"Host", Limits::default()).unwrap_err();
    let PreinitError::Trap { message, .. } = &err else { panic!("{err:?}") };
    assert!(message.starts_with(IMPORT_AT_TOP_LEVEL), "{message}");
}

#[test]
fn unknown_import_traps() {
    let err = preinitialize(&engine(), b"Unknown", Limits::default()).unwrap_err();
    let PreinitError::Trap { message, .. } = &err else { panic!("{err:?}") };
    assert!(message.contains("sock_accept"), "{message}");
}

#[test]
fn proc_exit_stops_the_init() {
    let err = preinitialize(&engine(), b"Xit", Limits::default()).unwrap_err();
    let PreinitError::Exit { code, output } = &err else { panic!("{err:?}") };
    assert_eq!(*code, 3);
    assert_eq!(output.stdout, b"init says hi\n");
    assert_eq!(err.to_string(), "the engine exited with code 3");
}

#[test]
fn missing_export_is_named() {
    let engine = wat::parse_str(
        r#"(module
             (memory (export "memory") 1)
             (func (export "_initialize"))
             (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0)))"#,
    )
    .unwrap();
    let err = preinitialize(&engine, b"", Limits::default()).unwrap_err();
    assert_eq!(err.to_string(), "the engine module: it has no function export `ferry_init`");
}

#[test]
fn export_of_the_wrong_type_is_named() {
    let engine = wat::parse_str(
        r#"(module
             (memory (export "memory") 1)
             (func (export "_initialize"))
             (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0))
             (func (export "ferry_init")))"#,
    )
    .unwrap();
    let err = preinitialize(&engine, b"", Limits::default()).unwrap_err();
    assert!(err.to_string().starts_with("the engine module: its export `ferry_init`: "), "{err}");
}

#[test]
fn invalid_module_is_a_bad_engine() {
    let err = preinitialize(b"\0asm\x01\0\0\0\x05", b"", Limits::default()).unwrap_err();
    assert!(matches!(err, PreinitError::BadEngine(_)), "{err:?}");
}

#[test]
fn a_top_level_that_never_ends_times_out() {
    let limits = Limits { time: Duration::from_millis(200), ..Limits::default() };
    let err = preinitialize(&engine(), b"Loop", limits).unwrap_err();
    assert!(matches!(err, PreinitError::TimedOut { .. }), "{err:?}");
    assert!(err.to_string().contains("ran for more than 0.2 s (--init-timeout)"), "{err}");
}

#[test]
fn memory_grows_only_to_the_limit() {
    let status = |limits| match preinitialize(&engine(), b"More", limits).unwrap_err() {
        PreinitError::InitFailed { status, .. } => status,
        other => panic!("{other:?}"),
    };
    assert_eq!(status(Limits::default()), 1, "grown from 1 page");
    assert_eq!(status(Limits { memory: 64 << 10, ..Limits::default() }), -1, "refused past 64 KiB");
}

#[test]
fn a_trap_with_the_shadow_stack_run_out_is_code_too_deep() {
    let err = preinitialize(&engine(), b"Stack", Limits::default()).unwrap_err();
    assert!(matches!(err, PreinitError::StackExhausted { .. }), "{err:?}");
    assert!(err.to_string().starts_with("the engine ran out of stack evaluating it: "), "{err}");
    // Out of bounds with the stack where it was: a trap like any other.
    let err = preinitialize(&engine(), b"Out of bounds", Limits::default()).unwrap_err();
    let PreinitError::Trap { message, .. } = &err else { panic!("{err:?}") };
    assert!(message.contains("out of bounds"), "{message}");
}

#[test]
fn the_dead_stack_below_the_stack_pointer_is_zeroed() {
    // Stack first: the stack is [0, 64), the data from 64.
    let mut memory: Vec<u8> = (1..=128).collect();
    super::zero_dead_stack(&mut memory, 48, 64);
    assert!(memory[..48].iter().all(|b| *b == 0));
    assert_eq!(memory[48..], (49..=128).collect::<Vec<u8>>());
    // Data below the stack pointer: the stack's bottom is unknown, nothing is zeroed.
    let mut memory: Vec<u8> = (1..=128).collect();
    super::zero_dead_stack(&mut memory, 96, 64);
    assert_eq!(memory, (1..=128).collect::<Vec<u8>>());
}
