//! City identity: a city is its (name, country) pair, compared after normalisation.
//!
//! Normalisation: surrounding white space dropped, inner runs of white space folded to one
//! space, Unicode NFC, lower case. So `" São  Paulo"` and `"SÃO PAULO"` (NFC or NFD) are the
//! same key. Names that differ only by accents ("Medellin", "Medellín") are a separate, weaker
//! match, used only when it is unambiguous (see [`crate::model::load()`]).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The comparison key of a name or country.
pub fn key(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// The key with accents removed (NFD, combining marks dropped): "Medellín" → "medellin".
pub fn folded(s: &str) -> String {
    let k = key(s);
    k.nfd().filter(|c| !is_combining_mark(*c)).nfc().collect()
}

/// The display form of a name: trimmed, inner white space folded, NFC.
pub fn display(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_space_and_normal_form() {
        assert_eq!(key("  São   Paulo "), "são paulo");
        assert_eq!(key("SA\u{303}O PAULO"), "são paulo");
        assert_eq!(folded("Medellín"), "medellin");
        assert_eq!(folded("MEDELLIN"), "medellin");
        assert_ne!(key("Medellín"), key("Medellin"));
        assert_eq!(display(" New  York "), "New York");
    }
}
