//! Nothing lost: a failed, killed or concurrent run never damages earlier results,
//! never overwrites an input, and leaves no temporary folder behind that the next run does not
//! clean up. Runs the real binary; the hidden hooks `CITYNET_FAIL_AFTER_WRITE` and
//! `CITYNET_SLEEP_AFTER_WRITE_MS` (src/report/output.rs) make the timing deterministic.

mod common;
use common::{citynet, data};
use predicates::prelude::PredicateBooleanExt;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Every file under `dir`, relative path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut m = BTreeMap::new();
    walk(dir, dir, &mut m);
    m
}

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

fn analyze(input: &Path, out: &Path) -> assert_cmd::Command {
    let mut c = citynet();
    c.arg("analyze")
        .arg(input)
        .arg("--no-figures")
        .arg("--out")
        .arg(out);
    c
}

/// The binary as a plain child process (to kill it or run two at once).
fn spawn(input: &Path, out: &Path, sleep_ms: u64) -> Child {
    Command::new(env!("CARGO_BIN_EXE_citynet"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("analyze")
        .arg(input)
        .args(["--no-figures", "--quiet", "--out"])
        .arg(out)
        .env("CITYNET_SLEEP_AFTER_WRITE_MS", sleep_ms.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until `p` exists (the run has staged its first file).
fn wait_for(p: &Path) {
    let start = Instant::now();
    while !p.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{p:?} never appeared"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn staged(parent: &Path, pid: u32) -> PathBuf {
    parent.join(format!(".res.tmp-{pid}")).join("cities.csv")
}

#[test]
fn a_failing_run_leaves_earlier_results_byte_identical() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("res");
    analyze(&data("memberships.csv"), &out).assert().success();
    let before = snapshot(&out);
    assert!(before.contains_key("cities.csv") && before.contains_key("summary.json"));
    // Another input, failing after its second staged file.
    analyze(&data("edges.csv"), &out)
        .env("CITYNET_FAIL_AFTER_WRITE", "2")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "injected failure after writing 2 file(s)",
        ));
    assert_eq!(snapshot(&out), before);
    // The failed run cleaned its staging folder and its lock.
    assert_eq!(names(d.path()), ["res"]);
}

#[test]
fn a_killed_run_leaves_earlier_results_and_the_next_run_cleans_up() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("res");
    analyze(&data("memberships.csv"), &out).assert().success();
    let before = snapshot(&out);
    let mut child = spawn(&data("edges.csv"), &out, 60_000);
    wait_for(&staged(d.path(), child.id()));
    child.kill().unwrap(); // SIGKILL: no destructor runs
    child.wait().unwrap();
    assert_eq!(snapshot(&out), before);
    // The killed run's staging folder and lock file are still there...
    let left = names(d.path());
    assert!(
        left.contains(&format!(".res.tmp-{}", child.id())),
        "{left:?}"
    );
    assert!(left.contains(&".res.lock".to_string()), "{left:?}");
    // ...and the next run is not blocked by them (the kernel released the lock), removes
    // them and writes its own complete results.
    analyze(&data("edges.csv"), &out).assert().success();
    assert_eq!(names(d.path()), ["res"]);
    let after = snapshot(&out);
    assert_ne!(after, before);
    assert!(String::from_utf8_lossy(&after["cities.csv"]).starts_with("node,"));
}

#[test]
fn a_second_run_into_the_same_folder_fails_cleanly_while_the_first_writes() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("res");
    // Reference outputs of each input, written elsewhere.
    let ref_m = d.path().join("ref_m");
    analyze(&data("memberships.csv"), &ref_m).assert().success();
    let mut first = spawn(&data("memberships.csv"), &out, 400);
    wait_for(&staged(d.path(), first.id()));
    analyze(&data("edges.csv"), &out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "another citynet run (process {}) is writing",
            first.id()
        )));
    assert!(first.wait().unwrap().success());
    // The folder is the first run's complete output (summary.json names its input path, the
    // rest is byte for byte what the same input gives elsewhere).
    let mut got = snapshot(&out);
    let mut want = snapshot(&ref_m);
    got.remove("summary.json");
    want.remove("summary.json");
    assert_eq!(got, want);
    let mut left = names(d.path());
    left.retain(|n| n != "ref_m");
    assert_eq!(left, ["res"]);
}

