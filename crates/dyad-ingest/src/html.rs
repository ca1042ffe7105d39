//! HTML pages: the article body is found by a readability-style scorer over the DOM
//! (parsed by html5ever through `scraper`), and metadata is read from `<meta>`, `<link>`,
//! `<time>` and JSON-LD.
//!
//! The extractor works in three steps:
//! 1. One iterative walk over the tree cuts it into *blocks* — the text of each block-level
//!    element, with the characters inside links counted — while skipping subtrees that are
//!    never article text: scripts, styles, forms, navigation, headers, footers, asides,
//!    figures, and elements whose class or id names them as ads, share widgets, related
//!    links, comments, newsletter or cookie boxes.
//! 2. Each paragraph-like block of some length scores its parent (and half its grandparent)
//!    by its length and commas; the best-scoring container holds the body. When it sits in
//!    an `<article>` (or `itemprop=articleBody`), that whole element is taken.
//! 3. The blocks under the container, minus headings and link lists, are the paragraphs,
//!    joined by a blank line.
//!
//! The walk is iterative, so deeply nested input cannot overflow the stack.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use dyad_types::{Origin, PubDate};
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::common::{collapse_ws, decode_html, finish, skipped, Meta};
use crate::{IngestOptions, Record, SkipReason};

/// What was extracted from one HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlPage {
    /// Headline: `og:title`, JSON-LD `headline`, `<title>` or the first `<h1>`.
    pub title: Option<String>,
    /// Publication date from meta tags, JSON-LD or `<time datetime>`.
    pub published: Option<PubDate>,
    /// Canonical URL: `<link rel=canonical>`, `og:url` or JSON-LD `url`.
    pub url: Option<String>,
    /// Site name: `og:site_name` or JSON-LD `publisher.name`.
    pub source: Option<String>,
    /// The body's paragraphs, whitespace collapsed.
    pub paragraphs: Vec<String>,
}

impl HtmlPage {
    /// The body text: paragraphs separated by a blank line.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

pub(crate) fn parse(bytes: &[u8], origin: Origin, opts: &IngestOptions) -> Record {
    let mut warnings = Vec::new();
    let html = decode_html(bytes, None, &mut warnings);
    page_record(
        &html,
        Meta {
            warnings,
            ..Meta::default()
        },
        origin,
        opts,
    )
}

/// An article from an HTML page; `meta` holds what the container (a WARC record) knew,
/// which the page's own metadata overrides (except the URL, which the container fixes).
pub(crate) fn page_record(html: &str, meta: Meta, origin: Origin, opts: &IngestOptions) -> Record {
    let page = extract_html(html);
    if page.paragraphs.is_empty() {
        return skipped(origin, SkipReason::NoBody);
    }
    let text = page.text();
    let meta = Meta {
        id: meta.id,
        source: page.source.or(meta.source),
        url: meta.url.or(page.url),
        title: page.title.or(meta.title),
        published: page.published.or(meta.published),
        warnings: meta.warnings,
    };
    finish(text, meta, origin, opts)
}

/// Extracts the article body and metadata from an HTML page.
pub fn extract_html(html: &str) -> HtmlPage {
    let doc = Html::parse_document(html);
    let blocks = collect_blocks(doc.tree.root(), true);
    let paragraphs = choose_body(&doc, &blocks);
    let mut page = read_meta(&doc);
    page.paragraphs = paragraphs;
    page
}

/// Converts an HTML fragment (a feed item's content, a JSON `html` field) to text: every
/// text block, one paragraph each, joined by a blank line. Text without tags passes
/// through with its entities decoded.
pub fn html_to_text(fragment: &str) -> String {
    let doc = Html::parse_fragment(fragment);
    collect_blocks(doc.tree.root(), true)
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    Heading,
    ListItem,
    Container,
}

#[derive(Debug)]
struct Block {
    owner: NodeId,
    kind: Kind,
    text: String,
    /// Non-whitespace characters inside links.
    link_chars: usize,
    /// Non-whitespace characters in all.
    chars: usize,
}

impl Block {
    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            return 1.0;
        }
        self.link_chars as f64 / self.chars as f64
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "pre"
            | "body"
            | "html"
            | "hr"
            | "address"
            | "center"
            | "details"
            | "summary"
    )
}

