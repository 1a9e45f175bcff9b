//! Reading any input in bounded memory: chunks cut where no mention can
//! span.
//!
//! A [`Chunker`] reads a [`Read`] and hands out chunks of about
//! [`ChunkOptions::target`] bytes. It cuts right after a blank line (a line
//! break, optional spaces, another line break) — mentions never span one, so
//! scanning chunk by chunk with one [`DocContext`](super::DocContext) gives
//! the same mentions as scanning the whole input. It prefers the last blank
//! line in the second half of the target size, then the first one after it;
//! if none comes before [`ChunkOptions::max`] bytes (2 MiB by default: text
//! written one paragraph a line has no blank lines at all), it cuts at the
//! last line break after a sentence end, else the last line break, else the
//! last space or tab, else at a character boundary (a gigantic token is cut,
//! and passed through untouched either way). Such a forced cut acts like a
//! paragraph break for the scanner.
//!
//! ```
//! use canonym::scan::{ChunkOptions, Chunker};
//! let text = "one\n\ntwo\n\nthree";
//! let mut c = Chunker::new(text.as_bytes(), ChunkOptions { target: 4, max: 64 });
//! let mut parts = Vec::new();
//! while let Some(chunk) = c.next_chunk().unwrap() {
//!     parts.push(String::from_utf8(chunk).unwrap());
//! }
//! assert_eq!(parts.concat(), text);
//! assert_eq!(parts, ["one\n\n", "two\n\n", "three"]);
//! ```

use std::io::{self, Read};

/// Chunk sizes.
#[derive(Clone, Copy, Debug)]
pub struct ChunkOptions {
    /// Preferred chunk size in bytes.
    pub target: usize,
    /// Hard maximum chunk size in bytes (at least `target`).
    pub max: usize,
}

impl Default for ChunkOptions {
    fn default() -> Self {
        ChunkOptions {
            target: 1 << 20,
            max: 2 << 20,
        }
    }
}

/// Splits a reader into chunks at safe boundaries.
pub struct Chunker<R> {
    reader: R,
    buf: Vec<u8>,
    eof: bool,
    opts: ChunkOptions,
    /// How far `buf` has been searched for a blank line.
    searched: usize,
}

impl<R: Read> Chunker<R> {
    /// A chunker over `reader`.
    pub fn new(reader: R, opts: ChunkOptions) -> Chunker<R> {
        let target = opts.target.max(1);
        Chunker {
            reader,
            buf: Vec::new(),
            eof: false,
            opts: ChunkOptions {
                target,
                max: opts.max.max(target),
            },
            searched: 0,
        }
    }

    fn fill_to(&mut self, want: usize) -> io::Result<()> {
        while self.buf.len() < want && !self.eof {
            let old = self.buf.len();
            let grow = (want - old).clamp(8 << 10, 1 << 20);
            self.buf.resize(old + grow, 0);
            let n = loop {
                match self.reader.read(&mut self.buf[old..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.buf.truncate(old);
                        return Err(e);
                    }
                }
            };
            self.buf.truncate(old + n);
            if n == 0 {
                self.eof = true;
            }
        }
        Ok(())
    }

    /// The next chunk, or `None` at the end of the input.
    pub fn next_chunk(&mut self) -> io::Result<Option<Vec<u8>>> {
        let ChunkOptions { target, max } = self.opts;
        self.fill_to(target)?;
        if self.buf.is_empty() {
            return Ok(None);
        }
        let cut = if self.eof && self.buf.len() <= target {
            self.buf.len()
        } else if let Some(c) = last_blank_end(&self.buf[..self.buf.len().min(target)], target / 2)
        {
            c
        } else {
            // Search forward for the first blank line, up to `max`.
            let mut found = None;
            let mut from = (target / 2).max(self.searched.saturating_sub(4));
            loop {
                let end = self.buf.len().min(max);
                if let Some(c) = first_blank_end(&self.buf[..end], from) {
                    found = Some(c);
                    break;
                }
                if end >= max || self.eof {
                    break;
                }
                from = end.saturating_sub(4);
                self.searched = end;
                let want = (self.buf.len() * 2).min(max);
                self.fill_to(want.max(self.buf.len() + 1))?;
            }
            match found {
                Some(c) => c,
                None if self.eof && self.buf.len() <= max => self.buf.len(),
                None => forced_cut(&self.buf, max),
            }
        };
        self.searched = 0;
        let rest = self.buf.split_off(cut);
        let chunk = std::mem::replace(&mut self.buf, rest);
        Ok(Some(chunk))
    }
}

