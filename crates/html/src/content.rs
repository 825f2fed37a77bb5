//! Main-text extraction: drop boilerplate regions, find the element holding the article
//! paragraphs, render its text block by block and filter what is left.
//!
//! Every pass is a linear loop over the node arena (nodes are in document order, so a
//! parent is always visited before its children and a reverse loop is bottom-up).

// Per-node facts live in parallel vectors indexed by node id; index loops over them
// read more plainly than zipped iterators of five vectors.
#![allow(clippy::needless_range_loop)]

use std::collections::HashMap;

use crate::dom::{Dom, NodeData, NodeId, NONE};
use crate::vocabulary::{normalize_line, vocabulary, Vocabulary};

/// Tags never holding article text.
fn is_always_removed(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "dialog"
            | "option"
            | "label"
            | "map"
            | "noembed"
            | "noframes"
            | "xmp"
    )
}

/// Tags usually holding boilerplate, unless they wrap most of the page's paragraphs.
fn is_boilerplate_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav" | "aside" | "footer" | "header" | "form" | "figure" | "figcaption" | "menu"
    )
}

/// Tags that start a new block of text.
pub(crate) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "address"
            | "hr"
            | "center"
            | "details"
            | "summary"
            | "body"
            | "html"
            | "hgroup"
            | "menu"
            | "dialog"
            | "legend"
    )
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Blocks at least this long (in non-space characters), with few links, count as
/// article paragraphs when looking for the main container.
const MIN_PARAGRAPH_CHARS: u32 = 60;
/// Share of link text above which a block is navigation rather than prose.
const MAX_PARAGRAPH_LINK_SHARE: f32 = 0.3;
/// Share of a paragraph's length credited to its parent, grandparent and so on.
const ANCESTOR_WEIGHTS: [f32; 5] = [1.0, 0.5, 0.17, 0.11, 0.08];
/// Score multiplier for elements named like an article body.
const CONTENT_BOOST: f32 = 1.25;
/// How many ancestors of the winner are considered for a wider container.
const MAX_CLIMB: usize = 3;
/// A wider container must add at least this share of the winner's paragraph text...
const CLIMB_MIN_GAIN: f32 = 0.25;
/// ...and no more than this many linked headings (teasers of other articles).
const MAX_CLIMB_TEASERS: u32 = 1;
/// A wider container must add this many paragraph characters per noise character.
const CLIMB_RATIO: f32 = 4.0;
/// A paragraph that is only a link this short is kept (`Get it on Amazon for $39`,
/// `[ Wired ]`); longer ones are headlines of other articles.
const MAX_CALL_TO_ACTION_CHARS: u32 = 30;
/// A block inside the article with this many linked headings lists other articles.
const MAX_INLINE_TEASERS: u32 = 2;
/// A sibling of the winner scoring at least this share of it is part of the article.
const SIBLING_SHARE: f32 = 0.2;
/// A sibling holding this much paragraph text with few links is part of the article.
const SIBLING_PARAGRAPH_CHARS: f32 = 80.0;
/// An element holding more than this share of the page's paragraph text is never
/// dropped as boilerplate, whatever its name says.
const PROTECTED_SHARE: f32 = 0.4;
/// The same for prose of any markup (`<br>`-separated text, list items): a higher
/// share, since comment threads are prose too.
const PROTECTED_PROSE_SHARE: f32 = 0.6;

/// The winner holding less than this share of the page's prose is widened...
const SPREAD_SHARE: f32 = 0.8;
/// ...to the nearest ancestor holding this share of it...
const SPREAD_COVER: f32 = 0.9;
/// ...when that adds at most this much other text per prose character...
const SPREAD_NOISE: f32 = 2.0;
/// ...and the ancestor's link share is at most this.
const SPREAD_LINK_SHARE: f32 = 0.35;

/// A block with linked headlines holding more than this share of the article's prose
/// is part of the article.
const TEASER_BOX_MAX_SHARE: f32 = 0.5;

/// A box whose linked headings each head this much prose or more is a hub of sections
/// (a topic page: a paragraph under each linked heading), not a list of teasers.
const TEASER_BOX_PROSE_PER_TITLE: f32 = 200.0;

/// ...and its linked headings either few or each over this much prose.
const SPREAD_PROSE_PER_TEASER: f32 = 300.0;

/// A boilerplate-named container kept for its share, holding at least this share of the
/// page's prose, is the page itself (a thread named `comments`): its repeated elements
/// may be protected together.
const WHOLE_PAGE_PROSE: f32 = 0.7;

/// The chosen blocks holding less than this share of the text left after removal...
const THIN_SHARE: f32 = 0.35;
/// ...and less than this much prose...
const THIN_MAX_PROSE: f32 = 1500.0;
/// ...on a page whose remaining text is at most this share links...
const THIN_LINK_SHARE: f32 = 0.4;
/// ...widen to the nearest container holding this share of that text.
const THIN_COVER: f32 = 0.6;

/// A list item mostly made of a link is kept in the article from this many non-space
/// characters on (a reading list entry); shorter ones are menus.
const MIN_LISTED_LINK_CHARS: u32 = 70;

/// Consecutive rendered blocks all seen before, together this long (non-space
/// characters), are a second copy of the content and are said once.
const MIN_REPEATED_RUN_CHARS: u32 = 250;
/// The same for copies sitting where their first copy sat (alike containers): a menu
/// repeating a note under each plan is the author's, a whole post said again is not.
const MIN_REPEATED_SAME_PLACE_CHARS: u32 = 1000;

/// A block opening with a link of at least this many characters and ending in an
/// ellipsis is a teaser of another article (its title, then its first words); a
/// paragraph opening with a linked name is not.
const MIN_TEASER_TITLE_CHARS: u32 = 20;

/// This many elements of the same tag and class are a repeated structure.
const REPEATED_MIN: usize = 3;

