//! `citynet render` end to end: every view through Graphviz, DOT snapshots, determinism,
//! hostile names, and label overlaps on the bundled network.

mod common;
use citynet::render::scene::{overlaps, Rect};
use common::{citynet, data, require_graphviz};
use std::path::{Path, PathBuf};

/// Cities with names that try to break out of their DOT string, HTML label or file name.
const HOSTILE: &[&str] = &[
    "evil\", image=\"/etc/passwd",
    "<b>&</b>",
    "\\N",
    "../../etc/passwd",
    "x\"]; n0 [shapefile=\"/etc/shadow",
];

/// A membership table of hostile city names (with coordinates) in `dir`.
fn hostile_table(dir: &Path) -> PathBuf {
    let mut w = csv::Writer::from_path(dir.join("hostile.csv")).unwrap();
    w.write_record(["city", "country", "program", "lat", "lon"])
        .unwrap();
    for (i, name) in HOSTILE.iter().enumerate() {
        let lat = format!("{}", 10.0 * i as f64);
        let lon = format!("{}", 20.0 * i as f64);
        w.write_record([name, "Evil\"land", "P<1>", &lat, &lon])
            .unwrap();
        if i % 2 == 0 {
            w.write_record([name, "Evil\"land", "image=\"/x\"", &lat, &lon])
                .unwrap();
        }
    }
    w.flush().unwrap();
    dir.join("hostile.csv")
}

fn render(input: &Path, args: &[&str], out: &Path) -> Vec<u8> {
    citynet()
        .arg("render")
        .arg(input)
        .args(args)
        .arg("-o")
        .arg(out)
        .arg("-q")
        .assert()
        .success();
    std::fs::read(out).unwrap()
}

/// The DOT text with the map's `_background` value (a concatenation of quoted strings, which
/// graphviz-rust's parser does not read) replaced by `""`; it holds only numbers and colours.
fn without_background(dot: &str) -> String {
    let Some(start) = dot.find("_background=") else {
        return dot.to_string();
    };
    let b = dot.as_bytes();
    let mut i = start + "_background=".len();
    loop {
        assert_eq!(b[i], b'"');
        i += 1;
        while b[i] != b'"' {
            assert_ne!(b[i], b'\\', "no escapes expected in _background");
            i += 1;
        }
        i += 1;
        let mut j = i;
        while b[j] == b' ' {
            j += 1;
        }
        if b[j] != b'+' {
            break;
        }
        j += 1;
        while b[j] == b' ' {
            j += 1;
        }
        i = j;
    }
    format!("{}_background=\"\"{}", &dot[..start], &dot[i..])
}

