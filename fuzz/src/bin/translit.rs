//! The transliterators on arbitrary text: every scheme, every variant, with
//! the first byte choosing the language hint.
use canonym::translit::{self, Scheme};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Some((&pick, rest)) = data.split_first() else {
            return;
        };
        let s = String::from_utf8_lossy(rest);
        let langs = [
            None,
            Some("ru"),
            Some("uk"),
            Some("be"),
            Some("bg"),
            Some("sr"),
            Some("mk"),
            Some("ko"),
            Some("el"),
            Some("xx"),
        ];
        let lang = langs[pick as usize % langs.len()];
        for v in translit::variants_with(&s, lang, pick & 0x80 != 0) {
            assert!(!v.text.is_empty());
        }
        let scheme = Scheme::ALL[pick as usize % Scheme::ALL.len()];
        let _ = translit::translit(&s, lang.unwrap_or(""), scheme);
        let _ = translit::translit_name(&s, lang.unwrap_or(""), scheme);
        let _ = translit::acronym_of(&s);
        let _ = translit::guess_lang(&s);
    });
}