/// An ancestor adding at most this much other text per prose character, and no links,
/// is part of the article.
const PURE_CLIMB_NOISE: f32 = 0.05;

/// Result of the content pass.
pub struct Extracted {
    pub text: String,
    /// True when no container of article paragraphs was found and the whole page
    /// was used.
    pub used_fallback: bool,
    pub removed_blocks: usize,
}

fn class_and_id(node: &crate::dom::Node) -> String {
    let mut out = String::new();
    for name in ["class", "id"] {
        if let Some(value) = node.attr(name) {
            out.push_str(value);
            out.push(' ');
        }
    }
    out.make_ascii_lowercase();
    out
}

fn looks_hidden(node: &crate::dom::Node) -> bool {
    if node.attr("hidden").is_some() || node.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = node.attr("style") {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        if compact.contains("display:none") || compact.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// A dialog or pop-up laid over the page (`role=dialog`, `aria-modal`, named `modal`).
fn is_overlay(node: &crate::dom::Node, vocabulary: &Vocabulary) -> bool {
    if matches!(node.tag(), Some("body" | "html")) {
        return false;
    }
    if node
        .attr("role")
        .is_some_and(|role| role.eq_ignore_ascii_case("dialog") || role.eq_ignore_ascii_case("alertdialog"))
        || node.attr("aria-modal") == Some("true")
    {
        return true;
    }
    ["class", "id"].iter().any(|name| {
        node.attr(name).is_some_and(|value| {
            value
                .split(|c: char| !c.is_alphanumeric())
                .any(|token| vocabulary.overlay_tokens.contains(&token.to_ascii_lowercase()))
        })
    })
}

/// Tab panels and accordion bodies: hidden until a click, but page content.
fn is_disclosure(node: &crate::dom::Node, names: &str) -> bool {
    node.attr("role")
        .is_some_and(|role| role.eq_ignore_ascii_case("tabpanel"))
        || [
            "tabpanel",
            "tab-pane",
            "tab-panel",
            "tab-content",
            "accordion",
            "collapse",
            "faq",
        ]
        .iter()
        .any(|fragment| names.contains(fragment))
}

fn names_boilerplate(names: &str, vocabulary: &Vocabulary) -> bool {
    if names.is_empty() {
        return false;
    }
    if names
        .split(|c: char| !c.is_alphanumeric())
        .any(|token| vocabulary.boilerplate_tokens.contains(token))
    {
        return true;
    }
    vocabulary.boilerplate_fragments.is_match(names)
}

fn names_content(node: &crate::dom::Node, names: &str, vocabulary: &Vocabulary) -> bool {
    if node
        .attr("itemprop")
        .is_some_and(|v| v.eq_ignore_ascii_case("articlebody"))
    {
        return true;
    }
    vocabulary.content_fragments.is_match(names)
}

/// Characters that are not ASCII whitespace, counted on bytes (UTF-8 continuation bytes
/// skipped): this runs over every text node, so it must be cheap.
fn non_space_chars(text: &str) -> u32 {
    text.as_bytes()
        .iter()
        .filter(|&&b| !b.is_ascii_whitespace() && (b & 0xC0) != 0x80)
        .count() as u32
}

/// Per-node facts computed by the passes below.
struct Facts {
    removed: Vec<bool>,
    /// Nearest block-level ancestor (or self) of each node.
    block_owner: Vec<NodeId>,
    in_link: Vec<bool>,
    /// Inside a link to a place on the same page (`href="#…"`): tables of contents and
    /// back-references, not pointers to other pages.
    in_local_link: Vec<bool>,
}

/// Below this many characters of main text, the fallbacks are tried: the text a page
/// keeps for crawlers in `<noscript>` or ships in a template script, and hidden
/// containers that scripts reveal later. A fallback is taken when it finds three times
/// as much text.
const FALLBACK_BELOW_CHARS: u32 = 600;
/// Below this many, containers named like boilerplate are tried too.
const NAMED_FALLBACK_BELOW_CHARS: u32 = 250;

pub fn extract_main_text(dom: &Dom, mut explain: Option<&mut String>) -> Extracted {
    let first = extract_from(dom, explain.as_deref_mut(), Leniency::Strict);
    let first_chars = non_space_chars(&first.text);
    if first_chars >= FALLBACK_BELOW_CHARS {
        return first;
    }
    let mut best = first;
    let mut best_chars = first_chars;
    // Markup kept as raw text: `<noscript>` (forums serve their posts there to crawlers)
    // and template scripts (Blogger serves the post body in `text/template`).
    let mut stashed = String::new();
    let mut fragments = 0u32;
    for (_, node) in dom.elements() {
        let template: bool = match node.tag() {
            Some("noscript") => true,
            Some("script") => node.attr("type").is_some_and(|kind| {
                let kind = kind.to_ascii_lowercase();
                kind.contains("template") || kind == "text/html"
            }),
            _ => false,
        };
        if !template {
            continue;
        }
        if let Some(text) = node_raw_text(dom, node) {
            if text.contains('<') && text.len() > 200 {
                // Each fragment in a wrapper of its own: a post served both in
                // `<noscript>` and in a template is two copies, in two places.
                fragments += 1;
                stashed.push_str(&format!("<div class=\"fragment-{fragments}\">"));
                push_without_template_code(&mut stashed, text);
                stashed.push_str("</div>\n");
            }
        }
    }
    if !stashed.is_empty() {
        let inner = crate::dom::parse(&stashed);
        let candidate = extract_from(&inner, None, Leniency::Strict);
        let chars = non_space_chars(&candidate.text);
        if chars > best_chars.saturating_mul(3).max(125) {
            if let Some(explain) = explain.as_deref_mut() {
                explain.push_str("fallback: text of <noscript> and template scripts\n");
            }
            best = candidate;
            best_chars = chars;
        }
    }
    if best_chars < FALLBACK_BELOW_CHARS {
        let candidate = extract_from(dom, None, Leniency::KeepHidden);
        let chars = non_space_chars(&candidate.text);
        if chars > best_chars.saturating_mul(3).max(125) {
            if let Some(explain) = explain {
                explain.push_str("fallback: hidden containers kept\n");
            }
            best = candidate;
            best_chars = chars;
        }
    }
    // Pages whose every post is named like a comment (forum threads): keep what the
    // names would remove. Only when next to nothing was found, since a short news item
    // followed by a long comment thread looks the same.
    if best_chars < NAMED_FALLBACK_BELOW_CHARS {
        let candidate = extract_from(dom, None, Leniency::KeepNamed);
        let chars = non_space_chars(&candidate.text);
        if chars > best_chars.saturating_mul(3).max(125) {
            best = candidate;
        }
    }
    best
}

/// Template-language code (`<%= item %>`, `{{ title }}`, `{% if %}`) is not text: it is
/// left out of a template's markup before the markup is parsed.
fn push_without_template_code(out: &mut String, text: &str) {
    let mut rest = text;
    loop {
        let next = ["<%", "{{", "{%"]
            .iter()
            .filter_map(|open| rest.find(open).map(|at| (at, *open)))
            .min_by_key(|&(at, _)| at);
        let Some((at, open)) = next else {
            out.push_str(rest);
            return;
        };
        out.push_str(&rest[..at]);
        let close = match open {
            "<%" => "%>",
            "{{" => "}}",
            _ => "%}",
        };
        match rest[at + open.len()..].find(close) {
            Some(end) => rest = &rest[at + open.len() + end + close.len()..],
            None => return,
        }
    }
}

/// What the removal pass may keep that it would normally drop.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Leniency {
    Strict,
    /// Hidden containers that scripts reveal later.
    KeepHidden,
    /// Containers named like boilerplate (`comment`, `sidebar`), hidden ones too.
    KeepNamed,
}

/// The raw text of a raw-text element (`script`, `noscript`): its single text child.
fn node_raw_text<'a>(dom: &'a Dom, node: &crate::dom::Node) -> Option<&'a str> {
    dom.node(node.first_child).and_then(crate::dom::Node::text)
}

