//! A small, forgiving HTML parser building an arena tree.
//!
//! It is not a full HTML5 tree builder: it keeps what text extraction needs (elements,
//! attributes, text, implied end tags for `p`, `li`, table cells and the like) and is
//! built to be fast and safe on hostile input. Nodes are stored in document order, so a
//! parent always has a smaller index than its children: bottom-up computations are a
//! reverse loop and no traversal ever recurses. Nesting deeper than [`MAX_DEPTH`] is
//! flattened (with a flag the caller turns into a warning) so that pathological pages
//! cost linear time.

use std::borrow::Cow;

/// Deepest element nesting kept as a tree; deeper elements are attached to the
/// element open at this depth. Real pages stay well below a hundred levels.
pub const MAX_DEPTH: usize = 512;

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// Marks "no node" in the sibling/child links.
pub const NONE: NodeId = u32::MAX;

#[derive(Debug, Clone)]
pub struct Attribute {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub enum NodeData {
    Document,
    Element {
        /// Lower-cased tag name.
        tag: String,
        attributes: Vec<Attribute>,
    },
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
    pub data: NodeData,
}

impl Node {
    pub fn tag(&self) -> Option<&str> {
        match &self.data {
            NodeData::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        match &self.data {
            NodeData::Element { attributes, .. } => {
                attributes.iter().find(|a| a.name == name).map(|a| a.value.as_str())
            }
            _ => None,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match &self.data {
            NodeData::Text(text) => Some(text),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// True when nesting beyond [`MAX_DEPTH`] was flattened.
    pub depth_capped: bool,
}

impl Dom {
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// Children of `id`, in document order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.node(id).map_or(NONE, |n| n.first_child),
        }
    }

    /// All nodes of the subtree rooted at `id` (itself included), in document order.
    /// Because nodes are stored in document order, a subtree is a contiguous index range.
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        // The subtree ends where the next sibling of `id` or of one of its ancestors starts.
        let mut current = id;
        while let Some(node) = self.node(current) {
            if node.next_sibling != NONE {
                return node.next_sibling;
            }
            current = node.parent;
        }
        self.nodes.len() as NodeId
    }

    /// Concatenated text of the subtree, without any block structure.
    pub fn text_content(&self, id: NodeId) -> String {
        let end = self.subtree_end(id);
        let mut out = String::new();
        for index in id..end {
            if let Some(text) = self.node(index).and_then(Node::text) {
                out.push_str(text);
            }
        }
        out
    }

    pub fn elements(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| matches!(n.data, NodeData::Element { .. }))
            .map(|(i, n)| (i as NodeId, n))
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl<'a> Iterator for Children<'a> {
    type Item = (NodeId, &'a Node);
    fn next(&mut self) -> Option<Self::Item> {
        let id = self.next;
        let node = self.dom.node(id)?;
        self.next = node.next_sibling;
        Some((id, node))
    }
}

fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "frame"
    )
}

/// Elements whose content is raw text up to the matching end tag.
fn is_raw_text(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "plaintext"
    )
}

/// Start tags that close an open `p` (HTML's "close a p element" rule).
fn closes_paragraph(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "li"
            | "dd"
            | "dt"
    )
}

/// Elements that bound the search for an element to close implicitly.
fn is_scope_boundary(tag: &str) -> bool {
    matches!(
        tag,
        "html" | "table" | "td" | "th" | "caption" | "button" | "object" | "template"
    )
}

struct Builder {
    nodes: Vec<Node>,
    /// Open elements; index 0 is the document.
    stack: Vec<NodeId>,
    /// Elements opened while the stack was full: they are attached but not pushed,
    /// and their end tags are swallowed.
    overflow: usize,
    depth_capped: bool,
    /// Open `p` elements: most start tags check for one, and the count spares the
    /// stack walk when there is none.
    open_paragraphs: usize,
    /// Whether `html`, `head` and `body` were already opened: repeats are ignored.
    seen_document_tags: [bool; 3],
}

