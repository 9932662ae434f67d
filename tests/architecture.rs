//! The house rules of ARCHITECTURE.md, checked on the source: imports point down the layers
//! only, no two source files import each other (directly or round a circle), no function is
//! longer than 120 lines and no file longer than 900 lines. Doc comments, comments, string
//! literals and `#[cfg(test)]` items are left out of every count.
//!
//! The reader is a small lexer, not a Rust parser: it knows comments, strings, raw strings,
//! char literals and lifetimes, braces, `use` groups, and the paths that start with `crate::`,
//! `super::` or `self::`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may import its own layer and the layers below it.
const LAYERS: &[(&str, usize)] = &[
    ("graph", 0),
    ("model", 1),
    ("error", 1),
    ("metrics", 2),
    ("render", 3),
    ("report", 4),
    ("pipeline", 5),
    ("curate", 5),
    ("api", 5),
    ("cli", 6),
];
const LAYER_ORDER: &str = "graph -> model (and error) -> metrics -> render -> report -> \
                           pipeline (and curate, api) -> cli";
const MAX_FN_LINES: usize = 120;
const MAX_FILE_LINES: usize = 900;

/// Functions over the limit when the rule was introduced, with their length then:
/// each may shrink or go, none may grow, and no other function may pass the limit. Remove an
/// entry when its function is split.
const LONG_FUNCTIONS: &[(&str, &str, usize)] = &[];

/// Files over the limit when the rule was introduced, with their non-test lines then (same
/// terms as [`LONG_FUNCTIONS`]). None is left.
const LONG_FILES: &[(&str, usize)] = &[];

/// Modules among which an import circle is tolerated. None is: the input reader's stages
/// stand on `model::read::sheet` (the table type) and `model::options` (what the stages
/// share with `model::load`) instead of on each other.
const KNOWN_CIRCLE_MODULES: &[&str] = &[];

fn layer(top: &str) -> Option<usize> {
    LAYERS.iter().find(|l| l.0 == top).map(|l| l.1)
}

/// One source file, lexed.
struct Source {
    /// Path relative to the crate root, e.g. `src/render/figure.rs`.
    rel: String,
    /// Module path, e.g. `["render", "figure"]` (`[]` for lib.rs).
    module: Vec<String>,
    /// The text with comments and the contents of string and char literals blanked (newlines
    /// kept), and `#[cfg(test)]` items blanked too.
    code: Vec<char>,
    /// Lines (1-based) that belong to `#[cfg(test)]` items.
    test_lines: BTreeSet<usize>,
    /// Number of lines of the file.
    lines: usize,
}