fn extract_from(dom: &Dom, mut explain: Option<&mut String>, leniency: Leniency) -> Extracted {
    let vocabulary = vocabulary();
    let count = dom.nodes.len();

    // Pass 0, top-down: block owners and link context (they do not depend on removal).
    let mut facts = Facts {
        removed: vec![false; count],
        block_owner: vec![0; count],
        in_link: vec![false; count],
        in_local_link: vec![false; count],
    };
    for index in 0..count {
        let node = &dom.nodes[index];
        if node.parent != NONE {
            let parent = node.parent as usize;
            facts.block_owner[index] = facts.block_owner[parent];
            facts.in_link[index] = facts.in_link[parent];
            facts.in_local_link[index] = facts.in_local_link[parent];
        }
        if let NodeData::Element { tag, .. } = &node.data {
            if is_block(tag) {
                facts.block_owner[index] = index as NodeId;
            }
            if tag == "a" {
                facts.in_link[index] = true;
                if node.attr("href").is_some_and(|href| href.starts_with('#')) {
                    facts.in_local_link[index] = true;
                }
            }
        }
    }

    // Pass 1, bottom-up: text in <p> elements and prose per subtree, before any removal,
    // to protect containers holding most of the page's text from name-based removal.
    // Prose counts blocks of running text however they are written: `<p>`, a `div` of
    // text and `<br>`, list items.
    let mut text_chars = vec![0u32; count];
    let mut paragraph_chars = vec![0u32; count];
    let mut block_text = vec![0u32; count];
    let mut block_links = vec![0u32; count];
    let mut prose_chars = vec![0u32; count];
    // Embedded posts and quotes are article content even inside a `social-embed` box.
    let mut holds_quote = vec![false; count];
    // Tables and code listings: a `<figure>` holding one is content, not an illustration.
    let mut holds_table = vec![false; count];
    for index in (0..count).rev() {
        let node = &dom.nodes[index];
        match &node.data {
            NodeData::Text(text) => {
                let parent_tag = dom.nodes.get(node.parent as usize).and_then(|p| p.tag());
                if !parent_tag.is_some_and(is_always_removed) {
                    text_chars[index] = non_space_chars(text);
                    let owner = facts.block_owner[index] as usize;
                    block_text[owner] += text_chars[index];
                    if facts.in_link[index] {
                        block_links[owner] += text_chars[index];
                    }
                }
            }
            NodeData::Element { tag, .. } => {
                if is_always_removed(tag) {
                    text_chars[index] = 0;
                    paragraph_chars[index] = 0;
                    prose_chars[index] = 0;
                } else {
                    if tag == "p" {
                        paragraph_chars[index] = text_chars[index];
                    } else if tag == "blockquote" && text_chars[index] > 0 {
                        holds_quote[index] = true;
                    } else if matches!(tag.as_str(), "table" | "pre") && text_chars[index] > 0 {
                        holds_table[index] = true;
                    }
                    let own = block_text[index];
                    if own > 0 && !is_heading(tag) {
                        let linked = block_links[index] as f32 / own as f32;
                        let long_enough = own >= MIN_PARAGRAPH_CHARS || tag == "li" || tag == "dd";
                        if long_enough && linked < MAX_PARAGRAPH_LINK_SHARE {
                            prose_chars[index] += own;
                        }
                    }
                    // A dialog's text (a privacy policy in a modal) protects neither it
                    // nor what holds it.
                    if is_overlay(node, vocabulary) {
                        paragraph_chars[index] = 0;
                        prose_chars[index] = 0;
                    }
                }
            }
            NodeData::Document => {}
        }
        if node.parent != NONE {
            let parent_index = node.parent as usize;
            holds_quote[parent_index] |= holds_quote[index];
            holds_table[parent_index] |= holds_table[index];
            text_chars[parent_index] += text_chars[index];
            paragraph_chars[parent_index] += paragraph_chars[index];
            prose_chars[parent_index] += prose_chars[index];
        }
    }
    let page_paragraph_chars = paragraph_chars.first().copied().unwrap_or(0) as f32;
    let page_prose_chars = prose_chars.first().copied().unwrap_or(0) as f32;
    // Repeated elements (same tag and class: posts of a thread, cards of a listing) are
    // protected together: each holds a small share, all of them the page's text.
    let mut groups: HashMap<(&str, &str), (u32, u32, u32)> = HashMap::new();
    for node in &dom.nodes {
        if let (Some(tag), Some(class)) = (node.tag(), node.attr("class")) {
            if !class.trim().is_empty() {
                groups.entry((tag, class)).or_default().0 += 1;
            }
        }
    }
    for (index, node) in dom.nodes.iter().enumerate() {
        if let (Some(tag), Some(class)) = (node.tag(), node.attr("class")) {
            if let Some(group) = groups.get_mut(&(tag, class)) {
                group.1 += paragraph_chars[index];
                group.2 += prose_chars[index];
            }
        }
    }
    let protected = |index: usize| {
        paragraph_chars[index] as f32 > PROTECTED_SHARE * page_paragraph_chars
            || prose_chars[index] as f32 > PROTECTED_PROSE_SHARE * page_prose_chars
    };
    // Inside a container kept only for its share (a comment section holding more text
    // than the article), the repeated elements are not protected again.
    let group_protected = |index: usize| {
        let node = &dom.nodes[index];
        let (Some(tag), Some(class)) = (node.tag(), node.attr("class")) else {
            return false;
        };
        groups.get(&(tag, class)).is_some_and(|&(members, paragraphs, prose)| {
            members as usize >= REPEATED_MIN
                && (paragraphs as f32 > PROTECTED_SHARE * page_paragraph_chars
                    || prose as f32 > PROTECTED_PROSE_SHARE * page_prose_chars)
        })
    };

    // Pass 2, top-down: removal.
    let mut content_marked = vec![false; count];
    // Below an element named like boilerplate that was kept for its share of the text.
    let mut under_named = vec![false; count];
    for index in 0..count {
        let node = &dom.nodes[index];
        let parent_removed = node.parent != NONE && facts.removed[node.parent as usize];
        facts.removed[index] = parent_removed;
        if node.parent != NONE {
            under_named[index] = under_named[node.parent as usize];
        }
        let NodeData::Element { tag, .. } = &node.data else {
            continue;
        };
        if parent_removed {
            continue;
        }
        // A section opening with a heading carries an id made from that heading's words
        // (`sharing-with-a-single-developer`), which says nothing about boilerplate.
        let opens_with_heading = dom
            .children(index as NodeId)
            .find(|(_, child)| child.tag().is_some())
            .is_some_and(|(_, child)| child.tag().is_some_and(is_heading));
        let slug_id = node.attr("id").is_some_and(|id| {
            id.split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .count()
                >= 4
        });
        let names = if opens_with_heading && slug_id {
            let mut class = node.attr("class").unwrap_or("").to_string();
            class.make_ascii_lowercase();
            class
        } else {
            class_and_id(node)
        };
        if names_content(node, &names, vocabulary) {
            content_marked[index] = true;
            continue;
        }
        let role_boilerplate = node
            .attr("role")
            .is_some_and(|role| vocabulary.boilerplate_roles.contains(&role.to_lowercase()));
        // Page-level and article elements carry page-wide class names (`single-post
        // comments-open`) that say nothing about themselves; embedded posts are content.
        let names_exempt = matches!(tag.as_str(), "body" | "html" | "article" | "main")
            || (holds_quote[index] && vocabulary.embed_fragments.is_match(&names));
        let named_boilerplate =
            leniency != Leniency::KeepNamed && !names_exempt && names_boilerplate(&names, vocabulary);
        let content_figure = tag == "figure" && (holds_table[index] || holds_quote[index]);
        let boilerplate = (is_boilerplate_tag(tag) && !content_figure) || role_boilerplate || named_boilerplate;
        // A page footer is never the article, whatever share of a short page's text its
        // legal notes hold.
        let footer = tag == "footer"
            || node
                .attr("role")
                .is_some_and(|role| role.eq_ignore_ascii_case("contentinfo"));
        let kept = !footer && (protected(index) || (!under_named[index] && group_protected(index)));
        let remove = is_always_removed(tag)
            || (leniency == Leniency::Strict && looks_hidden(node) && !is_disclosure(node, &names))
            || (boilerplate && !kept);
        facts.removed[index] = remove;
        // ...unless it holds next to all of the page's prose: then it is the page (a
        // forum thread whose container is named `comments`), not an appendix to it.
        let whole_page = prose_chars[index] as f32 >= WHOLE_PAGE_PROSE * page_prose_chars;
        if boilerplate && !remove && !whole_page {
            under_named[index] = true;
        }
    }

    // Pass 3: per block owner, own text and link text; then bottom-up sums of paragraph
    // text (good) and other text (noise).
    let mut own_chars = vec![0u32; count];
    let mut own_link_chars = vec![0u32; count];
    // The same before removal, for headings only: teaser titles often sit in a removed
    // `<header>` but still tell that their container lists other articles.
    let mut heading_chars = vec![0u32; count];
    let mut heading_link_chars = vec![0u32; count];
    // Blocks opening with a link to another page and ending in an ellipsis: a teaser
    // (linked title, then the first words of the other article).
    let mut opens_linked = vec![None::<bool>; count];
    let mut ends_elided = vec![false; count];
    for index in 0..count {
        if let NodeData::Text(text) = &dom.nodes[index].data {
            let owner = facts.block_owner[index] as usize;
            let trimmed = text.trim_end();
            if !trimmed.is_empty() {
                if opens_linked[owner].is_none() {
                    opens_linked[owner] = Some(facts.in_link[index] && !facts.in_local_link[index]);
                }
                ends_elided[owner] = trimmed.ends_with("...") || trimmed.ends_with('…');
            }
            if dom.nodes[owner].tag().is_some_and(is_heading) {
                heading_chars[owner] += text_chars[index];
                if facts.in_link[index] && !facts.in_local_link[index] {
                    heading_link_chars[owner] += text_chars[index];
                }
            }
            if facts.removed[index] {
                continue;
            }
            own_chars[owner] += text_chars[index];
            if facts.in_link[index] {
                own_link_chars[owner] += text_chars[index];
            }
        }
    }
    // Bottom-up subtree sums: paragraph text (good), other text (noise), link text.
    let mut good = vec![0f32; count];
    let mut noise = vec![0f32; count];
    let mut links = vec![0f32; count];
    // Headings that are links: titles of teasers pointing to other articles.
    let mut linked_titles = vec![0u32; count];
    // Paragraph blocks (list items aside), to tell a body chunk from a summary box.
    let mut paragraph_blocks = vec![0u32; count];
    // Readability-style concentration: paragraph text credited to its nearest ancestors
    // with a decaying weight, so the winner is the element whose own children are the
    // paragraphs, not a page wrapper that also holds teasers of other articles.
    let mut concentration = vec![0f32; count];
    for index in (0..count).rev() {
        let chars = own_chars[index];
        if chars > 0 {
            let link_share = own_link_chars[index] as f32 / chars as f32;
            let heading = dom.nodes[index].tag().is_some_and(is_heading);
            links[index] += own_link_chars[index] as f32;
            // A teaser's excerpt is another article's prose, not this one's.
            let teaser =
                opens_linked[index] == Some(true) && ends_elided[index] && block_links[index] >= MIN_TEASER_TITLE_CHARS;
            if chars >= MIN_PARAGRAPH_CHARS && link_share < MAX_PARAGRAPH_LINK_SHARE && !heading && !teaser {
                good[index] += chars as f32;
                // List items are more often teasers of other pages than article prose.
                let kind_weight = if dom.nodes[index].tag() == Some("li") {
                    0.5
                } else {
                    paragraph_blocks[index] += 1;
                    1.0
                };
                // A block holding its own prose (a `div` of text and `<br>`) competes too.
                concentration[index] += kind_weight * chars as f32;
                let mut ancestor = dom.nodes[index].parent;
                for weight in ANCESTOR_WEIGHTS {
                    if ancestor == NONE {
                        break;
                    }
                    concentration[ancestor as usize] += kind_weight * weight * chars as f32;
                    ancestor = dom.nodes[ancestor as usize].parent;
                }
            } else {
                noise[index] += chars as f32;
            }
        }
        let linked_heading = heading_chars[index] > 0 && heading_link_chars[index] * 2 > heading_chars[index];
        let elided_teaser = opens_linked[index] == Some(true)
            && ends_elided[index]
            && block_links[index] >= MIN_TEASER_TITLE_CHARS
            && block_text[index] >= MIN_PARAGRAPH_CHARS;
        if linked_heading || elided_teaser {
            linked_titles[index] += 1;
        }
        let parent = dom.nodes[index].parent;
        if parent != NONE {
            let parent = parent as usize;
            good[parent] += good[index];
            noise[parent] += noise[index];
            links[parent] += links[index];
            linked_titles[parent] += linked_titles[index];
            paragraph_blocks[parent] += paragraph_blocks[index];
        }
    }
    let score = |index: usize| -> f32 {
        let total = good[index] + noise[index];
        if total <= 0.0 {
            return 0.0;
        }
        let link_share = links[index] / total;
        let boost = if content_marked[index] { CONTENT_BOOST } else { 1.0 };
        concentration[index] * (1.0 - link_share).powi(2) * boost
    };

    let mut best: Option<(usize, f32)> = None;
    for index in 0..count {
        if facts.removed[index] || dom.nodes[index].tag().is_none() {
            continue;
        }
        let candidate = score(index);
        if candidate > 0.0 && best.is_none_or(|(_, best_score)| candidate > best_score) {
            best = Some((index, candidate));
        }
    }
    if let Some(explain) = explain.as_deref_mut() {
        for index in 0..count {
            let parent = dom.nodes[index].parent;
            let newly_removed = facts.removed[index] && (parent == NONE || !facts.removed[parent as usize]);
            if newly_removed && text_chars[index] > 300 {
                let node = &dom.nodes[index];
                explain.push_str(&format!(
                    "removed #{index} <{} class={:?} id={:?}> chars={} paragraphs={}\n",
                    node.tag().unwrap_or(""),
                    node.attr("class").unwrap_or(""),
                    node.attr("id").unwrap_or(""),
                    text_chars[index],
                    paragraph_chars[index]
                ));
            }
        }
        let mut ranked: Vec<(usize, f32)> = (0..count)
            .filter(|&i| !facts.removed[i] && dom.nodes[i].tag().is_some())
            .map(|i| (i, score(i)))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (index, value) in ranked.into_iter().take(8) {
            let node = &dom.nodes[index];
            explain.push_str(&format!(
                "#{index} <{} class={:?} id={:?}> score={value:.0} good={:.0} noise={:.0} links={:.0} titles={}\n",
                node.tag().unwrap_or(""),
                node.attr("class").unwrap_or(""),
                node.attr("id").unwrap_or(""),
                good[index],
                noise[index],
                links[index],
                linked_titles[index],
            ));
        }
    }
    let Some((mut top, _)) = best else {
        let (text, removed_blocks) = render(dom, &[0], &facts, vocabulary);
        return Extracted {
            text,
            used_fallback: true,
            removed_blocks,
        };
    };

    // The article may be split over several containers (a column per few paragraphs,
    // ads in between): climb to the highest ancestor that adds mostly paragraph text.
    let mut ancestor = dom.nodes[top].parent;
    let mut climbed = top;
    for _ in 0..MAX_CLIMB {
        let Some(ancestor_node) = dom.node(ancestor) else {
            break;
        };
        let is_page = matches!(ancestor_node.tag(), None | Some("body" | "html"));
        if facts.removed[ancestor as usize] || is_page {
            break;
        }
        let index = ancestor as usize;
        let added_good = good[index] - good[top];
        let added_noise = noise[index] - noise[top];
        let added_teasers = linked_titles[index] - linked_titles[top];
        if added_teasers > MAX_CLIMB_TEASERS {
            break;
        }
        if added_good >= CLIMB_MIN_GAIN * good[top] && added_good >= CLIMB_RATIO * added_noise {
            climbed = index;
        }
        ancestor = dom.nodes[index].parent;
    }
    top = climbed;
    // Text spread over many blocks that do not share a close container (landing pages in
    // sections, forum threads, recipes, guides with headed sections and FAQs): when the
    // winner holds a minority of the page's prose, widen to the nearest ancestor that
    // holds most of it, if what that adds is mostly prose and few teaser headlines.
    let page_good = good.first().copied().unwrap_or(0.0);
    if good[top] < SPREAD_SHARE * page_good {
        let mut ancestor = dom.nodes[top].parent;
        while let Some(node) = dom.node(ancestor) {
            let index = ancestor as usize;
            if facts.removed[index] || node.tag().is_none() {
                break;
            }
            if good[index] >= SPREAD_COVER * page_good {
                let added_good = good[index] - good[top];
                let added_noise = noise[index] - noise[top];
                let added_teasers = linked_titles[index].saturating_sub(linked_titles[top]);
                let added_blocks = paragraph_blocks[index].saturating_sub(paragraph_blocks[top]);
                let total = good[index] + noise[index];
                let link_share = if total > 0.0 { links[index] / total } else { 1.0 };
                // Linked headings over long sections are the article's own (a roundup
                // naming products); over short summaries they are teasers.
                let teasers_fit =
                    added_teasers * 3 <= added_blocks || added_good >= SPREAD_PROSE_PER_TEASER * added_teasers as f32;
                if added_noise <= SPREAD_NOISE * added_good && link_share <= SPREAD_LINK_SHARE && teasers_fit {
                    if let Some(explain) = explain.as_deref_mut() {
                        explain.push_str(&format!("spread: widened #{top} to #{index}\n"));
                    }
                    top = index;
                }
                break;
            }
            ancestor = node.parent;
        }
    }
    // Ancestors that add nothing but prose (no other text, no links) are the article too,
    // however deep the page nests: a body whose paragraphs sit at every level of a deep
    // chain (flattened past the parser's nesting cap) is kept whole.
    loop {
        let parent = dom.nodes[top].parent;
        let Some(node) = dom.node(parent) else {
            break;
        };
        let index = parent as usize;
        if facts.removed[index] || matches!(node.tag(), None | Some("body" | "html")) {
            break;
        }
        let added_good = good[index] - good[top];
        let added_noise = noise[index] - noise[top];
        let added_links = links[index] - links[top];
        if added_good <= 0.0
            || added_noise > PURE_CLIMB_NOISE * added_good
            || added_links > 0.0
            || linked_titles[index] > linked_titles[top]
        {
            break;
        }
        top = index;
    }
    let top_score = score(top);

    // Siblings of the winner that hold more of the article: other chunks of the body,
    // loose paragraphs, and the subheadings between them.
    let parent = dom.nodes[top].parent;
    let mut roots: Vec<NodeId> = Vec::new();
    if parent == NONE {
        roots.push(top as NodeId);
    } else {
        let siblings: Vec<NodeId> = dom
            .children(parent)
            .filter(|(id, node)| node.tag().is_some() && !facts.removed[*id as usize])
            .map(|(id, _)| id)
            .collect();
        let threshold = (SIBLING_SHARE * top_score).max(10.0);
        let mut included: Vec<bool> = siblings
            .iter()
            .map(|&id| {
                let index = id as usize;
                if index == top {
                    return true;
                }
                let total = good[index] + noise[index];
                let link_share = if total > 0.0 { links[index] / total } else { 1.0 };
                let own_share = if own_chars[index] > 0 {
                    own_link_chars[index] as f32 / own_chars[index] as f32
                } else {
                    1.0
                };
                (score(index) >= threshold && link_share < 0.5)
                    || (own_chars[index] as f32 >= SIBLING_PARAGRAPH_CHARS && own_share < 0.25)
            })
            .collect();
        // Subheadings directly before an included sibling belong to the article; the
        // `h1` is the page title, which is metadata, not body text.
        for position in (0..siblings.len().saturating_sub(1)).rev() {
            let heading = dom.nodes[siblings[position] as usize]
                .tag()
                .is_some_and(|tag| is_heading(tag) && tag != "h1");
            if heading && included[position + 1] {
                included[position] = true;
            }
        }
        roots.extend(
            siblings
                .iter()
                .zip(&included)
                .filter(|(_, &keep)| keep)
                .map(|(&id, _)| id),
        );
    }
    // Bodies split into several containers named alike (`StoryBodyCompanionColumn`,
    // `post__content`) that are not siblings: take the other chunks too.
    // A winner without a class of its own is keyed by the classed element inside it that
    // holds its text (`<div><div class="bbWrapper">` per forum post).
    let mut keyed = top;
    while dom.nodes[keyed].attr("class").is_none_or(|c| c.trim().is_empty()) {
        let inner = dom
            .children(keyed as NodeId)
            .filter(|(id, node)| node.tag().is_some() && good[*id as usize] >= 0.8 * good[keyed])
            .map(|(id, _)| id as usize)
            .next();
        match inner {
            Some(inner) => keyed = inner,
            None => break,
        }
    }
    if let Some(class) = dom.nodes[keyed].attr("class").filter(|c| !c.trim().is_empty()) {
        let tag = dom.nodes[keyed].tag();
        // Alike: the same tag and the same class but for its numbers (`story-body
        // story-body-1` and `story-body story-body-2` are two chunks of one body).
        let alike_key = |value: &str| Some(value.chars().filter(|c| !c.is_ascii_digit()).collect::<String>());
        let key = alike_key(class);
        let same: Vec<usize> = (0..count)
            .filter(|&index| {
                !facts.removed[index]
                    && dom.nodes[index].tag() == tag
                    && dom.nodes[index].attr("class").and_then(alike_key) == key
            })
            .collect();
        // Three or more alike are a repeated structure (posts of a thread, steps of a
        // guide), where one block of text each is normal.
        let min_blocks = if same.len() >= REPEATED_MIN { 1 } else { 2 };
        let mut covered_until = 0usize;
        let mut extra: Vec<NodeId> = Vec::new();
        for index in same {
            if index < covered_until {
                continue;
            }
            let end = dom.subtree_end(index as NodeId) as usize;
            let inside_roots = roots
                .iter()
                .any(|&root| (root as usize..dom.subtree_end(root) as usize).contains(&index));
            let holds_roots = roots.iter().any(|&root| (index..end).contains(&(root as usize)));
            let total = good[index] + noise[index];
            let link_share = if total > 0.0 { links[index] / total } else { 1.0 };
            if !inside_roots
                && !holds_roots
                && good[index] >= SIBLING_PARAGRAPH_CHARS
                && paragraph_blocks[index] >= min_blocks
                && link_share < 0.3
                && linked_titles[index] == 0
            {
                extra.push(index as NodeId);
                covered_until = end;
            }
        }
        if !extra.is_empty() {
            roots.extend(extra);
            roots.sort_unstable();
        }
    }
    // A thin result on a page of short blocks (landing and product pages, listings): the
    // chosen blocks hold a small part of what the removal pass left, and little prose.
    // The article is then the nearest container of most of the page's text.
    {
        let chosen: f32 = roots.iter().map(|&r| good[r as usize] + noise[r as usize]).sum();
        let chosen_good: f32 = roots.iter().map(|&r| good[r as usize]).sum();
        let page_total = good[0] + noise[0];
        let page_links = if page_total > 0.0 { links[0] / page_total } else { 1.0 };
        if chosen < THIN_SHARE * page_total && chosen_good < THIN_MAX_PROSE && page_links <= THIN_LINK_SHARE {
            let mut wide = top;
            while wide != 0 && good[wide] + noise[wide] < THIN_COVER * page_total {
                wide = dom.nodes[wide].parent as usize;
            }
            if let Some(explain) = explain.as_deref_mut() {
                explain.push_str(&format!("thin: widened to #{wide}\n"));
            }
            roots = vec![wide as NodeId];
        }
    }
    // Inside the article, a block listing several linked headlines is a "related
    // stories" box the names did not give away.
    // A box holding most of the article's prose is the article with a few linked
    // subheadings (product roundups), not a teaser list.
    for &root in &roots {
        let end = dom.subtree_end(root) as usize;
        let root_good = good[root as usize];
        let mut index = root as usize + 1;
        while index < end {
            if linked_titles[index] >= MAX_INLINE_TEASERS
                && !facts.removed[index]
                && good[index] <= TEASER_BOX_MAX_SHARE * root_good
                && good[index] < TEASER_BOX_PROSE_PER_TITLE * linked_titles[index] as f32
            {
                let teaser_end = dom.subtree_end(index as NodeId) as usize;
                for removed in &mut facts.removed[index..teaser_end.min(count)] {
                    *removed = true;
                }
                index = teaser_end;
            } else {
                index += 1;
            }
        }
    }
    if let Some(explain) = explain {
        explain.push_str(&format!("chosen: {roots:?}\n"));
    }
    let (text, removed_blocks) = render(dom, &roots, &facts, vocabulary);
    Extracted {
        text,
        used_fallback: false,
        removed_blocks,
    }
}