impl Builder {
    fn new(capacity: usize) -> Self {
        let mut nodes = Vec::with_capacity(capacity);
        nodes.push(Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data: NodeData::Document,
        });
        Builder {
            nodes,
            stack: vec![0],
            overflow: 0,
            depth_capped: false,
            seen_document_tags: [false; 3],
            open_paragraphs: 0,
        }
    }

    fn current(&self) -> NodeId {
        self.stack.last().copied().unwrap_or(0)
    }

    fn tag_of(&self, id: NodeId) -> &str {
        self.nodes.get(id as usize).and_then(Node::tag).unwrap_or("")
    }

    fn append(&mut self, data: NodeData) -> NodeId {
        let parent = self.current();
        let id = self.nodes.len() as NodeId;
        let previous_last = self.nodes.get(parent as usize).map_or(NONE, |p| p.last_child);
        self.nodes.push(Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data,
        });
        if let Some(previous) = self.nodes.get_mut(previous_last as usize) {
            previous.next_sibling = id;
        }
        if let Some(parent_node) = self.nodes.get_mut(parent as usize) {
            if parent_node.first_child == NONE {
                parent_node.first_child = id;
            }
            parent_node.last_child = id;
        }
        id
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let parent = self.current();
        let last = self.nodes.get(parent as usize).map_or(NONE, |p| p.last_child);
        if let Some(Node {
            data: NodeData::Text(existing),
            ..
        }) = self.nodes.get_mut(last as usize)
        {
            existing.push_str(text);
            return;
        }
        self.append(NodeData::Text(text.to_string()));
    }

    /// Position in the stack of the nearest open `tag`, not crossing a scope boundary
    /// (unless `tag` is itself such a boundary) nor any of `stop_at`.
    fn find_open(&self, tag: &str, stop_at: &[&str]) -> Option<usize> {
        for position in (1..self.stack.len()).rev() {
            let open = self.tag_of(self.stack[position]);
            if open == tag {
                return Some(position);
            }
            if is_scope_boundary(open) || stop_at.contains(&open) {
                return None;
            }
        }
        None
    }

    fn close_to(&mut self, position: usize) {
        let keep = position.max(1);
        if self.open_paragraphs > 0 {
            let closed = self
                .stack
                .get(keep..)
                .unwrap_or(&[])
                .iter()
                .filter(|&&id| self.tag_of(id) == "p")
                .count();
            self.open_paragraphs -= closed.min(self.open_paragraphs);
        }
        self.stack.truncate(keep);
    }

    fn start_tag(&mut self, tag: String, attributes: Vec<Attribute>, self_closing: bool) {
        // Implied end tags, the handful that matter for text structure.
        if self.open_paragraphs > 0 && closes_paragraph(&tag) {
            if let Some(position) = self.find_open("p", &[]) {
                self.close_to(position);
            }
        }
        match tag.as_str() {
            "li" => {
                if let Some(position) = self.find_open("li", &["ul", "ol", "menu"]) {
                    self.close_to(position);
                }
            }
            "dt" | "dd" => {
                for other in ["dt", "dd"] {
                    if let Some(position) = self.find_open(other, &["dl"]) {
                        self.close_to(position);
                    }
                }
            }
            "option" => {
                if let Some(position) = self.find_open("option", &["select"]) {
                    self.close_to(position);
                }
            }
            "tr" => {
                for other in ["td", "th", "tr"] {
                    if let Some(position) = self.find_open_in_table(other) {
                        self.close_to(position);
                    }
                }
            }
            "td" | "th" => {
                for other in ["td", "th"] {
                    if let Some(position) = self.find_open_in_table(other) {
                        self.close_to(position);
                    }
                }
            }
            "html" | "head" | "body" => {
                // Repeated document-level tags are common in scraped pages; one is enough.
                let slot = match tag.as_str() {
                    "html" => 0,
                    "head" => 1,
                    _ => 2,
                };
                if self.seen_document_tags[slot] {
                    return;
                }
                self.seen_document_tags[slot] = true;
                if slot == 2 {
                    if let Some(position) = self.find_open("head", &[]) {
                        self.close_to(position);
                    }
                }
            }
            _ => {}
        }
        let void = is_void(&tag) || self_closing;
        let is_paragraph = tag == "p";
        let id = self.append(NodeData::Element { tag, attributes });
        if void {
            return;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.depth_capped = true;
            self.overflow += 1;
            return;
        }
        self.stack.push(id);
        if is_paragraph {
            self.open_paragraphs += 1;
        }
    }

    /// Like [`Self::find_open`] for table parts: stops at the nearest `table`.
    fn find_open_in_table(&self, tag: &str) -> Option<usize> {
        for position in (1..self.stack.len()).rev() {
            let open = self.tag_of(self.stack[position]);
            if open == tag {
                return Some(position);
            }
            if open == "table" || open == "html" {
                return None;
            }
        }
        None
    }

    fn end_tag(&mut self, tag: &str) {
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        // Content after `</body>` or `</html>` still belongs to the body, as in browsers.
        if matches!(tag, "html" | "body") {
            return;
        }
        for position in (1..self.stack.len()).rev() {
            let open = self.tag_of(self.stack[position]);
            if open == tag {
                self.close_to(position);
                return;
            }
            // An end tag never closes a table or cell it is not part of.
            if matches!(open, "table" | "td" | "th") && !matches!(tag, "tr" | "tbody" | "thead") {
                return;
            }
        }
    }
}

