//! Atomic file replacement: write a temporary file beside the target, flush
//! it to disk, rename it over the target. An interrupted write leaves the old
//! file (or none) in place, never a partial one.
//!
//! The temporary file is `.<name>.canonym-tmp.<pid>` in the target's
//! directory. A process killed mid-write (`SIGKILL`, power loss) can leave
//! one behind; the next atomic write to the same target removes such
//! leftovers whose process is gone (on Linux, where that can be checked
//! through `/proc`; elsewhere they stay and may be deleted by hand). If the
//! target already exists, the new file gets its permissions.

use crate::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Marker in the names of temporary files: `.<name>.canonym-tmp.<pid>`.
pub const TEMP_MARKER: &str = ".canonym-tmp.";

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> crate::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// The temporary file names of `path` (one per writing process):
/// the directory and the name prefix, `.<name>.canonym-tmp.`.
fn temp_prefix(path: &Path) -> (PathBuf, String) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    (dir, format!(".{name}{TEMP_MARKER}"))
}

/// Removes temporary files of `path` left by processes that no longer run.
/// Returns how many were removed. Only on Linux (a process is alive while
/// `/proc/<pid>` exists); elsewhere it removes nothing.
pub fn remove_stale_temps(path: &Path) -> usize {
    if !cfg!(target_os = "linux") {
        return 0;
    }
    let (dir, prefix) = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix.as_str()))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        if std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Creates `path` atomically from whatever `fill` writes into the temporary
/// file. On error the temporary file is removed and the target is untouched.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> crate::Result<()> {
    // A device, FIFO or socket (`-o /dev/null`, `-o /dev/stdout`, a named
    // pipe) is written in place: it cannot be replaced atomically, and
    // renaming over it would put a regular file where the device was.
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() && !meta.is_dir() {
            let result = (|| {
                let file = std::fs::OpenOptions::new().write(true).open(path)?;
                let mut w = std::io::BufWriter::new(file);
                fill(&mut w)?;
                w.flush()
            })();
            return result.map_err(|e| Error::io(path, e));
        }
    }
    // A symbolic link to a file: replace the file it points to and keep
    // the link.
    let resolved;
    let path = if path.is_symlink() {
        resolved = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        resolved.as_path()
    } else {
        path
    };
    remove_stale_temps(path);
    let (dir, prefix) = temp_prefix(path);
    let tmp = dir.join(format!("{prefix}{}", std::process::id()));
    let result = (|| {
        let file = std::fs::File::create(&tmp)?;
        if let Ok(meta) = std::fs::metadata(path) {
            // Keep the mode of the file being replaced (`--in-place`).
            let _ = file.set_permissions(meta.permissions());
        }
        let mut w = std::io::BufWriter::new(file);
        fill(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable (best effort: not every platform
        // lets a directory be opened and synced).
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `-o /dev/null` writes to the device; it does not replace it.
    #[cfg(unix)]
    #[test]
    fn devices_are_written_in_place() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        if !std::fs::metadata(null).is_ok_and(|m| m.file_type().is_char_device()) {
            return;
        }
        write_atomic(null, b"nothing to see").unwrap();
        let meta = std::fs::metadata(null).unwrap();
        assert!(meta.file_type().is_char_device());
        assert_eq!(std::fs::read(null).unwrap(), b"");
    }

    /// A symbolic link keeps pointing at the file, which gets the new bytes.
    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed() {
        let dir = std::env::temp_dir().join(format!("canonym-atomic-link-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("real.txt");
        let link = dir.join("link.txt");
        std::fs::write(&target, b"old").unwrap();
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn replaces_and_cleans_stale_temps() {
        let dir = std::env::temp_dir().join(format!("canonym-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("out.idx");
        write_atomic(&target, b"old").unwrap();
        // A leftover of a process that cannot exist (pid above pid_max).
        let stale = dir.join(".out.idx.canonym-tmp.4294967295");
        std::fs::write(&stale, b"partial").unwrap();
        // Someone else's file with a similar name is left alone.
        let other = dir.join(".out.idx.canonym-tmp.notapid");
        std::fs::write(&other, b"x").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert_eq!(stale.exists(), !cfg!(target_os = "linux"));
        assert!(other.exists());
        // A failing fill leaves the old file and no temporary file.
        let r = write_atomic_with(&target, |_| Err(std::io::Error::other("boom")));
        assert!(r.is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let tmp = dir.join(format!(".out.idx.canonym-tmp.{}", std::process::id()));
        assert!(!tmp.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