/// One block of rendered text with its link share.
struct Block {
    text: String,
    chars: u32,
    link_chars: u32,
    heading: bool,
    /// The page title (`h1`): metadata, not body text.
    title: bool,
    /// A `<p>` of its own, where a short link alone is a call to action the author wrote.
    paragraph: bool,
    /// A list item or definition term, where a long link is an entry of the author's list.
    item: bool,
    /// Tags and classes of the block's ancestors, hashed: where on the page it sits.
    place: u64,
}

impl Block {
    fn new() -> Self {
        Block {
            text: String::new(),
            chars: 0,
            link_chars: 0,
            heading: false,
            title: false,
            paragraph: false,
            item: false,
            place: 0,
        }
    }
}

/// Hash of the tags and classes of a block and its ancestors: two blocks with the same
/// place sit in alike containers (the same list of steps), two copies of a body in a
/// desktop and a mobile wrapper or a quote inside a later post do not.
fn place_of(dom: &Dom, node: NodeId, memo: &mut HashMap<NodeId, u64>) -> u64 {
    use std::hash::{Hash, Hasher};
    // Iterative: bodies nest hundreds of levels deep.
    let mut chain = Vec::new();
    let mut above = node;
    let mut base = 0u64;
    while let Some(current) = dom.node(above) {
        if let Some(&known) = memo.get(&above) {
            base = known;
            break;
        }
        chain.push(above);
        above = current.parent;
    }
    for &id in chain.iter().rev() {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        base.hash(&mut hasher);
        if let Some(current) = dom.node(id) {
            current.tag().hash(&mut hasher);
            current.attr("class").hash(&mut hasher);
        }
        base = hasher.finish();
        memo.insert(id, base);
    }
    base
}