/// Every attribute key of a DOT text (outside quoted strings and HTML labels).
fn attribute_keys(dot: &str) -> Vec<String> {
    let g = graphviz_rust::parse(&without_background(dot)).expect("the DOT parses");
    let mut keys = vec![];
    let graphviz_rust::dot_structures::Graph::Graph { stmts, .. } = g else {
        panic!("undirected graph expected")
    };
    use graphviz_rust::dot_structures::{GraphAttributes, Id, Stmt};
    let key = |id: &Id| match id {
        Id::Plain(s) | Id::Escaped(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
    };
    for s in &stmts {
        match s {
            Stmt::Node(n) => {
                let Id::Plain(id) = &n.id.0 else {
                    panic!("node id not generated: {:?}", n.id.0)
                };
                assert!(
                    id.chars().all(|c| c.is_ascii_alphanumeric()),
                    "node id {id}"
                );
                keys.extend(n.attributes.iter().map(|a| key(&a.0)));
            }
            Stmt::Edge(e) => keys.extend(e.attributes.iter().map(|a| key(&a.0))),
            Stmt::GAttribute(GraphAttributes::Graph(a))
            | Stmt::GAttribute(GraphAttributes::Node(a))
            | Stmt::GAttribute(GraphAttributes::Edge(a)) => {
                keys.extend(a.iter().map(|a| key(&a.0)))
            }
            Stmt::Attribute(a) => keys.push(key(&a.0)),
            Stmt::Subgraph(_) => panic!("no subgraphs expected"),
        }
    }
    keys
}

const ALLOWED_KEYS: &[&str] = &[
    "fontname",
    "bgcolor",
    "outputorder",
    "splines",
    "pad",
    "_background",
    "label",
    "labelloc",
    "labeljust",
    "fixedsize",
    "penwidth",
    "arrowhead",
    "pos",
    "width",
    "height",
    "shape",
    "style",
    "fillcolor",
    "color",
    "tooltip",
    "margin",
    "fontsize",
    "fontcolor",
];

#[test]
fn hostile_names_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = hostile_table(dir.path());
    for (view, extra) in [
        ("network", vec![]),
        ("bipartite", vec![]),
        ("map", vec!["--color", "country"]),
        ("ego", vec!["--city", HOSTILE[0]]),
    ] {
        let mut args = vec!["--view", view, "--layout", "circle", "--labels", "50"];
        args.extend(extra);
        let dot = render(&input, &args, &dir.path().join(format!("{view}.dot")));
        let dot = String::from_utf8(dot).unwrap();
        for k in attribute_keys(&dot) {
            assert!(ALLOWED_KEYS.contains(&k.as_str()), "{view}: attribute {k}");
        }
        // The names are in the figure, escaped.
        assert!(dot.contains("&lt;b&gt;&amp;&lt;/b&gt;"), "{view}");
        if view != "ego" {
            assert!(
                dot.contains("evil&quot;, image=&quot;/etc/passwd"),
                "{view}"
            );
        }
        require_graphviz();
        let svg = render(&input, &args, &dir.path().join(format!("{view}.svg")));
        let svg = String::from_utf8(svg).unwrap();
        assert!(!svg.contains("<image"), "{view}");
        assert!(svg.contains("&lt;b&gt;&amp;&lt;/b&gt;"), "{view}");
        // `\N` is the literal text, not Graphviz's node-name escape.
        assert!(svg.contains(">\\N<"), "{view}");
    }
}

#[test]
fn ego_file_names_cannot_leave_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let input = hostile_table(dir.path());
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("citynet").unwrap();
    cmd.current_dir(&work)
        .args(["render", "--view", "ego", "--layout", "circle", "-q"])
        .arg(&input)
        .args(["--city", "../../etc/passwd"])
        .arg("-o")
        .arg(work.join("ignored.dot"))
        .assert()
        .success();
    // Without -o the name is made from the city and stays in the working folder.
    let mut cmd = assert_cmd::Command::cargo_bin("citynet").unwrap();
    cmd.current_dir(&work)
        .args(["render", "--view", "ego", "-q"])
        .arg(&input)
        .args(["--city", "../../etc/passwd"]);
    require_graphviz();
    cmd.assert().success();
    assert!(work.join("ego-etc-passwd.svg").exists());
    assert!(!dir.path().join("etc").exists());
}

#[test]
fn analyze_names_ego_figures_safely() {
    require_graphviz();
    let dir = tempfile::tempdir().unwrap();
    let input = hostile_table(dir.path());
    let out = dir.path().join("res");
    citynet()
        .arg("analyze")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    let names: Vec<String> = std::fs::read_dir(out.join("figures"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("ego-")), "{names:?}");
    for n in &names {
        assert!(
            n.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.'),
            "{n}"
        );
    }
}

/// Compares `got` with the committed file `tests/expected/NAME` byte for byte
/// (`UPDATE_EXPECTED=1 cargo test` rewrites the files).
fn snapshot(name: &str, got: &[u8]) {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(name);
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&p, got).unwrap();
        return;
    }
    let want = std::fs::read(&p)
        .unwrap_or_else(|_| panic!("missing {p:?}; run UPDATE_EXPECTED=1 cargo test"));
    assert!(
        want == got,
        "{name} differs from tests/expected/{name} (UPDATE_EXPECTED=1 rewrites it)"
    );
}

