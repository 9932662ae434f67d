//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::PathBuf;

/// The built `citynet` binary, run from the repository root.
pub fn citynet() -> Command {
    let mut c = Command::cargo_bin("citynet").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// A file under tests/data.
pub fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

/// Fails the test unless Graphviz's `dot` runs: figure tests need it, and
/// `scripts/install-deps.sh` (run by `.ci/run`) installs it. A test never passes without
/// checking because a tool is missing.
pub fn require_graphviz() {
    require_tool("dot", &["-V"], "Graphviz");
}

/// Fails the test, naming the tool and how to install it, unless `program args` runs and
/// exits 0.
pub fn require_tool(program: &str, args: &[&str], what: &str) {
    let ok = std::process::Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "{what} is needed by this test but `{program}` did not run; install it with \
         `bash scripts/install-deps.sh --test` (CI does so in .ci/run)"
    );
}

/// Reads a CSV into (header, rows).
pub fn read_csv(p: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(p).unwrap();
    let h = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (h, rows)
}

/// A Python with NetworkX and igraph: `$CITYNET_PYTHON`, else `python3` or `/usr/bin/python3`.
pub fn reference_python() -> String {
    let candidates: Vec<String> = match std::env::var("CITYNET_PYTHON") {
        Ok(py) => vec![py],
        Err(_) => vec!["python3".into(), "/usr/bin/python3".into()],
    };
    let found = candidates.iter().find(|py| {
        std::process::Command::new(py)
            .args(["-c", "import networkx, igraph"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    found.cloned().unwrap_or_else(|| {
        panic!(
            "no Python with networkx and igraph (tried {candidates:?}); install them with \
             `bash scripts/install-deps.sh --test` or point CITYNET_PYTHON at a Python that has them"
        )
    })
}

/// Runs the reference script `tests/SCRIPT` (NetworkX / python-igraph) on the GraphML export
/// `graph` with tolerance 1e-9 and returns what it printed, failing the test when it exits
/// non-zero (a column above the tolerance).
pub fn reference_check(script: &str, graph: &std::path::Path) -> String {
    let py = reference_python();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(script);
    let r = std::process::Command::new(&py)
        .arg(&script)
        .arg(graph)
        .arg("1e-9")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout).to_string();
    assert!(
        r.status.success(),
        "{}: {stdout}\n{}",
        script.display(),
        String::from_utf8_lossy(&r.stderr)
    );
    stdout
}
