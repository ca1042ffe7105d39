//! PETRARCH and UniversalPetrarch validation records (`<Validation>` XML): the
//! `<Environment>` dictionaries, `<Config>` settings and `<Sentence>` records with
//! `<EventCoding>`, `<Text>` and `<Parse>`.
//!
//! UniversalPetrarch's `PETR_Validate_records_2_02.xml` is not well-formed: its header
//! comment holds a nested `<!-- … -->`, and 39 `<PLEvent {json}>` lines are not XML
//! tags. [`neutralise_xml`] repairs both without moving any line (so line numbers stay
//! right) and says what it did; the XML parser (quick-xml) then reads the result.

use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use quick_xml::XmlVersion;

use crate::{dict_kind, norm_ws, Check, GoldEvent, GoldRecord, SuiteKind};

/// What a validation XML file holds.
#[derive(Debug, Clone, Default)]
pub struct XmlSuite {
    /// `(kind, file name as written)` from `<Environment>`.
    pub dictionaries: Vec<(&'static str, String)>,
    /// The `<Include>` category list, when there is one.
    pub include: Option<Vec<String>>,
    /// The records, in file order.
    pub records: Vec<GoldRecord>,
    /// Repairs made and oddities found, with line numbers.
    pub warnings: Vec<String>,
}

/// Guesses PETRARCH vs UniversalPetrarch from a file's content.
pub(crate) fn sniff_xml(text: &str) -> SuiteKind {
    if text.contains("<PICOfile") || text.contains("evaluate=") {
        SuiteKind::Up
    } else {
        SuiteKind::Petrarch
    }
}

/// Repairs the two kinds of non-XML markup the peer files contain, keeping every byte's
/// line: a `<!--` or `-->` nested inside a comment becomes `<!~~` / `~~>`, and a tag
/// whose "attributes" are a JSON object (`<PLEvent {…}>`) becomes a comment. Returns
/// the repaired text and one warning per kind of repair (with line numbers). When the
/// nesting does not balance, the nested-comment repair is not made (the text is left
/// as the XML parser would read it) and a warning says so.
pub fn neutralise_xml(text: &str) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let (out, nested_lines, json_lines, balanced) = repair(text, true);
    let (out, nested_lines, json_lines) = if balanced {
        (out, nested_lines, json_lines)
    } else {
        warnings.push(
            "comment markers nest without balancing; nested comments left as they are".into(),
        );
        let (o, n, j, _) = repair(text, false);
        (o, n, j)
    };
    if !nested_lines.is_empty() {
        let mut lines = nested_lines.clone();
        lines.dedup();
        warnings.push(format!(
            "malformed comment: {} nested comment marker(s) inside a comment neutralised (line{} {})",
            nested_lines.len(),
            if lines.len() == 1 { "" } else { "s" },
            list_lines(&lines)
        ));
    }
    if !json_lines.is_empty() {
        warnings.push(format!(
            "{} non-XML tag(s) with JSON content (e.g. <PLEvent {{…}}>) read as comments (line{} {})",
            json_lines.len(),
            if json_lines.len() == 1 { "" } else { "s" },
            list_lines(&json_lines)
        ));
    }
    (out, warnings)
}