/// DOT snapshots of small inputs. They use the built-in circle layout and the map projection,
/// so they do not depend on the Graphviz version.
#[test]
fn dot_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "network-folder.dot",
            "folder",
            &["--view", "network", "--color", "region"],
        ),
        (
            "bipartite-memberships.dot",
            "memberships.csv",
            &["--view", "bipartite"],
        ),
        (
            "ego-folder.dot",
            "folder",
            &["--view", "ego", "--city", "Bogotá"],
        ),
        (
            "map-folder.dot",
            "folder",
            &["--view", "map", "--color", "region"],
        ),
        ("map-memberships.dot", "memberships.csv", &["--view", "map"]),
    ];
    for (name, input, args) in cases {
        let args: Vec<&str> = args.iter().copied().chain(["--layout", "circle"]).collect();
        let got = render(&data(input), &args, &dir.path().join(name));
        snapshot(name, &got);
    }
}

#[test]
fn same_input_same_bytes() {
    require_graphviz();
    let dir = tempfile::tempdir().unwrap();
    for (view, extra) in [
        ("network", vec![]),
        ("bipartite", vec![]),
        ("ego", vec!["--city", "Bogotá", "--depth", "2"]),
        ("map", vec![]),
    ] {
        let mut args = vec!["--view", view];
        args.extend(extra);
        for ext in ["svg", "dot"] {
            let a = render(&data("folder"), &args, &dir.path().join(format!("a.{ext}")));
            let b = render(&data("folder"), &args, &dir.path().join(format!("b.{ext}")));
            assert!(a == b, "{view}.{ext} differs between two runs");
        }
    }
}

#[test]
fn every_view_renders_every_format() {
    require_graphviz();
    let dir = tempfile::tempdir().unwrap();
    for (view, extra) in [
        ("network", vec!["--backbone", "0.5"]),
        ("bipartite", vec!["--min-weight", "1"]),
        ("map", vec!["--top", "3"]),
        ("ego", vec!["--city", "Santa Fe, Argentina"]),
    ] {
        let mut args = vec!["--view", view, "--dpi", "72"];
        args.extend(extra);
        for ext in ["svg", "png", "pdf"] {
            let bytes = render(
                &data("folder"),
                &args,
                &dir.path().join(format!("{view}.{ext}")),
            );
            assert!(bytes.len() > 500, "{view}.{ext}");
            match ext {
                "png" => assert_eq!(&bytes[1..4], b"PNG"),
                "pdf" => assert_eq!(&bytes[..4], b"%PDF"),
                _ => {
                    let s = String::from_utf8(bytes).unwrap();
                    assert!(s.contains("<svg"));
                    assert!(s.contains("Bogotá"), "{view}");
                }
            }
        }
    }
    for (view, ext) in [
        ("rank", "svg"),
        ("rank", "png"),
        ("degrees", "svg"),
        ("degrees", "png"),
    ] {
        let bytes = render(
            &data("folder"),
            &["--view", view],
            &dir.path().join(format!("{view}.{ext}")),
        );
        assert!(bytes.len() > 500, "{view}.{ext}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--view", "ego"],
        vec!["--view", "ego", "--city", "Nowhere"],
        vec!["--view", "ego", "--city", "Santa Fe"],
        vec!["--view", "network", "--backbone", "0"],
        vec!["--view", "network", "--layout", "rm -rf"],
        vec!["--view", "network", "--color", "nonsense"],
        vec!["--view", "bipartite", "--backbone", "0.1"],
    ] {
        citynet()
            .arg("render")
            .arg(data("folder"))
            .args(&args)
            .arg("-o")
            .arg(dir.path().join("x.dot"))
            .assert()
            .code(2);
    }
    citynet()
        .arg("render")
        .arg(data("folder"))
        .args(["--view", "rank", "-o"])
        .arg(dir.path().join("x.pdf"))
        .assert()
        .code(2);
    citynet()
        .arg("render")
        .arg(data("edges.csv"))
        .args(["--view", "bipartite", "-o"])
        .arg(dir.path().join("x.dot"))
        .assert()
        .code(2);
}