impl<R: Read> Iterator for Chunker<R> {
    type Item = io::Result<Vec<u8>>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_chunk().transpose()
    }
}

/// End of a blank line starting with the `\n` at `i`, if it is one.
fn blank_at(b: &[u8], i: usize) -> Option<usize> {
    if b[i] != b'\n' {
        return None;
    }
    let mut j = i + 1;
    while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
        j += 1;
    }
    (j < b.len() && b[j] == b'\n').then_some(j + 1)
}

/// End of the last blank line starting at or after `min`.
fn last_blank_end(b: &[u8], min: usize) -> Option<usize> {
    let tail = b.get(min..)?;
    memchr::memrchr_iter(b'\n', tail).find_map(|i| blank_at(b, min + i))
}

/// End of the first blank line starting at or after `from`.
fn first_blank_end(b: &[u8], from: usize) -> Option<usize> {
    let tail = b.get(from..)?;
    memchr::memchr_iter(b'\n', tail).find_map(|i| blank_at(b, from + i))
}

/// A cut within the first `max` bytes of `b` (which holds more): after the
/// last line break, else after the last space or tab, else at a UTF-8
/// character boundary.
fn forced_cut(b: &[u8], max: usize) -> usize {
    let max = max.min(b.len());
    let half = max / 2;
    // A line that ends a sentence (text written one paragraph a line): the
    // scanner lets no name run across that gap anyway.
    let ends_sentence = |nl: usize| {
        b[..nl]
            .iter()
            .rev()
            .find(|&&x| !matches!(x, b' ' | b'\t' | b'\r' | b'"' | b'\'' | b')'))
            .is_some_and(|&x| matches!(x, b'.' | b'!' | b'?'))
    };
    let mut end = max;
    while let Some(p) = b[half..end].iter().rposition(|&x| x == b'\n') {
        if ends_sentence(half + p) {
            return half + p + 1;
        }
        end = half + p;
    }
    if let Some(p) = b[half..max].iter().rposition(|&x| x == b'\n') {
        return half + p + 1;
    }
    if let Some(p) = b[half..max].iter().rposition(|&x| x == b' ' || x == b'\t') {
        return half + p + 1;
    }
    // Do not start the next chunk with a continuation byte (at most 3 back).
    let mut cut = max;
    let mut back = 0;
    while cut > 1 && back < 3 && cut < b.len() && b[cut] & 0xC0 == 0x80 {
        cut -= 1;
        back += 1;
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(text: &[u8], target: usize, max: usize) -> Vec<Vec<u8>> {
        Chunker::new(text, ChunkOptions { target, max })
            .map(|c| c.unwrap())
            .collect()
    }

    #[test]
    fn concatenation_is_the_input() {
        let text = "a b c\n\nd e\nf\n\n\ng h i j k l m n o p".repeat(50);
        for target in [1, 3, 7, 16, 100, 10_000] {
            for max in [target, target * 4, 1 << 20] {
                let parts = chunks(text.as_bytes(), target, max);
                assert_eq!(parts.concat(), text.as_bytes(), "{target} {max}");
            }
        }
    }

    /// The blank-line searches agree with a byte-by-byte scan.
    #[test]
    fn blank_searches_equal_byte_scans() {
        let alphabet = b"a \n\n \t\r.x";
        let mut x = 99u64;
        for _ in 0..3000 {
            let mut text = Vec::new();
            for _ in 0..(x % 40) {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push(alphabet[(x >> 33) as usize % alphabet.len()]);
            }
            for at in 0..text.len() + 2 {
                let last = (at..text.len()).rev().find_map(|i| blank_at(&text, i));
                let first = (at..text.len()).find_map(|i| blank_at(&text, i));
                assert_eq!(last_blank_end(&text, at), last, "{text:?} {at}");
                assert_eq!(first_blank_end(&text, at), first, "{text:?} {at}");
            }
        }
    }

    #[test]
    fn no_newline_and_giant_token() {
        let text = "word ".repeat(1000);
        let parts = chunks(text.as_bytes(), 64, 128);
        assert!(parts.iter().all(|p| p.len() <= 128));
        assert_eq!(parts.concat(), text.as_bytes());
        let giant = "é".repeat(500);
        let parts = chunks(giant.as_bytes(), 64, 101);
        assert!(parts.iter().all(|p| std::str::from_utf8(p).is_ok()));
        assert_eq!(parts.concat(), giant.as_bytes());
    }
}
