//! fs ROOT: std::fs operations under ROOT, a preopened directory (`/sandbox`, `.`, ...). Each
//! step prints `<label>: Ok(<value>)` or `<label>: Err(<ErrorKind>, errno <n>)`; steps with a
//! known outcome check it and add ` UNEXPECTED` when it differs. Ends with a sorted listing of
//! everything under ROOT. Exits 0 when every checked step went as expected, else 1.
//! Leaves ROOT holding: renamed.txt, copy.txt, big.bin, héllo 🦀.txt, timed.txt, link
//! (-> renamed.txt), dangling (-> missing.txt), hard.txt (hard link to renamed.txt), kept/.

use std::fmt::Debug;
use std::fs::{self, File, FileTimes, OpenOptions};
use std::io::{self, ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use wasi_programs::symlink as symlink_path;
use wasi_programs::{FNV_OFFSET, fnv1a, show};

/// What a step should give: Ok (and maybe a value), an error of a kind, or anything.
enum Want<'a> {
    Okay,
    Is(&'a str),
    Fails(ErrorKind),
    /// An error with this raw errno (for errors std gives no kind of their own).
    Errno(i32),
    Any,
}

struct Run {
    unexpected: usize,
}

impl Run {
    fn step<T: Debug>(&mut self, label: &str, want: Want, r: io::Result<T>) -> Option<T> {
        let shown = show(&r);
        let good = match (&want, &r) {
            (Want::Okay, Ok(_)) | (Want::Any, _) => true,
            (Want::Is(s), Ok(v)) => format!("{v:?}") == *s,
            (Want::Fails(k), Err(e)) => e.kind() == *k,
            (Want::Errno(n), Err(e)) => e.raw_os_error() == Some(*n),
            _ => false,
        };
        if good {
            println!("{label}: {shown}");
        } else {
            self.unexpected += 1;
            let w = match want {
                Want::Okay => "Ok".to_string(),
                Want::Is(s) => format!("Ok({s})"),
                Want::Fails(k) => format!("Err({k:?})"),
                Want::Errno(n) => format!("Err(errno {n})"),
                Want::Any => unreachable!(),
            };
            println!("{label}: {shown} UNEXPECTED, wanted {w}");
        }
        r.ok()
    }
}

fn read_string(p: &Path) -> io::Result<String> {
    fs::read_to_string(p)
}

fn kind(m: &fs::Metadata) -> &'static str {
    let t = m.file_type();
    if t.is_symlink() {
        "symlink"
    } else if t.is_dir() {
        "dir"
    } else if t.is_file() {
        "file"
    } else {
        "other"
    }
}

fn sorted_names(dir: &Path) -> io::Result<Vec<String>> {
    let mut v = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        let t = e.file_type()?;
        let k = if t.is_symlink() {
            "symlink"
        } else if t.is_dir() {
            "dir"
        } else {
            "file"
        };
        v.push(format!("{} ({k})", e.file_name().to_string_lossy()));
    }
    v.sort();
    Ok(v)
}

/// Every entry under `dir`, sorted, as `path kind size` (and `-> target` for symlinks).
fn listing(root: &Path, dir: &Path, out: &mut Vec<String>) -> io::Result<()> {
    for e in fs::read_dir(dir)? {
        let p = e?.path();
        let m = fs::symlink_metadata(&p)?;
        let rel = p.strip_prefix(root).unwrap().display().to_string();
        match kind(&m) {
            "symlink" => out.push(format!("{rel} symlink -> {}", fs::read_link(&p)?.display())),
            "dir" => {
                out.push(format!("{rel} dir"));
                listing(root, &p, out)?;
            }
            k => out.push(format!("{rel} {k} {} bytes", m.len())),
        }
    }
    Ok(())
}

fn print_listing(root: &Path) {
    let mut v = Vec::new();
    match listing(root, root, &mut v) {
        Ok(()) => {
            v.sort();
            println!("listing of {}: {} entries", root.display(), v.len());
            for l in v {
                println!("  {l}");
            }
        }
        Err(e) => println!("listing of {}: {}", root.display(), wasi_programs::err(&e)),
    }
}