fn kind_of(name: &str) -> Kind {
    match name {
        "p" | "pre" | "blockquote" | "td" | "dd" => Kind::Para,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "summary" | "dt" | "th" => Kind::Heading,
        "li" => Kind::ListItem,
        _ => Kind::Container,
    }
}

/// Elements whose whole subtree is never article text.
fn skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
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
            | "picture"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "form"
            | "nav"
            | "aside"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "dialog"
            | "menu"
    )
}

/// Class/id words that mark non-article boxes.
const HINT_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "consent",
    "gdpr",
    "masthead",
    "menu",
    "modal",
    "nav",
    "navbar",
    "outbrain",
    "paywall",
    "popup",
    "recirc",
    "sidebar",
    "signup",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "toolbar",
    "trending",
    "most-read",
    "mostread",
    "footer",
];
/// Class/id word prefixes that mark non-article boxes (`share-bar`, `related-links` …).
const HINT_PREFIXES: &[&str] = &[
    "advert",
    "promo",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "comment",
    "cookie",
    "sponsor",
    "recommend",
];
/// Class/id words that mark the article itself; they overrule the hints above, because
/// a main container's class list often also names a feature (`article-body has-ads`).
const CONTENT_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "main",
    "story",
    "entry",
    "post",
    "text",
];

fn hinted_away(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(role) = el.attr("role") {
        if matches!(
            role.trim(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "dialog"
                | "alertdialog"
        ) {
            return true;
        }
    }
    if let Some(style) = el.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        if s.to_ascii_lowercase().contains("display:none") {
            return true;
        }
    }
    let mut words: Vec<String> = Vec::new();
    for attr in ["class", "id"] {
        if let Some(v) = el.attr(attr) {
            words.extend(
                v.split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_ascii_lowercase),
            );
        }
    }
    if words.is_empty() || words.iter().any(|w| CONTENT_WORDS.contains(&w.as_str())) {
        return false;
    }
    words
        .iter()
        .any(|w| HINT_WORDS.contains(&w.as_str()) || HINT_PREFIXES.iter().any(|p| w.starts_with(p)))
}

/// Cuts the tree under `root` into text blocks (see the module docs), iteratively.
fn collect_blocks(root: NodeRef<'_, Node>, use_hints: bool) -> Vec<Block> {
    struct Acc {
        buf: String,
        link_chars: usize,
    }
    fn flush(acc: &mut Acc, owner: (NodeId, Kind), out: &mut Vec<Block>) {
        let text = collapse_ws(&acc.buf);
        if !text.is_empty() {
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            out.push(Block {
                owner: owner.0,
                kind: owner.1,
                text,
                link_chars: acc.link_chars.min(chars),
                chars,
            });
        }
        acc.buf.clear();
        acc.link_chars = 0;
    }

    let mut out = Vec::new();
    let mut acc = Acc {
        buf: String::new(),
        link_chars: 0,
    };
    let mut stack: Vec<(NodeId, Kind)> = vec![(root.id(), Kind::Container)];
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    if skip_depth > 0 {
                        skip_depth += 1;
                        continue;
                    }
                    let name = el.name();
                    if skipped_tag(name) || (use_hints && hinted_away(el)) {
                        // Text on either side of a removed box must not run together.
                        acc.buf.push(' ');
                        skip_depth = 1;
                        continue;
                    }
                    if is_block(name) {
                        if let Some(&top) = stack.last() {
                            flush(&mut acc, top, &mut out);
                        }
                        stack.push((node.id(), kind_of(name)));
                    } else if name == "br" {
                        acc.buf.push(' ');
                    } else if name == "a" {
                        link_depth += 1;
                    }
                }
                Node::Text(t) if skip_depth == 0 => {
                    acc.buf.push_str(t);
                    if link_depth > 0 {
                        acc.link_chars += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    let name = el.name();
                    if is_block(name) {
                        if let Some(top) = stack.pop() {
                            flush(&mut acc, top, &mut out);
                        }
                    } else if name == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                }
            }
        }
    }
    if let Some(&top) = stack.last() {
        flush(&mut acc, top, &mut out);
    }
    out
}

