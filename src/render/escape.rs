//! Escaping text from data before it enters DOT.
//!
//! graphviz-rust prints identifiers verbatim, so a city named `evil", image="/etc/passwd`
//! would become a real Graphviz attribute. citynet never puts data into node ids (they are
//! generated: `n0`, `n1`...) and passes every name through [`quoted`] (a DOT double-quoted
//! string, with Graphviz's own label escapes `\N`, `\G`, `\l`... neutralised by doubling the
//! backslash) or [`xml`] (for HTML-like labels).

use graphviz_rust::dot_structures::{Attribute, Id};

/// A DOT quoted-string id holding `text` literally.
pub fn quoted(text: &str) -> Id {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for ch in text.chars() {
        match ch {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' | '\r' | '\t' => s.push(' '),
            c if c.is_control() => {}
            c => s.push(c),
        }
    }
    s.push('"');
    Id::Escaped(s)
}

/// Like [`quoted`], for text of any length: Graphviz's lexer rejects a quoted string longer
/// than 16,384 bytes, so long text is written as DOT's concatenation of quoted strings
/// (`"part" + "part"`), each at most 8,000 bytes.
pub fn quoted_long(text: &str) -> Id {
    const CHUNK: usize = 8000;
    if text.len() <= CHUNK {
        return quoted(text);
    }
    let mut parts = vec![];
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + CHUNK).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let Id::Escaped(p) = quoted(&text[start..end]) else {
            unreachable!()
        };
        parts.push(p);
        start = end;
    }
    Id::Escaped(parts.join(" + "))
}

/// `text` escaped for an HTML-like label (XML character escapes; control characters dropped;
/// backslashes doubled, because Graphviz expands `\N`, `\G`... even inside HTML-like labels,
/// and even when the backslash is written as `&#92;`).
pub fn xml(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => s.push_str("\\\\"),
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            '\n' | '\r' | '\t' => s.push(' '),
            c if c.is_control() => {}
            c => s.push(c),
        }
    }
    s
}

/// An HTML-like label id from markup built with [`xml`]-escaped text.
pub fn html(markup: &str) -> Id {
    Id::Html(format!("<{markup}>"))
}

/// A quoted tooltip. Graphviz expands escapes in tooltips twice, so a doubled backslash still
/// becomes `\N` (the node's name); backslashes are therefore shown as `∖` (U+2216).
pub fn tooltip(text: &str) -> Id {
    quoted(&text.replace('\\', "\u{2216}"))
}

/// A plain (unquoted) id: only for values citynet itself generates (numbers, keywords, `n12`).
pub fn plain(s: impl Into<String>) -> Id {
    let s = s.into();
    debug_assert!(
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'),
        "plain id with unsafe characters: {s}"
    );
    Id::Plain(s)
}

/// `key=value` with a generated key and a quoted value.
pub fn attr(key: &str, value: &str) -> Attribute {
    Attribute(plain(key), quoted(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_stay_inside_their_string() {
        let Id::Escaped(s) = quoted("evil\", image=\"/etc/passwd") else {
            panic!()
        };
        assert_eq!(s, "\"evil\\\", image=\\\"/etc/passwd\"");
        let Id::Escaped(s) = quoted("a\\N\nb") else {
            panic!()
        };
        assert_eq!(s, "\"a\\\\N b\"");
        assert_eq!(xml("<b>&\"x'"), "&lt;b&gt;&amp;&quot;x&#39;");
        assert_eq!(xml("\\N"), "\\\\N");
        let Id::Escaped(s) = tooltip("a\\N") else {
            panic!()
        };
        assert_eq!(s, "\"a\u{2216}N\"");
        let long = "ab\"".repeat(5000);
        let Id::Escaped(s) = quoted_long(&long) else {
            panic!()
        };
        assert!(s.contains("\" + \""));
        assert_eq!(s.matches("\\\"").count(), 5000);
    }
}