fn decode(text: &str) -> Cow<'_, str> {
    if text.contains('&') {
        html_escape::decode_html_entities(text)
    } else {
        Cow::Borrowed(text)
    }
}

fn is_name_end(byte: u8) -> bool {
    byte.is_ascii_whitespace() || byte == b'>' || byte == b'/'
}

/// Parses `html` into a [`Dom`]. Never fails: whatever is not markup is text.
pub fn parse(html: &str) -> Dom {
    let bytes = html.as_bytes();
    let mut builder = Builder::new(html.len() / 40 + 16);
    let mut position = 0usize;
    while position < bytes.len() {
        let Some(offset) = memchr::memchr(b'<', &bytes[position..]) else {
            builder.text(&decode(&html[position..]));
            break;
        };
        let tag_start = position + offset;
        if tag_start > position {
            builder.text(&decode(&html[position..tag_start]));
        }
        position = parse_markup(html, tag_start, &mut builder);
    }
    Dom {
        nodes: builder.nodes,
        depth_capped: builder.depth_capped,
    }
}

/// Handles the markup starting at `start` (a `<`); returns where parsing resumes.
fn parse_markup(html: &str, start: usize, builder: &mut Builder) -> usize {
    let bytes = html.as_bytes();
    let rest = &bytes[start..];
    if rest.starts_with(b"<!--") {
        return match memchr::memmem::find(&rest[4..], b"-->") {
            Some(end) => start + 4 + end + 3,
            None => bytes.len(),
        };
    }
    let next = rest.get(1).copied().unwrap_or(0);
    if next == b'!' || next == b'?' {
        return match memchr::memchr(b'>', rest) {
            Some(end) => start + end + 1,
            None => bytes.len(),
        };
    }
    if next == b'/' {
        let name_start = start + 2;
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // `</>` or `</ junk>`: a bogus comment in HTML; skip it.
            return match memchr::memchr(b'>', rest) {
                Some(end) => start + end + 1,
                None => bytes.len(),
            };
        }
        let mut name_end = name_start;
        while name_end < bytes.len() && !is_name_end(bytes[name_end]) {
            name_end += 1;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        builder.end_tag(&name);
        return match memchr::memchr(b'>', &bytes[name_end..]) {
            Some(end) => name_end + end + 1,
            None => bytes.len(),
        };
    }
    if !next.is_ascii_alphabetic() {
        builder.text("<");
        return start + 1;
    }
    let (tag, attributes, self_closing, after) = parse_start_tag(html, start + 1);
    if is_raw_text(&tag) && !self_closing {
        let (content, resume) = raw_text(html, after, &tag);
        let decoded = matches!(tag.as_str(), "title" | "textarea");
        builder.start_tag(tag.clone(), attributes, false);
        if decoded {
            builder.text(&decode(content));
        } else {
            builder.text(content);
        }
        builder.end_tag(&tag);
        return resume;
    }
    builder.start_tag(tag, attributes, self_closing);
    after
}

/// Content of a raw-text element starting at `from`, and where parsing resumes after
/// its end tag.
fn raw_text<'a>(html: &'a str, from: usize, tag: &str) -> (&'a str, usize) {
    let bytes = html.as_bytes();
    let mut search = from;
    while let Some(offset) = memchr::memmem::find(&bytes[search..], b"</") {
        let candidate = search + offset;
        let name_start = candidate + 2;
        let name_end = name_start + tag.len();
        let matches_name = bytes
            .get(name_start..name_end)
            .is_some_and(|name| name.eq_ignore_ascii_case(tag.as_bytes()))
            && bytes.get(name_end).is_none_or(|&b| is_name_end(b));
        if matches_name {
            let resume = match memchr::memchr(b'>', &bytes[name_end..]) {
                Some(end) => name_end + end + 1,
                None => bytes.len(),
            };
            return (html.get(from..candidate).unwrap_or(""), resume);
        }
        search = name_start;
    }
    (html.get(from..).unwrap_or(""), bytes.len())
}

/// Attributes the extractor reads; the others (`src`, `data-*`, event handlers...) are
/// skipped at parse time, which spares most allocations. `href` only matters on `<link>`.
fn is_kept_attribute(name: &str, tag: &str) -> bool {
    const KEPT: &[&str] = &[
        "class",
        "id",
        "role",
        "itemprop",
        "hidden",
        "aria-hidden",
        "style",
        "property",
        "name",
        "content",
        "http-equiv",
        "rel",
        "lang",
        "xml:lang",
        "type",
        "datetime",
        "pubdate",
    ];
    KEPT.iter().any(|kept| kept.eq_ignore_ascii_case(name))
        || (matches!(tag, "link" | "a") && name.eq_ignore_ascii_case("href"))
}

