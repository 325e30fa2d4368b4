//! sandbox ROOT: tries every way out of the preopened directory ROOT and prints what each
//! attempt gives (`Ok(..)` or `Err(<ErrorKind>, errno <n>)`), marking ` ESCAPED` any attempt
//! that reached something outside. Exits 0 when nothing escaped, 1 otherwise. (The host's view
//! is checked by run.test.mjs too: nothing outside ROOT may change.)
//!
//! Expects the layout run.test.mjs makes on the host (H is the host directory above ROOT):
//!   H/outside/secret.txt   "secret", never granted to the guest
//!   ROOT/inside.txt        "inside"
//!   ROOT/sub/              empty directory
//!   ROOT/link-abs          -> H/outside/secret.txt (absolute host path)
//!   ROOT/link-rel          -> ../outside/secret.txt
//!   ROOT/link-dir          -> ../outside (a directory outside, used as a path component)
//!   ROOT/link-root         -> /
//!   ROOT/link-etc          -> /etc
//!   ROOT/link-inside       -> inside.txt
//!   ROOT/sub/link-up       -> ../inside.txt (stays inside)
//!   ROOT/link-loop         -> link-loop

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use wasi_programs::show;
use wasi_programs::symlink as symlink_path;

struct Run {
    escaped: usize,
}

impl Run {
    /// An attempt that must fail: an Ok is an escape.
    fn deny<T: std::fmt::Debug>(&mut self, label: &str, r: io::Result<T>) {
        let mark = if r.is_ok() { " ESCAPED" } else { "" };
        self.escaped += r.is_ok() as usize;
        println!("{label}: {}{mark}", show(&r));
    }
    /// An attempt that stays inside ROOT, or only reads a symlink's own text: may succeed.
    fn allow<T: std::fmt::Debug>(&mut self, label: &str, r: io::Result<T>) {
        println!("{label}: {}", show(&r));
    }
}

fn read(p: &Path) -> io::Result<String> {
    fs::read_to_string(p)
}

fn names(p: &Path) -> io::Result<Vec<String>> {
    let mut v: Vec<String> = fs::read_dir(p)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<io::Result<_>>()?;
    v.sort();
    Ok(v)
}

fn main() {
    let root = PathBuf::from(std::env::args().nth(1).expect("usage: sandbox ROOT"));
    let p = |s: &str| root.join(s);
    let mut r = Run { escaped: 0 };
    println!("root: {}", root.display());

    // Inside: these work.
    r.allow("read inside.txt", read(&p("inside.txt")));
    r.allow("read sub/../inside.txt", read(&p("sub/../inside.txt")));
    r.allow("read link-inside", read(&p("link-inside")));
    r.allow("read sub/link-up", read(&p("sub/link-up")));
    r.allow("read_dir ROOT", names(&root));

    // Absolute paths and directories never granted.
    r.deny("read /etc/passwd", read(Path::new("/etc/passwd")));
    r.deny("metadata /etc", fs::metadata("/etc").map(|m| m.is_dir()));
    // `/` is the preopen itself when that is `.` (wasi-libc's cwd is `/`).
    r.allow("read_dir /", names(Path::new("/")));
    r.deny(
        "read /outside/secret.txt",
        read(Path::new("/outside/secret.txt")),
    );
    r.deny(
        "read outside/secret.txt (relative to the cwd)",
        read(Path::new("outside/secret.txt")),
    );
    r.allow(
        "File::create /new.txt",
        File::create("/new.txt").map(|_| ()),
    );

    // `..` above ROOT.
    r.deny(
        "read ROOT/../outside/secret.txt",
        read(&p("../outside/secret.txt")),
    );
    r.deny(
        "read ROOT/sub/../../outside/secret.txt",
        read(&p("sub/../../outside/secret.txt")),
    );
    r.deny("read_dir ROOT/..", names(&p("..")));
    r.deny(
        "metadata ROOT/..",
        fs::metadata(p("..")).map(|m| m.is_dir()),
    );
    r.allow(
        "read ROOT/../<ROOT name>/inside.txt (out and back in)",
        read(
            &p("..")
                .join(root.file_name().unwrap_or_default())
                .join("inside.txt"),
        ),
    );
    r.deny("create_dir ROOT/../escape", fs::create_dir(p("../escape")));
    r.deny(
        "write ROOT/../outside/new.txt",
        fs::write(p("../outside/new.txt"), "x"),
    );
    r.deny(
        "remove_file ROOT/../outside/secret.txt",
        fs::remove_file(p("../outside/secret.txt")),
    );
    r.deny(
        "rename inside.txt -> ROOT/../outside/moved.txt",
        fs::rename(p("inside.txt"), p("../outside/moved.txt")),
    );
    r.deny(
        "rename ROOT/../outside/secret.txt -> stolen.txt",
        fs::rename(p("../outside/secret.txt"), p("stolen.txt")),
    );
    r.deny(
        "hard_link ROOT/../outside/secret.txt -> hard.txt",
        fs::hard_link(p("../outside/secret.txt"), p("hard.txt")),
    );
    r.deny(
        "copy ROOT/../outside/secret.txt -> copied.txt",
        fs::copy(p("../outside/secret.txt"), p("copied.txt")),
    );

    // Symlinks pointing outside, followed at the end of a path and inside it.
    r.deny("read link-abs", read(&p("link-abs")));
    r.deny(
        "metadata link-abs",
        fs::metadata(p("link-abs")).map(|m| m.len()),
    );
    r.allow(
        "symlink_metadata link-abs is_symlink",
        fs::symlink_metadata(p("link-abs")).map(|m| m.file_type().is_symlink()),
    );
    r.allow("read_link link-abs", fs::read_link(p("link-abs")));
    r.deny("read link-rel", read(&p("link-rel")));
    r.allow("read_link link-rel", fs::read_link(p("link-rel")));
    r.deny("read link-dir/secret.txt", read(&p("link-dir/secret.txt")));
    r.deny("read_dir link-dir", names(&p("link-dir")));
    r.deny("read_dir link-root", names(&p("link-root")));
    r.deny("read link-etc/passwd", read(&p("link-etc/passwd")));
    r.deny(
        "write through link-rel",
        OpenOptions::new()
            .write(true)
            .open(p("link-rel"))
            .and_then(|mut f| f.write_all(b"x")),
    );
    r.deny(
        "File::create link-dir/new.txt",
        File::create(p("link-dir/new.txt")).map(|_| ()),
    );
    r.deny(
        "create_dir link-dir/newdir",
        fs::create_dir(p("link-dir/newdir")),
    );
    r.allow("read link-loop", read(&p("link-loop")));

    // Symlinks the guest makes itself, pointing outside.
    let made_abs = symlink_path("/etc/passwd", p("made-abs"));
    r.allow("symlink made-abs -> /etc/passwd", made_abs);
    r.deny("read made-abs", read(&p("made-abs")));
    r.allow(
        "symlink made-rel -> ../outside/secret.txt",
        symlink_path("../outside/secret.txt", p("made-rel")),
    );
    r.deny("read made-rel", read(&p("made-rel")));
    r.deny(
        "File::create made-rel",
        File::create(p("made-rel")).map(|_| ()),
    );

    r.allow("read_dir ROOT", names(&root));
    println!("escaped: {}", r.escaped);
    std::process::exit(if r.escaped == 0 { 0 } else { 1 });
}