/// The distance in points between two boxes (0 when they touch or overlap).
fn gap(a: Rect, b: Rect) -> f64 {
    let dx = (b.0 - a.2).max(a.0 - b.2).max(0.0);
    let dy = (b.1 - a.3).max(a.1 - b.3).max(0.0);
    dx.hypot(dy)
}

/// The first problem with a figure's labels: none drawn, two overlapping, or one farther
/// than 20 points from every node (labels sit beside their node, at most two steps out).
fn label_problem(fig: &citynet::render::Figure) -> Option<String> {
    let (labels, nodes) = (&fig.label_boxes, &fig.node_boxes);
    if labels.is_empty() || nodes.is_empty() {
        return Some(format!("{} labels, {} nodes", labels.len(), nodes.len()));
    }
    for (i, a) in labels.iter().enumerate() {
        if let Some(b) = labels[i + 1..].iter().find(|b| overlaps(*a, **b)) {
            return Some(format!("labels overlap: {a:?} {b:?}"));
        }
        let near = nodes.iter().map(|n| gap(*a, *n)).fold(f64::MAX, f64::min);
        if near > 20.0 {
            return Some(format!("label {a:?} is {near:.1} pt from the nearest node"));
        }
    }
    None
}

fn check_labels(what: &str, fig: &citynet::render::Figure) {
    if let Some(p) = label_problem(fig) {
        panic!("{what}: {p}");
    }
}

/// The label check rejects what it must.
#[test]
fn label_check_can_fail() {
    let fig = |labels: Vec<Rect>| citynet::render::Figure {
        dot: String::new(),
        caption: vec![],
        label_boxes: labels,
        node_boxes: vec![(0.0, 0.0, 10.0, 10.0)],
        drawn_cities: vec![],
        drawn_edges: vec![],
        city_nodes: vec![],
        labels: vec![],
    };
    assert!(label_problem(&fig(vec![(12.0, 0.0, 40.0, 8.0)])).is_none());
    assert!(label_problem(&fig(vec![])).is_some());
    let two = vec![(12.0, 0.0, 40.0, 8.0), (30.0, 4.0, 60.0, 12.0)];
    assert!(label_problem(&fig(two)).unwrap().contains("overlap"));
    let far = vec![(100.0, 0.0, 140.0, 8.0)];
    assert!(label_problem(&fig(far))
        .unwrap()
        .contains("from the nearest node"));
}

/// At the default settings of the bundled network, no label overlaps another, in every view
/// that `analyze` draws.
#[test]
fn bundled_network_labels_do_not_overlap() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("networks/city-diplomacy");
    require_graphviz();
    let (ds, _) = citynet::pipeline::load_input(
        &root,
        &Default::default(),
        citynet::pipeline::Ui { quiet: true },
    )
    .unwrap();
    let gr = citynet::pipeline::build_graphs(&ds);
    let table = citynet::pipeline::city_table(&ds, &gr, &["strength".to_string()]).unwrap();
    let names = citynet::render::defaults::wanted(&ds, &gr, &table);
    let cv = citynet::pipeline::city_values(&ds, &gr, &names);
    let t = gr.two_mode.as_ref();
    let v = citynet::pipeline::validated(&ds, t, &Default::default(), None).unwrap();
    let figures = citynet::render::defaults::default_figures(&ds, &gr, &table, &cv, Some(&v));
    for (name, opts) in figures.unwrap() {
        let fig = citynet::render::figure::build(&ds, &gr, &cv, &opts, Some(&v)).unwrap();
        check_labels(&name, &fig);
    }
}