#[test]
fn racing_runs_never_interleave_their_files() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("res");
    let inputs = [data("memberships.csv"), data("edges.csv")];
    for round in 0..4 {
        let mut kids: Vec<Child> = (0..4).map(|i| spawn(&inputs[i % 2], &out, 0)).collect();
        let mut ok = 0;
        for k in kids.iter_mut() {
            let status = k.wait().unwrap();
            let mut err = String::new();
            std::io::Read::read_to_string(k.stderr.as_mut().unwrap(), &mut err).unwrap();
            if status.success() {
                ok += 1;
            } else {
                assert_eq!(status.code(), Some(2), "round {round}: {err}");
                assert!(err.contains("another citynet run"), "round {round}: {err}");
            }
        }
        assert!(ok >= 1, "round {round}: no run succeeded");
        // Whatever won, the folder is one run's output: summary.json and cities.csv agree.
        let s: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
        let cities = std::fs::read_to_string(out.join("cities.csv")).unwrap();
        match s["input"]["kind"].as_str().unwrap() {
            "edge list" => {
                assert!(cities.starts_with("node,"));
                assert!(!out.join("programs.csv").exists());
            }
            "membership table" => {
                assert!(cities.starts_with("city,"));
                assert!(out.join("programs.csv").exists());
            }
            k => panic!("{k}"),
        }
        assert_eq!(names(d.path()), ["res"], "round {round}");
    }
}

#[test]
fn outputs_never_overwrite_inputs() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("m.csv");
    std::fs::copy(data("memberships.csv"), &input).unwrap();
    let original = std::fs::read(&input).unwrap();
    // metrics -o onto the input, directly and through a symbolic link.
    citynet()
        .arg("metrics")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "that is an input file; refusing to overwrite it",
        ));
    let link = d.path().join("link.csv");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    citynet()
        .arg("metrics")
        .arg(&input)
        .arg("-o")
        .arg(&link)
        .assert()
        .code(2);
    // analyze --out onto the input file, and onto the folder that holds it.
    analyze(&input, &input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is a file; expected a folder"));
    analyze(&input, d.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "is inside it and would be overwritten",
        ));
    // A network folder as its own --out.
    let net = d.path().join("net");
    std::fs::create_dir(&net).unwrap();
    for f in [
        "cities.csv",
        "programs.csv",
        "memberships.csv",
        "ties.csv",
        "network.toml",
    ] {
        std::fs::copy(data("folder").join(f), net.join(f)).unwrap();
    }
    let net_before = snapshot(&net);
    analyze(&net, &net).assert().code(2);
    assert_eq!(snapshot(&net), net_before);
    assert_eq!(std::fs::read(&input).unwrap(), original);
    let mut left = names(d.path());
    left.sort();
    assert_eq!(left, ["link.csv", "m.csv", "net"]);
}

#[test]
fn unwritable_output_place_is_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    analyze(&data("memberships.csv"), &file.join("res"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot write the results at"));
    // /proc refuses new folders even to root, like a read-only file system.
    analyze(
        &data("memberships.csv"),
        Path::new("/proc/citynet-test/res"),
    )
    .assert()
    .code(2)
    .stderr(predicates::str::contains("choose another --out"));
}

/// Ctrl-C (SIGINT) and SIGTERM in the middle of a run: the run removes its hidden temporary
/// folder and its lock before it ends, ends by the signal, and earlier results are untouched.
#[test]
fn an_interrupted_run_cleans_up_after_itself() {
    use std::os::unix::process::ExitStatusExt;
    for (sig, num) in [("-INT", 2), ("-TERM", 15)] {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("res");
        analyze(&data("memberships.csv"), &out).assert().success();
        let before = snapshot(&out);
        let mut child = spawn(&data("edges.csv"), &out, 60_000);
        wait_for(&staged(d.path(), child.id()));
        let left = names(d.path());
        assert!(left.contains(&".res.lock".to_string()), "{left:?}");
        let k = Command::new("kill")
            .arg(sig)
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(k.success());
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(num), "{sig}: {status:?}");
        assert_eq!(
            names(d.path()),
            ["res"],
            "{sig}: temporary folder or lock left"
        );
        assert_eq!(snapshot(&out), before, "{sig}");
    }
    // A first run interrupted leaves nothing at all.
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("res");
    let mut child = spawn(&data("edges.csv"), &out, 60_000);
    wait_for(&staged(d.path(), child.id()));
    Command::new("kill")
        .arg("-INT")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    child.wait().unwrap();
    assert!(names(d.path()).is_empty(), "{:?}", names(d.path()));
}

