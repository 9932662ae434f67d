//! Text templates: long fixed text (the report page's pieces, the bundled networks' READMEs)
//! lives in template files loaded with `include_str!`, with `{{name}}` placeholders filled in
//! one pass (a value is never read as a template, so data cannot inject a placeholder).

/// Fills the `{{name}}` placeholders of `template` with `values`, keeping every other byte.
///
/// # Panics
/// On a placeholder without a value: a bug in the template or its caller, caught by tests.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            out.push_str(&rest[open..]);
            return out;
        };
        let key = &after[..close];
        match values.iter().find(|(k, _)| *k == key) {
            Some((_, v)) => out.push_str(v),
            None => panic!("template placeholder {{{{{key}}}}} has no value"),
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

/// [`fill`] for a one-line piece of a page: the template file's final newline is dropped.
pub fn fill_line(template: &str, values: &[(&str, &str)]) -> String {
    fill(template.strip_suffix('\n').unwrap_or(template), values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_once() {
        let t = "a {{x}} b {{y}}{{x}}\n";
        let out = fill(t, &[("x", "{{y}}"), ("y", "2")]);
        assert_eq!(out, "a {{y}} b 2{{y}}\n");
        assert_eq!(fill_line(t, &[("x", "1"), ("y", "2")]), "a 1 b 21");
        assert_eq!(fill("no {{ end", &[]), "no {{ end");
    }

    #[test]
    #[should_panic(expected = "has no value")]
    fn a_missing_value_is_a_bug() {
        fill("{{missing}}", &[]);
    }
}