/// `render --view network` thins a dense projection as `analyze` does (and says so in the
/// caption) unless `--all-edges` is given; it never writes over its input.
#[test]
fn network_view_is_thinned_by_default_and_input_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let thin = dir.path().join("thin.dot");
    let all = dir.path().join("all.dot");
    citynet()
        .args([
            "render",
            "networks/city-diplomacy",
            "--view",
            "network",
            "-q",
            "-o",
        ])
        .arg(&thin)
        .assert()
        .success();
    citynet()
        .args([
            "render",
            "networks/city-diplomacy",
            "--view",
            "network",
            "--all-edges",
            "-q",
            "-o",
        ])
        .arg(&all)
        .assert()
        .success();
    let thin = std::fs::read_to_string(&thin).unwrap();
    let all = std::fs::read_to_string(&all).unwrap();
    assert!(thin.contains("Filtered:"), "no filter caption");
    assert!(!all.contains("Filtered:"));
    assert!(thin.matches(" -- ").count() * 10 < all.matches(" -- ").count());
    let input = dir.path().join("edges.svg");
    std::fs::copy(common::data("edges.csv"), &input).unwrap();
    citynet()
        .args(["render", "--kind", "edge-list", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("that is an input file"));
    assert!(std::fs::read_to_string(&input)
        .unwrap()
        .starts_with("source,target"));
}

/// The `<text>` elements of an SVG written by plotters: (x, font size, text-anchor, content).
fn svg_texts(svg: &str) -> Vec<(f64, f64, String, String)> {
    let attr = |tag: &str, name: &str| -> String {
        let key = format!(" {name}=\"");
        let i = tag.find(&key).map(|i| i + key.len()).unwrap_or(0);
        tag[i..].split('"').next().unwrap_or("").to_string()
    };
    svg.split("<text ")
        .skip(1)
        .map(|part| {
            let (tag, rest) = part.split_once('>').unwrap();
            let tag = &format!(" {tag}");
            let content = rest.split("</text>").next().unwrap().trim().to_string();
            (
                attr(tag, "x").parse().unwrap(),
                attr(tag, "font-size").parse().unwrap(),
                attr(tag, "text-anchor"),
                content,
            )
        })
        .collect()
}

/// A 300-character city name is cut with an ellipsis inside the canvas, and the rank chart
/// still draws one bar per city across most of the width.
#[test]
fn rank_chart_keeps_long_names_on_the_canvas() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("Ciudad{} del Fin", " muy larga".repeat(29));
    assert!(long.chars().count() >= 300);
    let input = dir.path().join("long.csv");
    let table = std::fs::read_to_string(data("memberships.csv"))
        .unwrap()
        .replacen("Paris;France", &format!("{long};France"), 1);
    std::fs::write(&input, table).unwrap();
    let svg = render(&input, &["--view", "rank"], &dir.path().join("rank.svg"));
    let svg = String::from_utf8(svg).unwrap();
    let width: f64 = 1004.0;
    let texts = svg_texts(&svg);
    // City names are the right-aligned labels left of the axis.
    let names: Vec<&(f64, f64, String, String)> = texts.iter().filter(|t| t.2 == "end").collect();
    assert_eq!(names.len(), 5, "{texts:?}");
    let cut = names
        .iter()
        .find(|t| t.3.starts_with("Ciudad"))
        .expect("the long name is drawn");
    assert!(
        cut.3.ends_with('…') && cut.3.chars().count() < 100,
        "{}",
        cut.3
    );
    assert!(long.starts_with(cut.3.trim_end_matches('…')));
    assert!(!svg.contains("del Fin"));
    for (x, size, _, text) in &names {
        let left = x - citynet::render::text::width(text, *size);
        assert!(left >= 0.0, "{text:?} starts at x = {left}, off the canvas");
    }
    // One bar per city, inside the canvas, the longest over 40% of it.
    let bars: Vec<(f64, f64)> = svg
        .split("<rect ")
        .skip(1)
        .filter(|r| r.contains("fill=\"#0072B2\""))
        .map(|r| {
            let r = format!(" {r}");
            let num = |k: &str| -> f64 {
                let i = r.find(&format!(" {k}=\"")).unwrap() + k.len() + 3;
                r[i..].split('"').next().unwrap().parse().unwrap()
            };
            (num("x"), num("width"))
        })
        .collect();
    assert_eq!(bars.len(), 5, "{bars:?}");
    assert!(bars.iter().all(|&(x, w)| w > 0.0 && x + w <= width));
    assert!(bars.iter().any(|&(_, w)| w > 0.4 * width), "{bars:?}");
    let png = render(&input, &["--view", "rank"], &dir.path().join("rank.png"));
    assert_eq!(&png[1..4], b"PNG");
}