fn main() {
    let root = PathBuf::from(std::env::args().nth(1).expect("usage: fs ROOT"));
    let p = |s: &str| root.join(s);
    let mut r = Run { unexpected: 0 };
    use Want::*;

    println!("root: {}", root.display());
    r.step(
        "metadata root is_dir",
        Is("true"),
        fs::metadata(&root).map(|m| m.is_dir()),
    );
    r.step("create_dir_all a/b/c", Okay, fs::create_dir_all(p("a/b/c")));
    r.step(
        "create_dir_all a/b/c again",
        Okay,
        fs::create_dir_all(p("a/b/c")),
    );
    let file = p("a/b/c/file.txt");
    r.step("write file.txt", Okay, fs::write(&file, "hello"));
    r.step("read file.txt", Is("\"hello\""), read_string(&file));
    r.step(
        "append file.txt",
        Okay,
        OpenOptions::new()
            .append(true)
            .open(&file)
            .and_then(|mut f| f.write_all(b" world")),
    );
    r.step("read file.txt", Is("\"hello world\""), read_string(&file));
    r.step(
        "metadata file.txt len",
        Is("11"),
        fs::metadata(&file).map(|m| m.len()),
    );
    // wasi-libc's stat has no permission bits: std calls every file readonly.
    r.step(
        "metadata file.txt kind, readonly",
        Is("(\"file\", true)"),
        fs::metadata(&file).map(|m| (kind(&m), m.permissions().readonly())),
    );
    r.step(
        "metadata a kind",
        Is("\"dir\""),
        fs::metadata(p("a")).map(|m| kind(&m)),
    );
    r.step(
        "metadata file.txt modified after 2020",
        Is("true"),
        fs::metadata(&file)
            .and_then(|m| m.modified())
            .map(|t| t > UNIX_EPOCH + Duration::from_secs(1_577_836_800)),
    );
    r.step(
        "File::create a/empty",
        Okay,
        File::create(p("a/empty")).map(|_| ()),
    );
    r.step("read a/empty", Is("[]"), fs::read(p("a/empty")));

    // Errors of each kind.
    r.step(
        "create_new existing file.txt",
        Fails(ErrorKind::AlreadyExists),
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&file)
            .map(|_| ()),
    );
    r.step(
        "open a/missing",
        Fails(ErrorKind::NotFound),
        File::open(p("a/missing")).map(|_| ()),
    );
    r.step(
        "write nope/x (no parent)",
        Fails(ErrorKind::NotFound),
        fs::write(p("nope/x"), "x"),
    );
    r.step(
        "create_dir a (exists)",
        Fails(ErrorKind::AlreadyExists),
        fs::create_dir(p("a")),
    );
    r.step(
        "create_dir x/y (no parent)",
        Fails(ErrorKind::NotFound),
        fs::create_dir(p("x/y")),
    );
    // ENOTEMPTY (55): std has no kind for wasi's errno.
    r.step(
        "remove_dir a/b (not empty)",
        Errno(55),
        fs::remove_dir(p("a/b")),
    );
    r.step(
        "read_dir file.txt",
        Fails(ErrorKind::NotADirectory),
        fs::read_dir(&file).map(|_| ()),
    );
    r.step(
        "File::create a/b (a dir)",
        Fails(ErrorKind::IsADirectory),
        File::create(p("a/b")).map(|_| ()),
    );
    r.step("remove_file a/b (a dir)", Any, fs::remove_file(p("a/b")));
    r.step(
        "remove_dir file.txt",
        Fails(ErrorKind::NotADirectory),
        fs::remove_dir(&file),
    );
    r.step(
        "remove_file a/missing",
        Fails(ErrorKind::NotFound),
        fs::remove_file(p("a/missing")),
    );
    r.step(
        "open file.txt/x (file as dir)",
        Fails(ErrorKind::NotADirectory),
        File::open(file.join("x")).map(|_| ()),
    );
    r.step(
        "read a dir with fs::read",
        Any,
        fs::read(p("a")).map(|v| v.len()),
    );
    r.step(
        "write to a file opened read-only",
        Any,
        File::open(&file).and_then(|mut f| f.write_all(b"x")),
    );
    r.step(
        "read_dir a/b/c",
        Is("[\"file.txt (file)\"]"),
        sorted_names(&p("a/b/c")),
    );
    r.step(
        "read_dir a",
        Is("[\"b (dir)\", \"empty (file)\"]"),
        sorted_names(&p("a")),
    );

    // Renames and copies.
    let renamed = p("renamed.txt");
    r.step(
        "rename file.txt -> renamed.txt",
        Okay,
        fs::rename(&file, &renamed),
    );
    r.step("try_exists file.txt", Is("false"), fs::exists(&file));
    r.step("try_exists renamed.txt", Is("true"), fs::exists(&renamed));
    r.step("write other.txt", Okay, fs::write(p("other.txt"), "other"));
    r.step(
        "rename other.txt over a/empty (replace)",
        Okay,
        fs::rename(p("other.txt"), p("a/empty")),
    );
    r.step("read a/empty", Is("\"other\""), read_string(&p("a/empty")));
    r.step(
        "rename a/b/c -> a/c2 (a dir)",
        Okay,
        fs::rename(p("a/b/c"), p("a/c2")),
    );
    r.step(
        "rename missing -> x",
        Fails(ErrorKind::NotFound),
        fs::rename(p("missing"), p("x")),
    );
    r.step(
        "copy renamed.txt -> copy.txt",
        Is("11"),
        fs::copy(&renamed, p("copy.txt")),
    );
    r.step(
        "read copy.txt",
        Is("\"hello world\""),
        read_string(&p("copy.txt")),
    );

    // Seek, overwrite, truncate, extend.
    r.step(
        "seek 6 and write WORLD",
        Is("11"),
        OpenOptions::new()
            .read(true)
            .write(true)
            .open(p("copy.txt"))
            .and_then(|mut f| {
                f.seek(SeekFrom::Start(6))?;
                f.write_all(b"WORLD")?;
                f.seek(SeekFrom::End(0))
            }),
    );
    r.step(
        "read copy.txt",
        Is("\"hello WORLD\""),
        read_string(&p("copy.txt")),
    );
    r.step(
        "read 5 bytes at offset 3",
        Is("\"lo WO\""),
        File::open(p("copy.txt")).and_then(|mut f| {
            f.seek(SeekFrom::Current(3))?;
            let mut b = [0u8; 5];
            f.read_exact(&mut b)?;
            Ok(String::from_utf8_lossy(&b).into_owned())
        }),
    );
    let resize = |n: u64| {
        OpenOptions::new()
            .write(true)
            .open(p("copy.txt"))
            .and_then(|f| f.set_len(n))
    };
    r.step("set_len 5", Okay, resize(5));
    r.step(
        "read copy.txt",
        Is("[104, 101, 108, 108, 111]"),
        fs::read(p("copy.txt")),
    );
    r.step("set_len 8", Okay, resize(8));
    r.step(
        "read copy.txt",
        Is("[104, 101, 108, 108, 111, 0, 0, 0]"),
        fs::read(p("copy.txt")),
    );
    r.step(
        "truncate on open",
        Is("0"),
        OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(p("a/empty"))
            .and_then(|f| f.metadata())
            .map(|m| m.len()),
    );

    // A larger file, written in uneven pieces.
    let big: Vec<u8> = (0..3 * 1024 * 1024 + 17)
        .map(|i: u32| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    r.step(
        "write big.bin in pieces",
        Okay,
        File::create(p("big.bin")).and_then(|mut f| {
            for piece in big.chunks(100_003) {
                f.write_all(piece)?;
            }
            f.flush()
        }),
    );
    let want_big = format!("({}, {:016x})", big.len(), fnv1a(&big, FNV_OFFSET));
    r.step(
        "read big.bin: len, fnv1a",
        Is(&format!("{want_big:?}")),
        fs::read(p("big.bin")).map(|v| format!("({}, {:016x})", v.len(), fnv1a(&v, FNV_OFFSET))),
    );
    r.step(
        "metadata big.bin len",
        Is(&big.len().to_string()),
        fs::metadata(p("big.bin")).map(|m| m.len()),
    );

    // Timestamps: set, then read back exactly.
    let t_mod = UNIX_EPOCH + Duration::new(1_600_000_000, 123_000_000);
    let t_acc = UNIX_EPOCH + Duration::new(1_500_000_000, 0);
    r.step("write timed.txt", Okay, fs::write(p("timed.txt"), "t"));
    r.step(
        "set_times timed.txt",
        Okay,
        OpenOptions::new()
            .write(true)
            .open(p("timed.txt"))
            .and_then(|f| f.set_times(FileTimes::new().set_modified(t_mod).set_accessed(t_acc))),
    );
    let secs =
        |t: io::Result<SystemTime>| t.map(|t| t.duration_since(UNIX_EPOCH).unwrap().as_secs_f64());
    r.step(
        "modified timed.txt",
        Is("1600000000.123"),
        secs(fs::metadata(p("timed.txt")).and_then(|m| m.modified())),
    );
    r.step(
        "accessed timed.txt",
        Is("1500000000.0"),
        secs(fs::metadata(p("timed.txt")).and_then(|m| m.accessed())),
    );

    // A file name beyond ASCII.
    let uni = p("héllo 🦀.txt");
    r.step("write héllo 🦀.txt", Okay, fs::write(&uni, "ünï"));
    r.step("read héllo 🦀.txt", Is("\"ünï\""), read_string(&uni));

    // Symlinks (relative targets, inside ROOT) and hard links.
    r.step(
        "symlink link -> renamed.txt",
        Okay,
        symlink_path("renamed.txt", p("link")),
    );
    r.step(
        "read_link link",
        Is("\"renamed.txt\""),
        fs::read_link(p("link")),
    );
    r.step(
        "symlink_metadata link kind",
        Is("\"symlink\""),
        fs::symlink_metadata(p("link")).map(|m| kind(&m)),
    );
    r.step(
        "metadata link kind (followed)",
        Is("\"file\""),
        fs::metadata(p("link")).map(|m| kind(&m)),
    );
    r.step(
        "read through link",
        Is("\"hello world\""),
        read_string(&p("link")),
    );
    r.step(
        "symlink dirlink -> a",
        Okay,
        symlink_path("a", p("dirlink")),
    );
    r.step(
        "read_dir dirlink",
        Is("[\"b (dir)\", \"c2 (dir)\", \"empty (file)\"]"),
        sorted_names(&p("dirlink")),
    );
    r.step(
        "read dirlink/c2/file.txt",
        Fails(ErrorKind::NotFound),
        read_string(&p("dirlink/c2/file.txt")),
    );
    r.step("read_dir a/c2", Is("[]"), sorted_names(&p("a/c2")));
    r.step("remove_file dirlink", Okay, fs::remove_file(p("dirlink")));
    r.step(
        "metadata a still a dir",
        Is("\"dir\""),
        fs::metadata(p("a")).map(|m| kind(&m)),
    );
    r.step(
        "symlink dangling -> missing.txt",
        Okay,
        symlink_path("missing.txt", p("dangling")),
    );
    r.step(
        "read dangling",
        Fails(ErrorKind::NotFound),
        read_string(&p("dangling")),
    );
    r.step(
        "symlink_metadata dangling kind",
        Is("\"symlink\""),
        fs::symlink_metadata(p("dangling")).map(|m| kind(&m)),
    );
    r.step(
        "symlink over existing link",
        Fails(ErrorKind::AlreadyExists),
        symlink_path("x", p("link")),
    );
    r.step(
        "read_link renamed.txt (not a link)",
        Any,
        fs::read_link(&renamed),
    );
    r.step(
        "hard_link renamed.txt -> hard.txt",
        Okay,
        fs::hard_link(&renamed, p("hard.txt")),
    );
    r.step(
        "append through hard.txt",
        Okay,
        OpenOptions::new()
            .append(true)
            .open(p("hard.txt"))
            .and_then(|mut f| f.write_all(b"!")),
    );
    r.step(
        "read renamed.txt",
        Is("\"hello world!\""),
        read_string(&renamed),
    );
    r.step("canonicalize renamed.txt", Any, fs::canonicalize(&renamed));
    r.step(
        "set_permissions readonly copy.txt",
        Any,
        fs::metadata(p("copy.txt")).and_then(|m| {
            let mut perm = m.permissions();
            perm.set_readonly(true);
            fs::set_permissions(p("copy.txt"), perm)
        }),
    );
    r.step(
        "metadata copy.txt readonly",
        Any,
        fs::metadata(p("copy.txt")).map(|m| m.permissions().readonly()),
    );

    print_listing(&root);

    // Removing trees.
    r.step(
        "create_dir_all kept/x/y",
        Okay,
        fs::create_dir_all(p("kept/x/y")),
    );
    r.step("write kept/x/y/f", Okay, fs::write(p("kept/x/y/f"), "f"));
    r.step(
        "remove_dir_all kept/x",
        Okay,
        fs::remove_dir_all(p("kept/x")),
    );
    r.step("read_dir kept", Is("[]"), sorted_names(&p("kept")));
    r.step("remove_dir_all a", Okay, fs::remove_dir_all(p("a")));
    r.step("try_exists a", Is("false"), fs::exists(p("a")));
    r.step(
        "remove_dir_all a (gone)",
        Fails(ErrorKind::NotFound),
        fs::remove_dir_all(p("a")),
    );

    print_listing(&root);
    println!("unexpected: {}", r.unexpected);
    std::process::exit(if r.unexpected == 0 { 0 } else { 1 });
}
