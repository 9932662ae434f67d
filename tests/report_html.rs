//! `report.html` written by `citynet analyze`: self-contained, escaped, complete; rendered in a
//! real browser (headless Chromium, required: `.ci/run` installs it).

mod common;
use common::{citynet, data, require_graphviz};
use std::path::{Path, PathBuf};

/// `citynet analyze` with figures (Graphviz required).
fn analyze(input: &Path, out: &Path) -> String {
    require_graphviz();
    citynet()
        .args(["analyze", "-q"])
        .arg(input)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    std::fs::read_to_string(out.join("report.html")).unwrap()
}

#[test]
fn report_is_self_contained_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let html = analyze(&data("nasty_names.csv"), &dir.path().join("r"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("default-src 'none'"),
        "CSP forbids network loads"
    );
    // Nothing is fetched: no external scripts, styles, fonts, images or links.
    for bad in [
        "<link",
        "src=\"http",
        "href=\"http",
        "url(",
        "@import",
        "<iframe",
    ] {
        assert!(!html.contains(bad), "found {bad}");
    }
    // Data strings are escaped.
    assert!(!html.contains("<b>\""), "raw markup from a city name");
    assert!(html.contains("Saint-Denis &amp; &quot;Co&quot; &lt;b&gt;"));
    assert!(html.contains("=HYPERLINK(x)"));
    // Summary, top lists, sortable tables, methods with citations.
    for part in [
        "id=\"summary\"",
        "id=\"top\"",
        "class=\"sortable\"",
        "id=\"methods\"",
        "Brandes, U. (2001)",
        "Taylor, P. J. (2001)",
        "Latapy, M.",
        "Blondel, V. D.",
        "Seidman, S. B. (1983)",
        "<script>",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    require_graphviz();
    assert!(
        html.contains("src=\"data:image/svg+xml;base64,"),
        "figure inline"
    );
}

#[test]
fn report_names_sources_and_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let mut cmd = citynet();
    cmd.args(["analyze", "-q", "--no-figures", "--as-of", "2010"])
        .arg(data("folder"))
        .arg("--out")
        .arg(&out);
    cmd.assert().success();
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("Hand-made test data"));
    assert!(html.contains("licence: CC0"));
    assert!(html.contains("as the network stood in 2010"));
    // Every metric column of cities.csv is described.
    assert!(html.contains("<b>betweenness</b>") && html.contains("<b>community</b>"));
}

/// The installed Chromium; fails the test when there is none (`.ci/run` installs it).
fn chromium() -> &'static str {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    found.unwrap_or_else(|| {
        panic!(
            "Chromium is needed to render report.html but none of chromium, chromium-browser, \
             google-chrome runs; install it with `bash scripts/install-deps.sh --test` (CI does \
             so in .ci/run)"
        )
    })
}

/// Chromium under coreutils `timeout` (a hung browser fails the test after 120 s instead of
/// blocking the suite).
fn browser(bin: &str, profile: &Path) -> std::process::Command {
    let mut c = std::process::Command::new("timeout");
    c.args(["120", bin]);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// Renders the bundled network's report in headless Chromium: the page's script runs (it marks
/// every sortable heading) and a screenshot is produced.
#[test]
fn report_renders_in_chromium() {
    let bin = chromium();
    let dir = tempfile::tempdir().unwrap();
    let input = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("networks/city-diplomacy");
    let out = dir.path().join("r");
    analyze(&input, &out);
    let url = format!("file://{}", out.join("report.html").display());
    let dom = browser(bin, &dir.path().join("p1"))
        .args(["--dump-dom", &url])
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("aria-sort=\"none\""),
        "the sorting script did not run"
    );
    let png = dir.path().join("report.png");
    let shot = browser(bin, &dir.path().join("p2"))
        .arg(format!("--screenshot={}", png.display()))
        .args(["--window-size=1280,2000", &url])
        .output()
        .unwrap();
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(
        bytes.len() > 20_000,
        "screenshot looks empty ({} bytes)",
        bytes.len()
    );
    // Kept for a human to look at when CITYNET_KEEP_SCREENSHOT names a file.
    if let Ok(keep) = std::env::var("CITYNET_KEEP_SCREENSHOT") {
        std::fs::copy(&png, keep).unwrap();
    }
}

/// The Methods section says how each column was computed, from what was computed: exact
/// betweenness names Brandes' algorithm; betweenness sampled because it was over the time
/// budget says so (estimator, ε, δ, samples, seed) and cites Riondato & Kornaropoulos, never
/// "Brandes' algorithm".
#[test]
fn methods_say_how_betweenness_was_computed() {
    let dir = tempfile::tempdir().unwrap();
    // 400 cities, 1,200 ties: large enough for a tiny time budget to make the planner sample.
    let mut csv = String::from("source,target\n");
    for i in 0..400 {
        for k in [1, 4, 49] {
            csv.push_str(&format!("c{i},c{}\n", (i + k) % 400));
        }
    }
    let input = dir.path().join("ring.csv");
    std::fs::write(&input, csv).unwrap();
    let methods = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        citynet()
            .args([
                "analyze",
                "-q",
                "--no-figures",
                "--metrics",
                "degree,betweenness",
            ])
            .args(extra)
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        let start = html.find("id=\"methods\"").expect("a Methods section");
        let end = start + html[start..].find("</section>").unwrap();
        html[start..end].to_string()
    };
    let line = |m: &str| {
        let s = m.find("<b>betweenness</b>").expect("a betweenness line");
        m[s..s + m[s..].find("</li>").unwrap()].to_string()
    };
    let exact = methods("exact", &[]);
    let b = line(&exact);
    assert!(b.contains("computed with Brandes’ algorithm"), "{b}");
    assert!(!b.contains("sample"), "{b}");
    assert!(!exact.contains("Riondato"), "{exact}");
    let sampled = methods("sampled", &["--time-budget", "0.000001"]);
    let b = line(&sampled);
    assert!(!b.contains("Brandes"), "{b}");
    assert!(
        b.contains("estimated from a sample of shortest paths"),
        "{b}"
    );
    assert!(b.contains("<i>Approximated</i>"), "{b}");
    assert!(
        b.contains("ε = ") && b.contains("δ = 0.1") && b.contains("seed 1"),
        "{b}"
    );
    assert!(sampled.contains("<li>Riondato, M."), "{sampled}");
}