fn sources() -> Vec<Source> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    walk(&root.join("src"), &mut files);
    files.sort();
    let mut out = vec![];
    for f in files {
        let rel = f
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "src/main.rs" {
            continue; // the binary: it sees the library from outside
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let inner = rel.trim_start_matches("src/").trim_end_matches(".rs");
        let mut module: Vec<String> = inner.split('/').map(str::to_string).collect();
        if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
            module.pop();
        }
        let mut code = blank_comments_and_literals(&text);
        let test_lines = blank_test_items(&mut code);
        out.push(Source {
            rel,
            module,
            code,
            test_lines,
            lines: text.lines().count(),
        });
    }
    assert!(
        out.len() > 20,
        "found only {} source files under src/",
        out.len()
    );
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Comments and the contents of string and char literals become spaces (newlines stay, so
/// positions keep their line numbers).
fn blank_comments_and_literals(text: &str) -> Vec<char> {
    let c: Vec<char> = text.chars().collect();
    let mut out = c.clone();
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for x in out.iter_mut().take(to.min(c.len())).skip(from) {
            if *x != '\n' {
                *x = ' ';
            }
        }
    };
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut i = 0;
    while i < c.len() {
        let prev_ident = i > 0 && ident(c[i - 1]);
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            let end = (i..c.len()).find(|&j| c[j] == '\n').unwrap_or(c.len());
            blank(&mut out, i, end);
            i = end;
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let (mut depth, mut j) = (1, i + 2);
            while j < c.len() && depth > 0 {
                if c[j] == '/' && c.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 2;
                } else if c[j] == '*' && c.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if !prev_ident && (c[i] == 'r' || (c[i] == 'b' && c.get(i + 1) == Some(&'r'))) && {
            let s = if c[i] == 'b' { i + 2 } else { i + 1 };
            let h = (s..c.len()).take_while(|&j| c[j] == '#').count();
            c.get(s + h) == Some(&'"')
        } {
            // Raw string: r"..", r#".."#, br"..".
            let s = if c[i] == 'b' { i + 2 } else { i + 1 };
            let hashes = (s..c.len()).take_while(|&j| c[j] == '#').count();
            let open = s + hashes;
            let mut j = open + 1;
            while j < c.len() {
                if c[j] == '"' && (1..=hashes).all(|k| c.get(j + k) == Some(&'#')) {
                    break;
                }
                j += 1;
            }
            blank(&mut out, open + 1, j);
            i = j + 1 + hashes;
        } else if c[i] == '"' {
            let mut j = i + 1;
            while j < c.len() && c[j] != '"' {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            blank(&mut out, i + 1, j);
            i = j + 1;
        } else if c[i] == '\'' && !prev_ident {
            // A char literal ('x', '\n', '\u{1F600}') or a lifetime / label ('a).
            if c.get(i + 1) == Some(&'\\') {
                let mut j = i + 3;
                while j < c.len() && c[j] != '\'' {
                    j += 1;
                }
                blank(&mut out, i + 1, j);
                i = j + 1;
            } else if c.get(i + 2) == Some(&'\'') {
                blank(&mut out, i + 1, i + 2);
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

fn line_of(code: &[char], pos: usize) -> usize {
    1 + code[..pos].iter().filter(|&&c| c == '\n').count()
}

/// The position of the brace that closes the one at `open`.
fn matching_brace(code: &[char], open: usize) -> usize {
    let mut depth = 0usize;
    for (j, &ch) in code.iter().enumerate().skip(open) {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    code.len().saturating_sub(1)
}

/// Blanks every item marked `#[cfg(test)]` (to its `;` or its closing brace); returns the
/// lines they covered.
fn blank_test_items(code: &mut [char]) -> BTreeSet<usize> {
    let pattern: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut lines = BTreeSet::new();
    let mut i = 0;
    while i + pattern.len() <= code.len() {
        if code[i..i + pattern.len()] != pattern[..] {
            i += 1;
            continue;
        }
        let Some(stop) = (i..code.len()).find(|&j| code[j] == '{' || code[j] == ';') else {
            break;
        };
        let end = if code[stop] == '{' {
            matching_brace(code, stop)
        } else {
            stop
        };
        for l in line_of(code, i)..=line_of(code, end) {
            lines.insert(l);
        }
        for x in code.iter_mut().take(end + 1).skip(i) {
            if *x != '\n' {
                *x = ' ';
            }
        }
        i = end + 1;
    }
    lines
}

fn is_ident(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// One path a file names: where, and its segments (made absolute: from the crate root).
struct Import {
    line: usize,
    text: String,
    path: Vec<String>,
}

/// Every `crate::`, `super::` and `self::` path in the code, `use` groups expanded.
fn imports(src: &Source) -> Vec<Import> {
    let c = &src.code;
    let mut out = vec![];
    let mut i = 0;
    while i < c.len() {
        let starts = |w: &str| {
            let w: Vec<char> = w.chars().collect();
            c.len() >= i + w.len() && c[i..i + w.len()] == w[..]
        };
        let at_path_start = (i == 0 || !(is_ident(c[i - 1]) || c[i - 1] == '$' || c[i - 1] == ':'))
            && (starts("crate::") || starts("super::") || starts("self::"));
        if !at_path_start {
            i += 1;
            continue;
        }
        let line = line_of(c, i);
        let (paths, end) = parse_path(c, i);
        for mut p in paths {
            if p.len() > 1 && p.last().is_some_and(|s| s == "self") {
                p.pop();
            }
            let text = p.join("::");
            if let Some(abs) = absolute(&src.module, &p) {
                out.push(Import {
                    line,
                    text,
                    path: abs,
                });
            }
        }
        i = end.max(i + 1);
    }
    out
}

/// Parses a path (with `{..}` groups) at `i`: every path it names, and where it ends.
fn parse_path(c: &[char], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix: Vec<String> = vec![];
    loop {
        while i < c.len() && c[i].is_whitespace() {
            i += 1;
        }
        if i < c.len() && c[i] == '{' {
            let mut all = vec![];
            i += 1;
            loop {
                while i < c.len() && (c[i].is_whitespace() || c[i] == ',') {
                    i += 1;
                }
                if i >= c.len() || c[i] == '}' {
                    return (all, i + 1);
                }
                let (inner, end) = parse_path(c, i);
                for p in inner {
                    all.push(prefix.iter().cloned().chain(p).collect());
                }
                if end <= i {
                    return (all, i + 1);
                }
                i = end;
                // Skip `as name` and anything else up to the next entry.
                while i < c.len() && c[i] != ',' && c[i] != '}' {
                    i += 1;
                }
            }
        }
        let start = i;
        while i < c.len() && is_ident(c[i]) {
            i += 1;
        }
        if i == start {
            return (vec![prefix], i);
        }
        prefix.push(c[start..i].iter().collect());
        if c.get(i) == Some(&':') && c.get(i + 1) == Some(&':') {
            i += 2;
        } else {
            return (vec![prefix], i);
        }
    }
}

/// A path made absolute from `module` (the file's module path); `None` for paths that do not
/// start with `crate`, `super` or `self`.
fn absolute(module: &[String], p: &[String]) -> Option<Vec<String>> {
    let first = p.first()?;
    match first.as_str() {
        "crate" => Some(p[1..].to_vec()),
        "self" => Some(module.iter().chain(&p[1..]).cloned().collect()),
        "super" => {
            let ups = p.iter().take_while(|s| *s == "super").count();
            let keep = module.len().saturating_sub(ups);
            Some(module[..keep].iter().chain(&p[ups..]).cloned().collect())
        }
        _ => None,
    }
}

/// The source file a path lands in: the longest prefix that is a module with a file; items
/// of lib.rs map to the module they are re-exported from (`Error`, `Result`: `error`).
fn target_module(path: &[String], modules: &BTreeSet<Vec<String>>) -> Vec<String> {
    for k in (1..=path.len()).rev() {
        if modules.contains(&path[..k].to_vec()) {
            return path[..k].to_vec();
        }
    }
    match path.first().map(String::as_str) {
        Some("Error" | "Result") => vec!["error".to_string()],
        _ => vec![],
    }
}

fn module_name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

#[test]
fn imports_point_down_the_layers_only() {
    let srcs = sources();
    let mut bad = vec![];
    for s in &srcs {
        let Some(from) = s.module.first().and_then(|t| layer(t)) else {
            continue;
        };
        for imp in imports(s) {
            let Some(top) = imp.path.first() else {
                continue;
            };
            let top = if top == "Error" || top == "Result" {
                "error"
            } else {
                top.as_str()
            };
            if let Some(to) = layer(top) {
                if to > from {
                    bad.push(format!(
                        "{}:{}: `{}` — {} (layer {from}) may not import {top} (layer {to})",
                        s.rel, imp.line, imp.text, s.module[0]
                    ));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "rule: imports point down the layers only ({LAYER_ORDER}; see ARCHITECTURE.md). \
         Move the shared type down to the lowest layer that needs it, or let the higher layer \
         compute the value and hand it over:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_two_files_import_each_other() {
    let srcs = sources();
    let modules: BTreeSet<Vec<String>> = srcs.iter().map(|s| s.module.clone()).collect();
    // Edges between files; a module declaring or re-exporting its own children is not one.
    let mut edges: BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>> = BTreeMap::new();
    for s in &srcs {
        for imp in imports(s) {
            let to = target_module(&imp.path, &modules);
            if to.is_empty() || to == s.module || to.starts_with(&s.module) {
                continue;
            }
            edges
                .entry(s.module.clone())
                .or_default()
                .entry(to)
                .or_insert_with(|| format!("{}:{} `{}`", s.rel, imp.line, imp.text));
        }
    }
    let mut circles = vec![];
    for start in &modules {
        // The shortest path from each successor of `start` back to it (breadth first).
        let mut prev: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::new();
        queue.push_back(start.clone());
        let mut found = None;
        while let Some(m) = queue.pop_front() {
            for next in edges
                .get(&m)
                .map(|e| e.keys().cloned().collect::<Vec<Vec<String>>>())
                .unwrap_or_default()
            {
                if &next == start {
                    found = Some(m.clone());
                    break;
                }
                if !prev.contains_key(&next) {
                    prev.insert(next.clone(), m.clone());
                    queue.push_back(next);
                }
            }
            if found.is_some() {
                break;
            }
        }
        let Some(mut last) = found else {
            continue;
        };
        let mut cycle = vec![start.clone()];
        let mut back = vec![];
        while &last != start {
            back.push(last.clone());
            last = prev[&last].clone();
        }
        back.reverse();
        cycle.extend(back);
        // Report each circle once, from its smallest module.
        if cycle.iter().min() != Some(start) {
            continue;
        }
        let names: Vec<String> = cycle.iter().map(|m| module_name(m)).collect();
        let known = names
            .iter()
            .all(|n| KNOWN_CIRCLE_MODULES.contains(&n.as_str()));
        if known {
            continue;
        }
        let mut steps = vec![];
        for k in 0..cycle.len() {
            let (a, b) = (&cycle[k], &cycle[(k + 1) % cycle.len()]);
            steps.push(format!(
                "  {} -> {} ({})",
                module_name(a),
                module_name(b),
                edges[a][b]
            ));
        }
        circles.push(steps.join("\n"));
    }
    assert!(
        circles.is_empty(),
        "rule: no import circles between source files (see ARCHITECTURE.md); move what both \
         sides need into a third file below them:\n{}",
        circles.join("\n\n")
    );
}

/// Every `fn` with a body: (name, first line, number of lines).
fn functions(src: &Source) -> Vec<(String, usize, usize)> {
    let c = &src.code;
    let mut out = vec![];
    let mut i = 0;
    while i + 3 < c.len() {
        let is_fn = c[i] == 'f'
            && c[i + 1] == 'n'
            && c[i + 2].is_whitespace()
            && (i == 0 || !is_ident(c[i - 1]));
        if !is_fn {
            i += 1;
            continue;
        }
        let mut j = i + 2;
        while j < c.len() && c[j].is_whitespace() {
            j += 1;
        }
        let name_start = j;
        while j < c.len() && is_ident(c[j]) {
            j += 1;
        }
        let name: String = c[name_start..j].iter().collect();
        // The body: the first `{` outside parentheses and brackets, unless a `;` comes first.
        let (mut paren, mut body) = (0i32, None);
        while j < c.len() {
            match c[j] {
                '(' | '[' => paren += 1,
                ')' | ']' => paren -= 1,
                '{' if paren == 0 => {
                    body = Some(j);
                    break;
                }
                ';' if paren == 0 => break,
                _ => {}
            }
            j += 1;
        }
        if let (Some(open), false) = (body, name.is_empty()) {
            let close = matching_brace(c, open);
            let first = line_of(c, i);
            out.push((name, first, line_of(c, close) - first + 1));
        }
        i = j.max(i + 1);
    }
    out
}

#[test]
fn no_function_is_longer_than_120_lines() {
    let mut bad = vec![];
    for s in sources() {
        for (name, line, len) in functions(&s) {
            let known = LONG_FUNCTIONS
                .iter()
                .find(|k| k.0 == s.rel && k.1 == name)
                .map_or(MAX_FN_LINES, |k| k.2);
            if len > MAX_FN_LINES.max(known) {
                bad.push(format!(
                    "{}:{line}: fn {name} is {len} lines (limit {MAX_FN_LINES})",
                    s.rel
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "rule: no function over {MAX_FN_LINES} lines outside tests (see ARCHITECTURE.md); \
         split it by what the code does (one function per step, per figure part, per \
         section), and move long text into a template file (include_str!):\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_file_is_longer_than_900_lines() {
    let mut bad = vec![];
    for s in sources() {
        let lines = s.lines - s.test_lines.len();
        let known = LONG_FILES
            .iter()
            .find(|k| k.0 == s.rel)
            .map_or(MAX_FILE_LINES, |k| k.1);
        if lines > MAX_FILE_LINES.max(known) {
            bad.push(format!(
                "{}: {lines} lines outside #[cfg(test)] (limit {MAX_FILE_LINES})",
                s.rel
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "rule: no source file over {MAX_FILE_LINES} lines outside tests (see \
         ARCHITECTURE.md); split it into files by what the code does:\n{}",
        bad.join("\n")
    );
}

/// The reader itself, on small cases: the rules are only as true as it is.
#[test]
fn the_reader_sees_what_it_should() {
    let text = "//! doc crate::report::x\nuse crate::{graph::Csr, model::{self, Dataset}};\n\
                fn a() -> &'static str { \"crate::cli::y }\" }\n\
                fn b(x: [u8; 2]) { let c = '{'; let _ = super::super::render::z(); }\n\
                #[cfg(test)]\nmod tests { use crate::cli; fn long() {} }\n";
    let mut code = blank_comments_and_literals(text);
    let test_lines = blank_test_items(&mut code);
    let src = Source {
        rel: "src/metrics/x.rs".into(),
        module: vec!["metrics".into(), "x".into()],
        code,
        test_lines,
        lines: text.lines().count(),
    };
    let seen: Vec<String> = imports(&src).iter().map(|i| i.path.join("::")).collect();
    assert_eq!(seen, ["graph::Csr", "model", "model::Dataset", "render::z"]);
    let fns: Vec<(String, usize, usize)> = functions(&src);
    assert_eq!(fns, [("a".to_string(), 3, 1), ("b".to_string(), 4, 1)]);
    assert_eq!(src.test_lines, BTreeSet::from([5, 6]));
}
