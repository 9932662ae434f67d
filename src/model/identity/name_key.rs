//! Name keys: a city is its (name, country) pair, compared after normalisation of both.
//!
//! Normalisation: surrounding white space dropped, inner runs of white space folded to one
//! space, Unicode NFC, letters that are one letter written two ways folded together (see
//! [`same_letter`]: Romanian ș/ş, ț/ţ), lower case. So `" São  Paulo"` and `"SÃO PAULO"` (NFC
//! or NFD) are the same key, and so are `Brașov` and `Braşov`. Names that differ only by accents ("Medellin", "Medellín") are a separate, weaker
//! match, used only when it is unambiguous (see [`crate::model::load()`]).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The comparison key of a name or country.
pub fn key(s: &str) -> String {
    if s.is_ascii() {
        // Plain ASCII is its own NFC and has no letter to fold: only space and case.
        let mut out = String::with_capacity(s.len());
        for word in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        }
        return out;
    }
    let mut nfc: String = s.nfc().map(same_letter).collect();
    if nfc.contains('\u{0327}') {
        // A combining comma below turned cedilla may now compose (k + U+0327 → ķ).
        nfc = nfc.nfc().collect();
    }
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// One spelling for letters written two ways: s and t with a comma below (ș ț, Romanian since
/// Unicode 3.0) and with a cedilla (ş ţ, what older fonts and keyboards produce), and any
/// combining comma below (U+0326) written as a combining cedilla (U+0327). Applied after NFC.
pub fn same_letter(c: char) -> char {
    match c {
        '\u{0219}' => '\u{015F}', // ș → ş
        '\u{0218}' => '\u{015E}', // Ș → Ş
        '\u{021B}' => '\u{0163}', // ț → ţ
        '\u{021A}' => '\u{0162}', // Ț → Ţ
        '\u{0326}' => '\u{0327}', // combining comma below → combining cedilla
        _ => c,
    }
}

/// The key with accents removed (NFD, combining marks dropped): "Medellín" → "medellin".
pub fn folded(s: &str) -> String {
    fold_key(&key(s))
}

/// [`folded`] of a name whose [`key`] is `k` (`folded(s) == fold_key(&key(s))`), for callers
/// that have the key already.
pub fn fold_key(k: &str) -> String {
    if k.is_ascii() {
        return k.to_string();
    }
    k.nfd().filter(|c| !is_combining_mark(*c)).nfc().collect()
}

/// The display form of a name: trimmed, inner white space folded, NFC.
pub fn display(s: &str) -> String {
    if s.is_ascii() {
        let mut out = String::with_capacity(s.len());
        for word in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        return out;
    }
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

    #[test]
    fn comma_below_and_cedilla_are_one_letter() {
        // Brașov written with s-comma (U+0219), s-cedilla (U+015F) and decomposed forms.
        let forms = [
            "Bra\u{0219}ov",
            "Bra\u{015F}ov",
            "Bras\u{0326}ov",
            "Bras\u{0327}ov",
            "BRA\u{0218}OV",
        ];
        for f in forms {
            assert_eq!(key(f), key("Braşov"), "{f}");
        }
        assert_eq!(key("Timi\u{0219}oara"), key("Timi\u{015F}oara"));
        assert_eq!(key("Constan\u{021B}a"), key("Constan\u{0163}a"));
        assert_eq!(key("Liepa\u{0137}i"), key("Liepak\u{0326}i"));
        assert_eq!(folded("Bra\u{0219}ov"), "brasov");
        // Display keeps the spelling as written.
        assert_eq!(display("Bra\u{0219}ov"), "Bra\u{0219}ov");
        // Other accents are not folded by the key.
        assert_ne!(key("Medellín"), key("Medellin"));
    }

    /// The ASCII shortcut gives what the general path gives: every ASCII white-space
    /// character (including vertical tab and form feed) separates words, case folds.
    #[test]
    fn ascii_names_take_the_short_path_to_the_same_result() {
        let slow_key = |s: &str| {
            let nfc: String = s.nfc().collect();
            nfc.split_whitespace()
                .map(|w| w.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let slow_display = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        for s in [
            "",
            "   ",
            "n000001",
            " New\t York\r\n",
            "A\u{0B}B\u{0C}C",
            "SAINT-\u{1F}ETIENNE",
            "x  Y  z",
        ] {
            assert_eq!(key(s), slow_key(s), "{s:?}");
            assert_eq!(folded(s), slow_key(s), "{s:?}");
            assert_eq!(display(s), slow_display(s), "{s:?}");
        }
    }
}
