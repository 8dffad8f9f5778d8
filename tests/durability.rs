//! The index survives: SIGKILL at random points, readers during a run, a damaged or foreign
//! folder, a full disk, a read-only folder. The last committed state always opens and agrees
//! with itself.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use trichdan::query::Archive;

fn exe() -> Command {
    Command::new(env!("CARGO_BIN_EXE_trichdan"))
}

/// A batch of real reports (the demo archive and, when present, the development set), copied
/// `times` times under new names.
fn batch(dir: &Path, times: usize) -> PathBuf {
    let out = dir.join("batch");
    fs::create_dir_all(&out).unwrap();
    let mut sources: Vec<PathBuf> = fs::read_dir("corpus")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    if let Ok(rd) = fs::read_dir("../shared/devset") {
        sources.extend(
            rd.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    for i in 0..times {
        for p in &sources {
            fs::copy(
                p,
                out.join(format!("{i}-{}", p.file_name().unwrap().to_string_lossy())),
            )
            .unwrap();
        }
    }
    out
}

fn index(idx: &Path, paths: &[&Path]) -> std::process::Output {
    exe()
        .args(["index", "--index", idx.to_str().unwrap()])
        .args(paths)
        .output()
        .unwrap()
}

fn sound(idx: &Path) {
    let a = Archive::open(idx).expect("the index opens");
    let problems = a.verify().unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    a.cited_by("25-NQ/TW", None, 1, 10).expect("and answers");
}

#[test]
fn sigkill_at_random_points_never_breaks_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let seeds = Path::new("corpus");
    assert!(index(&idx, &[seeds]).status.success());
    let big = batch(tmp.path(), 8);
    // a deterministic spread of kill points across a run of about a second
    let started = Instant::now();
    let mut kills = 0;
    for k in 0..12u64 {
        // touch the batch so that every run has work to do
        for e in fs::read_dir(&big).unwrap().take(40) {
            let p = e.unwrap().path();
            let mut t = fs::read(&p).unwrap();
            t.push(b' ');
            fs::write(&p, t).unwrap();
        }
        let mut child = exe()
            .args(["index", "--index", idx.to_str().unwrap()])
            .arg(seeds)
            .arg(&big)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(20 + (k * 137) % 900));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        sound(&idx);
        if started.elapsed() > Duration::from_secs(90) {
            break;
        }
    }
    eprintln!("{kills} runs killed mid-way");
    let o = index(&idx, &[seeds, &big]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    sound(&idx);
    let a = Archive::open(&idx).unwrap();
    assert_eq!(
        a.meta.files,
        fs::read_dir(&big).unwrap().count() + fs::read_dir(seeds).unwrap().count()
    );
}

#[test]
fn readers_see_the_last_commit_while_a_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    assert!(index(&idx, &[Path::new("corpus")]).status.success());
    let big = batch(tmp.path(), 6);
    let mut child = exe()
        .args(["index", "--index", idx.to_str().unwrap(), "corpus"])
        .arg(&big)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut answered = 0;
    while child.try_wait().unwrap().is_none() {
        let o = exe()
            .args([
                "cited-by",
                "25-NQ/TW",
                "--json",
                "--index",
                idx.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        answered += 1;
    }
    assert!(child.wait().unwrap().success());
    eprintln!("{answered} questions answered during the run");
    sound(&idx);
}

#[test]
fn a_damaged_index_is_refused_and_left_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    assert!(index(&idx, &[Path::new("corpus")]).status.success());
    fs::write(idx.join("meta.json"), b"{ this is not json").unwrap();
    let before: Vec<(String, u64)> = listing(&idx);
    let o = index(&idx, &[Path::new("corpus")]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("damaged"), "{err}");
    let o = exe()
        .args(["cited-by", "25-NQ/TW", "--index", idx.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("damaged"));
    assert_eq!(listing(&idx), before, "nothing in the folder changed");
}

fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().len(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A full disk, simulated with a file-size limit on the indexer: writing past it fails.
#[test]
fn a_full_disk_fails_the_run_and_keeps_the_last_good_index() {
    use std::os::unix::process::CommandExt;
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    assert!(index(&idx, &[Path::new("corpus")]).status.success());
    let big = batch(tmp.path(), 4);
    let mut cmd = exe();
    cmd.args(["index", "--index", idx.to_str().unwrap(), "corpus"])
        .arg(&big);
    unsafe {
        cmd.pre_exec(|| {
            // a write past 64 KB fails with EFBIG instead of killing the process
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit {
                rlim_cur: 64 << 10,
                rlim_max: 64 << 10,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{:?} {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not changed") || err.contains("cannot"),
        "{err}"
    );
    sound(&idx);
    let a = Archive::open(&idx).unwrap();
    assert_eq!(
        a.meta.files,
        fs::read_dir("corpus").unwrap().count(),
        "the last good state"
    );
    // with room again, the next run completes
    assert!(index(&idx, &[Path::new("corpus"), &big]).status.success());
    sound(&idx);
}

#[test]
fn a_read_only_index_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    assert!(index(&idx, &[Path::new("corpus")]).status.success());
    let big = batch(tmp.path(), 1);
    let probe = idx.join(".probe");
    fs::set_permissions(&idx, fs::Permissions::from_mode(0o555)).unwrap();
    let root = fs::write(&probe, b"x").is_ok();
    let _ = fs::remove_file(&probe);
    // root writes anywhere: the run is then made as the unprivileged user `nobody` (setpriv, from
    // util-linux), who may read the folders but not write the index; the binary is copied beside
    // them, since the checkout may be in a folder `nobody` cannot enter
    let mut cmd = if root {
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let bin = tmp.path().join("trichdan");
        fs::copy(env!("CARGO_BIN_EXE_trichdan"), &bin).unwrap();
        fs::set_permissions(&bin, fs::Permissions::from_mode(0o755)).unwrap();
        for e in fs::read_dir(&idx).unwrap() {
            let p = e.unwrap().path();
            let mode = fs::metadata(&p).unwrap().permissions().mode();
            fs::set_permissions(&p, fs::Permissions::from_mode(mode | 0o444)).unwrap();
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        exe()
    };
    let before = listing(&idx);
    let o = cmd
        .args(["index", "--index", idx.to_str().unwrap()])
        .arg(&big)
        .output();
    fs::set_permissions(&idx, fs::Permissions::from_mode(0o755)).unwrap();
    let o = match o {
        Ok(o) => o,
        Err(e) if root => {
            eprintln!("SKIPPED: read-only folder case (running as root and setpriv fails: {e})");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(idx.to_str().unwrap()) && err.contains("ermission denied"),
        "the message names the folder and the reason: {err}"
    );
    assert_eq!(listing(&idx), before);
    sound(&idx);
}