/// The colour legend of a figure that draws the top 10 of the bundled network's cities counts
/// those 10: the entries add up to 10, and "other (K values)" names at most as many values as
/// it has cities (it used to give the whole input's 72 countries).
#[test]
fn legend_counts_come_from_the_drawn_cities() {
    let dir = tempfile::tempdir().unwrap();
    let input = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("networks/city-diplomacy");
    let dot = render(
        &input,
        &[
            "--view", "network", "--color", "country", "--top", "10", "--layout", "circle",
        ],
        &dir.path().join("n.dot"),
    );
    let dot = String::from_utf8(dot).unwrap();
    // Legend rows are HTML-label cells ">LABEL (N)<".
    let rows: Vec<(String, usize)> = dot
        .split('>')
        .filter_map(|s| s.split('<').next())
        .filter_map(|s| {
            let (label, n) = s.strip_suffix(')')?.rsplit_once(" (")?;
            Some((label.to_string(), n.parse().ok()?))
        })
        .collect();
    assert_eq!(rows.iter().map(|r| r.1).sum::<usize>(), 10, "{rows:?}");
    let (label, n) = rows
        .iter()
        .find(|r| r.0.starts_with("other ("))
        .expect("an 'other' row: the top 10 span more countries than the coloured ones");
    let k: usize = label
        .trim_start_matches("other (")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(k >= 1 && k <= *n, "{label} ({n})");
}

/// The rank-interval chart of a large input puts ranks on a log axis (the top 30 would share a
/// few pixels of a linear axis to rank ~1,000); the bundled network's stays linear. The tick
/// labels in the SVG tell which axis was drawn.
#[test]
fn rank_interval_axis_is_logarithmic_only_when_ranks_run_far() {
    let dir = tempfile::tempdir().unwrap();
    // 900 cities in 12 programs of very different sizes, each city in 1–2 of them (seeded).
    let mut s = String::from("city,country,program\n");
    let mut state = 7u64;
    for c in 0..900 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let a = (state >> 33) % 12;
        let b = (state >> 45) % 12;
        s.push_str(&format!("City {c},Country {},P{a}\n", c % 7));
        if b != a && c % 3 == 0 {
            s.push_str(&format!("City {c},Country {},P{b}\n", c % 7));
        }
    }
    let table = dir.path().join("t.csv");
    std::fs::write(&table, s).unwrap();
    let run = |input: &Path, out: &Path| -> String {
        let o = citynet()
            .args(["robustness", "--replicates", "200", "--quiet", "-o"])
            .arg(out)
            .arg(input)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let csv = std::fs::read_to_string(out.join("robustness.csv")).unwrap();
        assert!(csv.lines().count() > 1);
        std::fs::read_to_string(out.join("rank-intervals.svg")).unwrap()
    };
    let large = run(&table, &dir.path().join("large"));
    assert!(large.contains("rank (log scale)"), "no log axis");
    let bundled = run(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("networks/city-diplomacy"),
        &dir.path().join("bundled"),
    );
    assert!(
        !bundled.contains("log scale"),
        "the bundled chart should stay linear"
    );
    assert!(
        bundled.contains(">\nrank\n<") || bundled.contains(">rank<"),
        "no rank axis title"
    );
}
