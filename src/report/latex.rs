//! LaTeX text escaping.

/// Escapes `text` for LaTeX body text: the ten special characters `& % $ # _ { } ~ ^ \` and
/// `< > |` (which the default OT1 font encoding would print as other glyphs) become commands;
/// line breaks and tabs become spaces; other control characters are dropped. Non-ASCII letters
/// are kept as UTF-8 (pdfLaTeX reads UTF-8 by default since 2018; accented Latin letters
/// compile, scripts such as CJK need XeLaTeX or LuaLaTeX).
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                s.push('\\');
                s.push(ch);
            }
            '~' => s.push_str("\\textasciitilde{}"),
            '^' => s.push_str("\\textasciicircum{}"),
            '\\' => s.push_str("\\textbackslash{}"),
            '<' => s.push_str("\\textless{}"),
            '>' => s.push_str("\\textgreater{}"),
            '|' => s.push_str("\\textbar{}"),
            '\n' | '\r' | '\t' => s.push(' '),
            c if c.is_control() => {}
            c => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped() {
        assert_eq!(
            escape(r"a&b%c$d#e_f{g}h~i^j\k"),
            r"a\&b\%c\$d\#e\_f\{g\}h\textasciitilde{}i\textasciicircum{}j\textbackslash{}k"
        );
        assert_eq!(
            escape("São <x>|"),
            r"São \textless{}x\textgreater{}\textbar{}"
        );
        assert_eq!(escape("a\nb\u{7}"), "a b");
    }
}