/// The body paragraphs (step 2 and 3 of the module docs).
fn choose_body(doc: &Html, blocks: &[Block]) -> Vec<String> {
    let mut scores: BTreeMap<NodeId, f64> = BTreeMap::new();
    for b in blocks {
        let len = b.text.chars().count();
        if len < 25 || b.link_density() > 0.5 || matches!(b.kind, Kind::Heading) {
            continue;
        }
        let score = 1.0 + b.text.matches(',').count() as f64 + (len as f64 / 100.0).min(3.0);
        let Some(node) = doc.tree.get(b.owner) else {
            continue;
        };
        // Loose text in a container scores the container itself; a paragraph scores the
        // container it sits in.
        let (first, second) = if b.kind == Kind::Container {
            (Some(node), node.parent())
        } else {
            (node.parent(), node.parent().and_then(|p| p.parent()))
        };
        if let Some(n) = first {
            *scores.entry(n.id()).or_default() += score;
        }
        if let Some(n) = second {
            *scores.entry(n.id()).or_default() += score / 2.0;
        }
    }
    let best = scores
        .iter()
        .fold(None::<(NodeId, f64)>, |acc, (&id, &s)| match acc {
            Some((_, bs)) if bs >= s => acc,
            _ => Some((id, s)),
        })
        .map(|(id, _)| id);
    let keep = |b: &Block| {
        // Loose short text in a container is a label, a dateline or a byline, unless it
        // reads as a sentence.
        let label = b.kind == Kind::Container
            && b.chars < 40
            && !b.text.ends_with(['.', '!', '?', '"', '”', '’']);
        !label
            && b.kind != Kind::Heading
            && b.link_density() <= 0.5
            && !(b.kind == Kind::ListItem && b.link_density() > 0.3)
    };
    let Some(best) = best.and_then(|id| doc.tree.get(id)) else {
        return blocks
            .iter()
            .filter(|b| keep(b))
            .map(|b| b.text.clone())
            .collect();
    };
    let container = std::iter::once(best)
        .chain(best.ancestors())
        .find(|n| {
            ElementRef::wrap(*n).is_some_and(|e| {
                e.value().name() == "article" || e.value().attr("itemprop") == Some("articleBody")
            })
        })
        .unwrap_or(best)
        .id();
    blocks
        .iter()
        .filter(|b| keep(b))
        .filter(|b| {
            doc.tree
                .get(b.owner)
                .is_some_and(|n| n.id() == container || n.ancestors().any(|a| a.id() == container))
        })
        .map(|b| b.text.clone())
        .collect()
}

macro_rules! selector {
    ($s:expr) => {{
        static SEL: LazyLock<Option<Selector>> = LazyLock::new(|| Selector::parse($s).ok());
        &*SEL
    }};
}

fn first_attr(doc: &Html, sel: &Option<Selector>, attr: &str) -> Option<String> {
    let sel = sel.as_ref()?;
    doc.select(sel)
        .filter_map(|e| e.value().attr(attr))
        .map(collapse_ws)
        .find(|s| !s.is_empty())
}

fn first_text(doc: &Html, sel: &Option<Selector>) -> Option<String> {
    let sel = sel.as_ref()?;
    doc.select(sel)
        .map(|e| collapse_ws(&e.text().collect::<String>()))
        .find(|s| !s.is_empty())
}

/// What JSON-LD says about the article.
#[derive(Default)]
struct LinkedData {
    date: Option<String>,
    headline: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
}