fn list_lines(lines: &[usize]) -> String {
    let shown: Vec<String> = lines.iter().take(8).map(|l| l.to_string()).collect();
    if lines.len() > 8 {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// One pass of [`neutralise_xml`]; returns (text, nested-marker lines, JSON-tag lines,
/// whether comment nesting balanced).
fn repair(text: &str, nest: bool) -> (String, Vec<usize>, Vec<usize>, bool) {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 64);
    let mut nested = Vec::new();
    let mut json = Vec::new();
    let mut depth = 0usize;
    let mut line = 1usize;
    let mut i = 0;
    // Copy runs of ordinary bytes as &str slices: all markers are ASCII, so every cut
    // falls on a char boundary.
    let mut run_start = 0;
    while i < b.len() {
        if b[i] == b'\n' {
            line += 1;
            i += 1;
            continue;
        }
        if b[i] == b'<' && b[i..].starts_with(b"<!--") {
            out.push_str(&text[run_start..i]);
            if depth == 0 || !nest {
                out.push_str("<!--");
                depth = if nest { depth + 1 } else { 1 };
            } else {
                out.push_str("<!~~");
                nested.push(line);
                depth += 1;
            }
            i += 4;
            run_start = i;
            continue;
        }
        if depth > 0 && b[i] == b'-' && b[i..].starts_with(b"-->") {
            out.push_str(&text[run_start..i]);
            if depth == 1 {
                out.push_str("-->");
            } else {
                out.push_str("~~>");
                nested.push(line);
            }
            depth -= 1;
            i += 3;
            run_start = i;
            continue;
        }
        if depth == 0 && b[i] == b'<' {
            if let Some(end) = json_tag_end(&b[i..]) {
                out.push_str(&text[run_start..i]);
                out.push_str("<!--");
                // "--" may not appear inside a comment.
                out.push_str(&text[i + 1..i + end].replace("--", "~~"));
                out.push_str("-->");
                json.push(line);
                line += text[i..i + end + 1].matches('\n').count();
                i += end + 1;
                run_start = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[run_start..]);
    (out, nested, json, depth == 0)
}

/// When `b` starts with `<Name {…}>` (a tag whose attributes are a JSON object), the
/// index of its closing `>`.
fn json_tag_end(b: &[u8]) -> Option<usize> {
    let mut j = 1;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
        j += 1;
    }
    if j == 1 || j >= b.len() || !(b[j] == b' ' || b[j] == b'\t') {
        return None;
    }
    while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
        j += 1;
    }
    if b.get(j) != Some(&b'{') {
        return None;
    }
    // The object ends at "}>" on the same line.
    let mut k = j;
    while k + 1 < b.len() && b[k] != b'\n' {
        if b[k] == b'}' && b[k + 1] == b'>' {
            return Some(k + 1);
        }
        k += 1;
    }
    None
}

/// Parses PETRARCH's `PETR.UnitTest.records.xml` (pure). Every record is evaluated (the
/// PETRARCH-2 baseline counts all 284); `<Include>` is kept in [`XmlSuite::include`].
pub fn parse_petrarch_xml(text: &str) -> Result<XmlSuite, (usize, String)> {
    parse_xml(text, SuiteKind::Petrarch)
}

/// Parses UniversalPetrarch's `PETR_Validate_records_*.xml` (pure): records with
/// `evaluate="false"`, or whose category is not in `<Include>`, are read but not
/// evaluated (as UniversalPetrarch's `validation.py` does); `<Parse>` is read as CoNLL-U.
pub fn parse_up_xml(text: &str) -> Result<XmlSuite, (usize, String)> {
    parse_xml(text, SuiteKind::Up)
}

/// A record being read.
#[derive(Default)]
struct Pending {
    rec: Option<GoldRecord>,
    evaluate_attr: Option<String>,
    saw_coding: bool,
    markers: Vec<String>,
    parse_text: Option<(usize, String)>,
}

fn parse_xml(text: &str, kind: SuiteKind) -> Result<XmlSuite, (usize, String)> {
    let (fixed, mut warnings) = neutralise_xml(text);
    let newlines: Vec<usize> = fixed
        .bytes()
        .enumerate()
        .filter(|(_, c)| *c == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_of = |pos: usize| newlines.partition_point(|&n| n < pos) + 1;

    let mut reader = Reader::from_str(&fixed);
    reader.config_mut().trim_text(false);
    let mut suite = XmlSuite::default();
    let mut options: BTreeMap<String, String> = BTreeMap::new();
    let mut stack: Vec<String> = Vec::new();
    // Text being collected for the innermost element that wants it.
    let mut capture: Option<String> = None;
    let mut cur = Pending::default();

    loop {
        let pos = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let at = reader.error_position() as usize;
                return Err((line_of(at), format!("XML error: {e}")));
            }
        };
        let line = line_of(pos);
        match ev {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                start_element(
                    &name,
                    &e,
                    line,
                    kind,
                    &mut cur,
                    &mut options,
                    &mut suite,
                    &mut warnings,
                );
                if wants_text(&name) {
                    capture = Some(String::new());
                }
                stack.push(name);
            }
            Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                start_element(
                    &name,
                    &e,
                    line,
                    kind,
                    &mut cur,
                    &mut options,
                    &mut suite,
                    &mut warnings,
                );
                if name == "Sentence" {
                    finish_sentence(
                        &mut cur,
                        kind,
                        &suite.include.clone(),
                        &mut suite.records,
                        &mut warnings,
                    );
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                stack.pop();
                if wants_text(&name) {
                    let body = capture.take().unwrap_or_default();
                    end_text_element(&name, body, line, &mut cur, &mut suite, &mut warnings);
                }
                if name == "Sentence" {
                    let include = suite.include.clone();
                    finish_sentence(&mut cur, kind, &include, &mut suite.records, &mut warnings);
                }
            }
            Event::Text(t) => {
                if let Some(buf) = capture.as_mut() {
                    match t.xml10_content() {
                        Ok(s) => buf.push_str(&s),
                        Err(e) => warnings.push(format!("line {line}: undecodable text: {e}")),
                    }
                }
            }
            Event::CData(t) => {
                if let Some(buf) = capture.as_mut() {
                    buf.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(buf) = capture.as_mut() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => buf.push(c),
                        _ => {
                            let name = String::from_utf8_lossy(&r).into_owned();
                            match quick_xml::escape::resolve_predefined_entity(&name) {
                                Some(s) => buf.push_str(s),
                                None => {
                                    warnings.push(format!(
                                        "line {line}: unknown entity &{name}; kept as written"
                                    ));
                                    buf.push('&');
                                    buf.push_str(&name);
                                    buf.push(';');
                                }
                            }
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if cur.rec.is_some() {
        warnings.push("file ends inside a <Sentence>; record kept".into());
        let include = suite.include.clone();
        finish_sentence(&mut cur, kind, &include, &mut suite.records, &mut warnings);
    }
    if suite.records.is_empty() {
        warnings.push("no <Sentence> records found".into());
    }
    suite.warnings = warnings;
    Ok(suite)
}

fn wants_text(name: &str) -> bool {
    matches!(
        name,
        "Text"
            | "Parse"
            | "Include"
            | "Verbfile"
            | "Actorfile"
            | "Agentfile"
            | "Discardfile"
            | "PICOfile"
            | "Issuefile"
    )
}

fn attrs(e: &BytesStart<'_>, line: usize, warnings: &mut Vec<String>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for a in e.attributes() {
        match a {
            Ok(a) => {
                let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                let val = match a.normalized_value(XmlVersion::Implicit1_0) {
                    Ok(v) => v.into_owned(),
                    Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
                };
                out.push((key, val));
            }
            Err(err) => warnings.push(format!("line {line}: bad attribute: {err}")),
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn start_element(
    name: &str,
    e: &BytesStart<'_>,
    line: usize,
    kind: SuiteKind,
    cur: &mut Pending,
    options: &mut BTreeMap<String, String>,
    suite: &mut XmlSuite,
    warnings: &mut Vec<String>,
) {
    match name {
        "Sentence" => {
            if cur.rec.is_some() {
                warnings.push(format!(
                    "line {line}: <Sentence> inside a <Sentence>; previous record closed"
                ));
                let include = suite.include.clone();
                finish_sentence(cur, kind, &include, &mut suite.records, warnings);
            }
            let a = attrs(e, line, warnings);
            let get = |k: &str| {
                a.iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.trim().to_string())
            };
            let id = get("id").unwrap_or_else(|| {
                warnings.push(format!(
                    "line {line}: <Sentence> has no id; using line number"
                ));
                format!("line-{line}")
            });
            let date = get("date").unwrap_or_default();
            if !(date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit())) {
                warnings.push(format!(
                    "line {line}: record {id} has date {date:?}, not YYYYMMDD"
                ));
            }
            let mut rec = GoldRecord::new(&id, &date, "", Vec::new());
            rec.line = line;
            rec.category = get("category");
            rec.options = options.iter().map(|(k, v)| format!("{k}={v}")).collect();
            *cur = Pending {
                rec: Some(rec),
                evaluate_attr: get("evaluate"),
                ..Pending::default()
            };
        }
        "EventCoding" => {
            let a = attrs(e, line, warnings);
            let Some(rec) = cur.rec.as_mut() else {
                warnings.push(format!(
                    "line {line}: <EventCoding> outside a <Sentence>; ignored"
                ));
                return;
            };
            cur.saw_coding = true;
            let get = |k: &str| a.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
            if let Some(v) = get("noevents") {
                if v.trim().eq_ignore_ascii_case("true") {
                    cur.markers.push("noevents".into());
                }
            }
            if let Some(v) = get("error") {
                cur.markers.push(format!("error={}", v.trim()));
            }
            match (get("sourcecode"), get("targetcode"), get("eventcode")) {
                (Some(s), Some(t), Some(c)) => rec.expected.push(GoldEvent::new(&s, &t, &c)),
                (None, None, None) => {}
                _ => warnings.push(format!(
                    "line {line}: record {}: <EventCoding> lacks one of sourcecode/targetcode/eventcode; ignored",
                    rec.id
                )),
            }
        }
        "Config" => {
            let a = attrs(e, line, warnings);
            let get = |k: &str| {
                a.iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.trim().to_string())
            };
            match (get("option"), get("value")) {
                (Some(o), Some(v)) => {
                    options.insert(o, v);
                }
                _ => warnings.push(format!(
                    "line {line}: <Config> without option/value; ignored"
                )),
            }
        }
        _ => {}
    }
}

fn end_text_element(
    name: &str,
    body: String,
    line: usize,
    cur: &mut Pending,
    suite: &mut XmlSuite,
    warnings: &mut Vec<String>,
) {
    match name {
        "Text" => match cur.rec.as_mut() {
            Some(rec) => {
                if !rec.text.is_empty() {
                    rec.text.push(' ');
                }
                rec.text.push_str(&norm_ws(&body));
            }
            None => warnings.push(format!("line {line}: <Text> outside a <Sentence>; ignored")),
        },
        "Parse" => {
            if cur.rec.is_some() {
                cur.parse_text = Some((line, body));
            }
        }
        "Include" => {
            suite.include = Some(body.split_whitespace().map(str::to_string).collect());
        }
        _ => {
            let kind = dict_kind(name).unwrap_or("verbs");
            for f in body.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                suite.dictionaries.push((kind, f.to_string()));
            }
        }
    }
}

fn finish_sentence(
    cur: &mut Pending,
    kind: SuiteKind,
    include: &Option<Vec<String>>,
    records: &mut Vec<GoldRecord>,
    warnings: &mut Vec<String>,
) {
    let pending = std::mem::take(cur);
    let Some(mut rec) = pending.rec else {
        return;
    };
    let id = rec.id.clone();
    if !pending.saw_coding {
        warnings.push(format!(
            "line {}: record {id} has no <EventCoding>; it expects no event",
            rec.line
        ));
    }
    if let Some(m) = pending.markers.first() {
        if !rec.expected.is_empty() {
            warnings.push(format!(
                "line {}: record {id} has events and {m}; the events are expected",
                rec.line
            ));
        } else {
            rec.marker = Some(m.clone());
        }
    }
    if rec.text.is_empty() {
        warnings.push(format!("line {}: record {id} has no <Text>", rec.line));
    }
    rec.check = Check::Exact;
    if kind == SuiteKind::Up {
        let off = pending
            .evaluate_attr
            .as_deref()
            .is_some_and(|v| v.eq_ignore_ascii_case("false"));
        let included = match (include, rec.category.as_deref()) {
            (Some(list), Some(cat)) => list.iter().any(|c| c == cat),
            _ => true,
        };
        rec.evaluate = !off && included;
        if let Some((pline, ptext)) = pending.parse_text {
            // The parse sits inside <Parse> with the file's own line breaks; CoNLL-U
            // wants its word lines only.
            let conllu: String = ptext
                .lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
                .map(|l| format!("{}\n", l.trim_start_matches([' '])))
                .collect();
            let (mut sents, errors) = dyad_conllu::parse(&format!("{conllu}\n"));
            for e in errors.iter().take(3) {
                warnings.push(format!("line {pline}: record {id}: CoNLL-U {e}"));
            }
            match sents.len() {
                0 => warnings.push(format!("line {pline}: record {id}: empty <Parse>")),
                1 => rec.parse = sents.pop(),
                n => {
                    warnings.push(format!(
                        "line {pline}: record {id}: <Parse> holds {n} sentences; the first is kept"
                    ));
                    rec.parse = Some(sents.swap_remove(0));
                }
            }
        }
    }
    records.push(rec);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_comment_is_neutralised_without_moving_lines() {
        let src = "<a>\n<!-- head\nuse <!-- … --> here\n-->\n<b/></a>\n";
        let (out, w) = neutralise_xml(src);
        assert_eq!(out.lines().count(), src.lines().count());
        assert!(out.contains("<!~~ … ~~>"));
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("line 3"), "{w:?}");
    }

    #[test]
    fn unbalanced_nesting_is_left_alone() {
        let src = "<a><!-- say <!-- to open --><b/></a>";
        let (out, w) = neutralise_xml(src);
        assert_eq!(out, src);
        assert!(w[0].contains("without balancing"));
    }

    #[test]
    fn json_tags_become_comments() {
        let src = "<s>\n<PLEvent {\"event\": \"050\", \"source\": [{\"code\": \"---\"}]}>\n</s>";
        let (out, w) = neutralise_xml(src);
        assert!(out.contains("<!--PLEvent {\"event\""));
        assert!(!out.contains("\"---\""));
        assert!(w[0].contains("line 2"));
        // Ordinary tags are untouched.
        let (out, w) = neutralise_xml("<a b=\"{x}\">t</a>");
        assert_eq!(out, "<a b=\"{x}\">t</a>");
        assert!(w.is_empty());
    }

    #[test]
    fn sniffing_tells_up_from_petrarch() {
        assert_eq!(sniff_xml("<Sentence evaluate=\"true\">"), SuiteKind::Up);
        assert_eq!(sniff_xml("<Sentence date=\"1\">"), SuiteKind::Petrarch);
    }
}