/// Files a user put into a result folder survive the next run into it, which replaces only
/// citynet's own files (those its manifest lists); a user file where the new run writes
/// stops the run with exit 2 and changes nothing.
#[test]
fn a_rerun_keeps_the_files_a_user_put_in_the_folder() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("res");
    analyze(&data("memberships.csv"), &out).assert().success();
    assert!(out.join("programs.csv").exists());
    std::fs::write(out.join("notes.txt"), "my notes").unwrap();
    std::fs::create_dir_all(out.join("mine/empty")).unwrap();
    std::fs::write(out.join("mine/plot.png"), "png").unwrap();
    std::os::unix::fs::symlink("notes.txt", out.join("notes-link")).unwrap();
    // An edge list writes no programs.csv: citynet's old one goes, the user's files stay.
    analyze(&data("edges.csv"), &out).assert().success();
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "my notes"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("mine/plot.png")).unwrap(),
        "png"
    );
    assert!(out.join("mine/empty").is_dir());
    assert_eq!(
        std::fs::read_link(out.join("notes-link")).unwrap(),
        Path::new("notes.txt")
    );
    assert!(!out.join("programs.csv").exists());
    assert!(std::fs::read_to_string(out.join("cities.csv"))
        .unwrap()
        .starts_with("node,"));
    // The manifest lists citynet's files only.
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(".citynet-output")).unwrap()).unwrap();
    let files: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(files.contains(&"cities.csv") && files.contains(&"summary.json"));
    assert!(!files
        .iter()
        .any(|f| f.contains("notes") || f.starts_with("mine")));
    // A user's programs.csv where the next run writes its own: refused, nothing changes.
    std::fs::write(out.join("programs.csv"), "mine").unwrap();
    let before = snapshot(&out);
    analyze(&data("memberships.csv"), &out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "programs.csv in it was not written by citynet",
        ));
    assert_eq!(snapshot(&out), before);
    assert_eq!(names(d.path()), ["res"]);
}

/// A folder written before citynet kept its file list (the marker says only "written by
/// citynet"): the files the new run writes are replaced, every other one is kept.
#[test]
fn a_folder_from_before_the_file_list_keeps_what_the_run_does_not_write() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("res");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join(".citynet-output"), "written by citynet\n").unwrap();
    std::fs::write(out.join("cities.csv"), "old").unwrap();
    std::fs::write(out.join("thesis.tex"), "precious").unwrap();
    analyze(&data("edges.csv"), &out).assert().success();
    assert!(std::fs::read_to_string(out.join("cities.csv"))
        .unwrap()
        .starts_with("node,"));
    assert_eq!(
        std::fs::read_to_string(out.join("thesis.tex")).unwrap(),
        "precious"
    );
}

/// Two inputs with the same file name in different folders both default to output/NAME/: the
/// second run is refused with a remedy instead of silently replacing the first one's results;
/// --force replaces them, --out chooses another folder.
#[test]
fn same_named_inputs_do_not_silently_share_a_result_folder() {
    let d = tempfile::tempdir().unwrap();
    for (sub, src) in [("a", "memberships.csv"), ("b", "edges.csv")] {
        std::fs::create_dir(d.path().join(sub)).unwrap();
        std::fs::copy(data(src), d.path().join(sub).join("x.csv")).unwrap();
    }
    let run = |input: &str, extra: &[&str]| {
        let mut c = assert_cmd::Command::cargo_bin("citynet").unwrap();
        c.current_dir(d.path())
            .args(["analyze", "--no-figures", "-q", input])
            .args(extra);
        c
    };
    let out = d.path().join("output/x");
    run("a/x.csv", &[]).assert().success();
    let first = snapshot(&out);
    // The same input again replaces its own results.
    run("a/x.csv", &[]).assert().success();
    assert_eq!(snapshot(&out), first);
    run("b/x.csv", &[]).assert().code(2).stderr(
        predicates::str::contains("holds the results of")
            .and(predicates::str::contains("a/x.csv"))
            .and(predicates::str::contains("--force")),
    );
    assert_eq!(snapshot(&out), first);
    run("b/x.csv", &["--out", "output/x-b"]).assert().success();
    assert_eq!(snapshot(&out), first);
    run("b/x.csv", &["--force"]).assert().success();
    assert!(std::fs::read_to_string(out.join("cities.csv"))
        .unwrap()
        .starts_with("node,"));
    // Now output/x is b's: a's run is the one refused.
    run("a/x.csv", &[]).assert().code(2);
}