fn read_json_ld(doc: &Html) -> LinkedData {
    let mut ld = LinkedData::default();
    let Some(sel) = selector!("script[type=\"application/ld+json\"]") else {
        return ld;
    };
    for script in doc.select(sel) {
        let raw: String = script.text().collect();
        let Ok(v) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        // Walk objects and arrays (`@graph`) iteratively; the first value of each kind wins.
        let mut stack = vec![&v];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    let s = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
                    if ld.date.is_none() {
                        ld.date = s("datePublished").or_else(|| s("dateCreated"));
                    }
                    if ld.headline.is_none() {
                        ld.headline = s("headline");
                    }
                    if ld.url.is_none() && map.contains_key("datePublished") {
                        ld.url = s("url");
                    }
                    if ld.publisher.is_none() {
                        ld.publisher = map
                            .get("publisher")
                            .and_then(|p| p.get("name"))
                            .and_then(Value::as_str)
                            .map(str::to_string);
                    }
                    stack.extend(map.values().rev());
                }
                _ => {}
            }
        }
    }
    ld
}

fn read_meta(doc: &Html) -> HtmlPage {
    let ld = read_json_ld(doc);
    let title = first_attr(doc, selector!("meta[property=\"og:title\"]"), "content")
        .or_else(|| first_attr(doc, selector!("meta[name=\"twitter:title\"]"), "content"))
        .or_else(|| ld.headline.as_deref().map(collapse_ws))
        .or_else(|| first_text(doc, selector!("title")))
        .or_else(|| first_text(doc, selector!("h1")));
    let date_candidates = [
        first_attr(
            doc,
            selector!("meta[property=\"article:published_time\"]"),
            "content",
        ),
        first_attr(
            doc,
            selector!("meta[itemprop=\"datePublished\"]"),
            "content",
        ),
        ld.date.clone(),
        first_attr(
            doc,
            selector!(
                "meta[name=\"pubdate\"], meta[name=\"publishdate\"], meta[name=\"publish-date\"], \
                 meta[name=\"date\"], meta[name=\"dc.date\"], meta[name=\"DC.date.issued\"], \
                 meta[name=\"parsely-pub-date\"], meta[name=\"sailthru.date\"]"
            ),
            "content",
        ),
        first_attr(
            doc,
            selector!("[itemprop=\"datePublished\"][datetime]"),
            "datetime",
        ),
        first_attr(doc, selector!("time[datetime]"), "datetime"),
    ];
    let published = date_candidates
        .iter()
        .flatten()
        .find_map(|d| PubDate::parse(d));
    let url = first_attr(doc, selector!("link[rel=\"canonical\"]"), "href")
        .or_else(|| first_attr(doc, selector!("meta[property=\"og:url\"]"), "content"))
        .or(ld.url);
    let source = first_attr(doc, selector!("meta[property=\"og:site_name\"]"), "content")
        .or(ld.publisher.as_deref().map(collapse_ws));
    HtmlPage {
        title,
        published,
        url,
        source,
        paragraphs: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_to_text() {
        let t = html_to_text(
            "<p>One &amp; two.</p><p>Three <b>four</b>.<br>Five</p><script>x()</script>",
        );
        assert_eq!(t, "One & two.\n\nThree four. Five");
        assert_eq!(html_to_text("Plain &lt;text&gt;"), "Plain <text>");
    }

    #[test]
    fn hints_do_not_hide_the_main_container() {
        let html = "<html><body><div class='article-body has-ads'><p>The minister said on Monday that talks would resume, officials confirmed.</p></div>\
                    <div class='ad-slot'><p>Buy our product now, it is very good and cheap.</p></div></body></html>";
        let page = extract_html(html);
        assert_eq!(
            page.paragraphs,
            vec!["The minister said on Monday that talks would resume, officials confirmed."]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}<p>deep text here</p>", "<div>".repeat(10_000));
        let _ = extract_html(&html);
    }
}