/// Parses a start tag whose name begins at `from`; returns the tag, its attributes,
/// whether it ended with `/>`, and the position after `>`.
fn parse_start_tag(html: &str, from: usize) -> (String, Vec<Attribute>, bool, usize) {
    let bytes = html.as_bytes();
    let mut position = from;
    while position < bytes.len() && !is_name_end(bytes[position]) {
        position += 1;
    }
    let tag = html[from..position].to_ascii_lowercase();
    let mut attributes = Vec::new();
    let mut self_closing = false;
    loop {
        while position < bytes.len() && bytes[position].is_ascii_whitespace() {
            position += 1;
        }
        let Some(&byte) = bytes.get(position) else {
            return (tag, attributes, self_closing, bytes.len());
        };
        match byte {
            b'>' => return (tag, attributes, self_closing, position + 1),
            b'/' => {
                self_closing = bytes.get(position + 1) == Some(&b'>');
                position += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let name_start = position;
        while position < bytes.len()
            && !bytes[position].is_ascii_whitespace()
            && !matches!(bytes[position], b'>' | b'=' | b'/')
        {
            position += 1;
        }
        if position == name_start {
            // A stray `=`: skip it.
            position += 1;
            continue;
        }
        let name = &html[name_start..position];
        let kept = is_kept_attribute(name, &tag);
        while position < bytes.len() && bytes[position].is_ascii_whitespace() {
            position += 1;
        }
        let mut value = String::new();
        if bytes.get(position) == Some(&b'=') {
            position += 1;
            while position < bytes.len() && bytes[position].is_ascii_whitespace() {
                position += 1;
            }
            match bytes.get(position) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let value_start = position + 1;
                    let value_end =
                        memchr::memchr(quote, &bytes[value_start..]).map_or(bytes.len(), |end| value_start + end);
                    if kept {
                        value = decode(&html[value_start..value_end]).into_owned();
                    }
                    position = (value_end + 1).min(bytes.len());
                }
                Some(_) => {
                    let value_start = position;
                    while position < bytes.len() && !bytes[position].is_ascii_whitespace() && bytes[position] != b'>' {
                        position += 1;
                    }
                    if kept {
                        value = decode(&html[value_start..position]).into_owned();
                    }
                }
                None => {}
            }
        }
        // Of links, only targets on the same page (`#…`) are kept: they tell a table of
        // contents from pointers to other pages, and the rest would cost memory for nothing.
        let kept = kept && (tag != "a" || value.starts_with('#'));
        if kept {
            let name = name.to_ascii_lowercase();
            if attributes.iter().all(|a: &Attribute| a.name != name) {
                attributes.push(Attribute { name, value });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(dom: &Dom) -> String {
        let mut out = String::new();
        for (index, node) in dom.nodes.iter().enumerate().skip(1) {
            let mut depth = 0;
            let mut parent = node.parent;
            while parent != 0 && parent != NONE {
                depth += 1;
                parent = dom.nodes[parent as usize].parent;
            }
            let _ = index;
            match &node.data {
                NodeData::Element { tag, .. } => out.push_str(&format!("{}{}\n", "  ".repeat(depth), tag)),
                NodeData::Text(text) => out.push_str(&format!("{}{:?}\n", "  ".repeat(depth), text)),
                NodeData::Document => {}
            }
        }
        out
    }

    fn check(html: &str, expected: &str) {
        assert_eq!(outline(&parse(html)), expected, "for {html:?}");
    }

    #[test]
    fn implied_end_tags() {
        check(
            "<p>one<p>two<div>three</div>",
            "p\n  \"one\"\np\n  \"two\"\ndiv\n  \"three\"\n",
        );
        check("<ul><li>a<li>b</ul>", "ul\n  li\n    \"a\"\n  li\n    \"b\"\n");
    }

    #[test]
    fn raw_text_and_entities() {
        check(
            "<script>if (a<b) x='</p>'</script><p>caf&eacute; &amp; th&#233;</p>",
            "script\n  \"if (a<b) x='</p>'\"\np\n  \"café & thé\"\n",
        );
        check("<title>A &amp; B</title>", "title\n  \"A & B\"\n");
    }

    #[test]
    fn attributes_and_stray_end_tags() {
        let dom = parse("<div class=\"a b\" id=x data-v='1'>t</span></div>");
        let div = &dom.nodes[1];
        assert_eq!(div.attr("class"), Some("a b"));
        assert_eq!(div.attr("id"), Some("x"));
        assert_eq!(
            div.attr("data-v"),
            None,
            "attributes the extractor never reads are dropped"
        );
        assert_eq!(dom.text_content(1), "t");
    }

    #[test]
    fn deep_nesting_is_capped() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let dom = parse(&html);
        assert!(dom.depth_capped);
        assert_eq!(dom.text_content(0), "deep");
    }
}