fn push_collapsed(out: &mut String, text: &str) {
    let mut pending_space = text.starts_with(char::is_whitespace);
    for word in text.split_whitespace() {
        if pending_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        out.push_str(word);
        pending_space = true;
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

/// Renders the subtree of `root` as blocks of text, filtered.
fn render(dom: &Dom, roots: &[NodeId], facts: &Facts, vocabulary: &Vocabulary) -> (String, usize) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current = Block::new();
    let mut current_owner = NONE;
    let mut places: HashMap<NodeId, u64> = HashMap::new();
    let indices = roots
        .iter()
        .flat_map(|&root| root as usize..dom.subtree_end(root) as usize);
    for index in indices {
        if facts.removed[index] {
            continue;
        }
        let node = &dom.nodes[index];
        match &node.data {
            NodeData::Element { tag, .. } => {
                if tag == "br" {
                    current.text.push('\n');
                } else if is_block(tag) {
                    blocks.push(std::mem::replace(&mut current, Block::new()));
                    current_owner = index as NodeId;
                    current.heading = is_heading(tag);
                    current.title = tag == "h1";
                    current.paragraph = tag == "p";
                    current.item = matches!(tag.as_str(), "li" | "dt" | "dd");
                    current.place = place_of(dom, index as NodeId, &mut places);
                }
            }
            NodeData::Text(text) => {
                let owner = facts.block_owner[index];
                if owner != current_owner {
                    // Back in an enclosing block after a nested one closed.
                    blocks.push(std::mem::replace(&mut current, Block::new()));
                    current_owner = owner;
                    let owner_tag = dom.nodes[owner as usize].tag();
                    current.heading = owner_tag.is_some_and(is_heading);
                    current.title = owner_tag == Some("h1");
                    current.paragraph = owner_tag == Some("p");
                    current.item = matches!(owner_tag, Some("li" | "dt" | "dd"));
                    current.place = place_of(dom, owner, &mut places);
                }
                push_collapsed(&mut current.text, text);
                let chars = non_space_chars(text);
                current.chars += chars;
                if facts.in_link[index] {
                    current.link_chars += chars;
                }
            }
            NodeData::Document => {}
        }
    }
    blocks.push(current);

    let mut paragraphs: Vec<String> = Vec::new();
    // Per text seen: where its first copy sat.
    let mut seen: HashMap<String, u64> = HashMap::new();
    // Per rendered block: its length when seen before, else 0.
    let mut repeats: Vec<Option<(u32, bool)>> = Vec::new();
    let mut removed_blocks = 0;
    for block in blocks {
        let lines: Vec<&str> = block
            .text
            .split('\n')
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        let link_share = if block.chars == 0 {
            0.0
        } else {
            block.link_chars as f32 / block.chars as f32
        };
        // An `h1` before any body text is the page title; later ones are section heads.
        if block.title && paragraphs.is_empty() {
            removed_blocks += 1;
            continue;
        }
        let call_to_action = block.paragraph && block.chars <= MAX_CALL_TO_ACTION_CHARS;
        // A long linked entry of a list inside the article (a reference with its title
        // and description) is the author's list, not navigation.
        let listed_link = block.item && block.chars >= MIN_LISTED_LINK_CHARS;
        if link_share > 0.6 && !block.heading && !call_to_action && !listed_link {
            removed_blocks += 1;
            continue;
        }
        let kept: Vec<&str> = lines
            .into_iter()
            .filter(|line| !is_boilerplate_line(line, vocabulary))
            .collect();
        if kept.is_empty() {
            removed_blocks += 1;
            continue;
        }
        let paragraph = kept.join("\n");
        // A copy in the same place as the first (the same note under each plan of a menu,
        // a post said again) needs a longer run to count as a second copy than one
        // elsewhere (a second layout, a quote inside a later post).
        let repeated = match seen.get(&paragraph) {
            Some(&place) => Some(place == block.place),
            None => {
                seen.insert(paragraph.clone(), block.place);
                None
            }
        };
        paragraphs.push(paragraph);
        repeats.push(repeated.map(|same_place| (block.chars.max(1), same_place)));
    }
    // A run of blocks all seen before is the same content laid out twice (a desktop and a
    // mobile copy of the article): said once. A single repeated block (a refrain, the
    // same note under each step) is the author's.
    let mut kept_paragraphs: Vec<String> = Vec::with_capacity(paragraphs.len());
    let mut start = 0;
    while start < paragraphs.len() {
        let mut end = start;
        let mut run_chars = 0;
        let mut elsewhere_chars = 0;
        while let Some(Some((chars, same_place))) = repeats.get(end) {
            run_chars += chars;
            if !same_place {
                elsewhere_chars += chars;
            }
            end += 1;
        }
        if elsewhere_chars >= MIN_REPEATED_RUN_CHARS || run_chars >= MIN_REPEATED_SAME_PLACE_CHARS {
            removed_blocks += end - start;
            start = end;
        } else if end > start {
            kept_paragraphs.extend(paragraphs[start..end].iter().cloned());
            start = end;
        } else {
            kept_paragraphs.push(std::mem::take(&mut paragraphs[start]));
            start += 1;
        }
    }
    (kept_paragraphs.join("\n\n"), removed_blocks)
}

fn is_boilerplate_line(line: &str, vocabulary: &Vocabulary) -> bool {
    let normalized = normalize_line(line);
    if vocabulary.boilerplate_lines.contains(&normalized) {
        return true;
    }
    // Prefix lines are short pointers to other pages, not paragraphs that happen to
    // start with the same words.
    normalized.chars().count() < 160
        && vocabulary
            .boilerplate_prefixes
            .iter()
            .any(|prefix| normalized.starts_with(prefix.as_str()))
}
