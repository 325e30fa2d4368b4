//! Writes generated files all or nothing: a failure part-way removes what was written.

use std::fs;
use std::path::{Path, PathBuf};

/// Writes each `(relative name, contents)` under `dir`, creating `dir` if needed. On any error,
/// files already written (and `dir`, if this call created it) are removed again.
pub fn write_all(dir: &Path, files: &[(String, impl AsRef<[u8]>)]) -> Result<Vec<(PathBuf, usize)>, String> {
    let created = !dir.exists();
    if let Err(e) = fs::create_dir_all(dir) {
        return Err(format!("{}: cannot create output directory: {e}", dir.display()));
    }
    let mut written = Vec::new();
    for (name, contents) in files {
        let path = dir.join(name);
        let staging = dir.join(format!(".{name}.ferry-tmp"));
        let contents = contents.as_ref();
        let result = fs::write(&staging, contents).and_then(|()| fs::rename(&staging, &path));
        if let Err(e) = result {
            let _ = fs::remove_file(&staging);
            for (path, _) in &written {
                let _ = fs::remove_file(path);
            }
            if created {
                let _ = fs::remove_dir(dir);
            }
            return Err(format!("{}: cannot write: {e}", path.display()));
        }
        written.push((path, contents.len()));
    }
    Ok(written)
}

/// Lists the files written, each with its size.
pub fn print_written(written: &[(PathBuf, usize)]) {
    for (path, size) in written {
        println!("{:>10}  {}", human_size(*size), path.display());
    }
}

fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}
