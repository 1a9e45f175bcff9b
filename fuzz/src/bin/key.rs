//! The matching key on arbitrary text: no panic, idempotent, no leading,
//! trailing or doubled spaces.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let s = String::from_utf8_lossy(data);
        let k = canonym::key(&s);
        assert_eq!(canonym::key(&k), k);
        assert!(!k.starts_with(' ') && !k.ends_with(' ') && !k.contains("  "));
    });
}
