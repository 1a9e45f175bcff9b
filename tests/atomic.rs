//! Atomic outputs: `canonym build -o OUT` and `canonym normalize --in-place`
//! killed (SIGKILL) at random points leave either the old file or the
//! complete new one, never a partial file. A killed writer may leave its
//! temporary file (`.NAME.canonym-tmp.PID`); the next write to the same
//! target removes it.

use canonym::Index;
use common::{corpus_files, data, Rng, BIN, DEV_LEXICON};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

const TRIALS: usize = 12;

/// Files in `dir` other than `keep`, which must all be temporary files of
/// a killed writer.
fn leftovers(dir: &Path, keep: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if keep.contains(&name.as_str()) {
            continue;
        }
        assert!(
            name.contains(canonym::atomic::TEMP_MARKER),
            "unexpected file {name}"
        );
        out.push(name);
    }
    out
}

/// Runs `cmd` to completion and returns how long it took (used only to
/// spread the kill points over the run).
fn full_run(cmd: &mut Command) -> Duration {
    let t = Instant::now();
    let out = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.elapsed()
}

/// Starts `cmd`, kills it after `delay` (if it is still running).
fn run_and_kill(cmd: &mut Command, delay: Duration) -> bool {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let killed = matches!(child.try_wait(), Ok(None));
    let _ = child.kill();
    let _ = child.wait();
    killed
}

#[test]
fn build_killed_at_random_points_leaves_old_or_new_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.idx");
    let out_s = out.to_str().unwrap();
    // The old index: the small test lexicon; the new one: the dev lexicon.
    let small = data("small_entities.csv");
    let build_old = || {
        full_run(Command::new(BIN).args(["build", "-o", out_s]).arg(&small));
        std::fs::read(&out).unwrap()
    };
    let old = build_old();
    let mut build_new = Command::new(BIN);
    build_new.args(["build", "-o", out_s, DEV_LEXICON]);
    let full = full_run(&mut build_new);
    let new = std::fs::read(&out).unwrap();
    assert_ne!(old, new);
    let new_entities = Index::from_bytes(new.clone()).unwrap().entity_count();

    let mut rng = Rng(0x0A70_41C5);
    let (mut saw_old, mut saw_new, mut killed) = (0, 0, 0);
    for trial in 0..TRIALS {
        build_old();
        // Kill anywhere from the start to a little past the expected end.
        let span = full.as_micros() as u64 * 6 / 5 + 1;
        let delay = Duration::from_micros(rng.next() % span);
        killed += run_and_kill(&mut build_new, delay) as usize;
        let now = std::fs::read(&out).unwrap();
        if now == old {
            saw_old += 1;
        } else {
            // Complete and valid: it opens (all checksums) and is the new one.
            let index = Index::open(&out)
                .unwrap_or_else(|e| panic!("trial {trial}: a partial index was left: {e}"));
            assert_eq!(index.entity_count(), new_entities);
            assert!(
                now == new,
                "trial {trial}: neither the old nor the new file"
            );
            saw_new += 1;
        }
        leftovers(dir.path(), &["out.idx"]);
    }
    assert_eq!(saw_old + saw_new, TRIALS);
    assert!(killed > 0, "no run was killed");
    // A later complete write cleans up what killed writers left.
    full_run(&mut build_new);
    assert!(leftovers(dir.path(), &["out.idx"]).is_empty());
    let r = Command::new(BIN)
        .args(["verify", "--index", out_s])
        .output()
        .unwrap();
    assert!(r.status.success());
}

#[test]
fn normalize_in_place_killed_at_random_points_leaves_old_or_new_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("news.txt");
    let file_s = file.to_str().unwrap();
    // About 12 MB of news text.
    let mut text = Vec::new();
    let parts = corpus_files();
    while text.len() < 12 << 20 {
        for p in &parts {
            text.extend_from_slice(&std::fs::read(p).unwrap());
            text.extend_from_slice(b"\n\n");
        }
    }
    std::fs::write(&file, &text).unwrap();
    let mut normalize = Command::new(BIN);
    normalize.args(["normalize", "--quiet", "--in-place", file_s]);
    let full = full_run(&mut normalize);
    let new = std::fs::read(&file).unwrap();
    assert_ne!(new, text);

    let mut rng = Rng(0x014F_1ACE);
    let (mut saw_old, mut saw_new, mut killed) = (0, 0, 0);
    for trial in 0..TRIALS {
        std::fs::write(&file, &text).unwrap();
        let span = full.as_micros() as u64 * 6 / 5 + 1;
        let delay = Duration::from_micros(rng.next() % span);
        killed += run_and_kill(&mut normalize, delay) as usize;
        let now = std::fs::read(&file).unwrap();
        if now == text {
            saw_old += 1;
        } else {
            assert!(
                now == new,
                "trial {trial}: a partial file was left ({} bytes of {})",
                now.len(),
                new.len()
            );
            saw_new += 1;
        }
        leftovers(dir.path(), &["news.txt"]);
    }
    assert_eq!(saw_old + saw_new, TRIALS);
    assert!(killed > 0, "no run was killed");
    std::fs::write(&file, &text).unwrap();
    full_run(&mut normalize);
    assert!(leftovers(dir.path(), &["news.txt"]).is_empty());
    assert!(std::fs::read(&file).unwrap() == new);
}

#[cfg(unix)]
#[test]
fn in_place_keeps_the_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "Talks in Kiev.\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = Command::new(BIN)
        .args(["normalize", "--in-place"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "Talks in Kyiv.\n");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}
