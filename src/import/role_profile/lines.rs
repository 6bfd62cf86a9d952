//! Turning a pasted or uploaded role profile into clean, numbered lines.
//!
//! Profiles arrive as text copied from a page (one cell per line, blank lines between), as
//! pipe-table text (`Title | Depth | Details | Type |`, one cell per line ending in `|`), as
//! Markdown with HTML tables, or as HTML. Whatever the form, the parsers downstream see one
//! piece of text per line, with the number of the source line it came from:
//!
//! * HTML: tags are removed; block elements (`p`, `li`, `td`, `tr`, `br`, headings, ...) end a
//!   line, so each table cell is a line; `li` items start with "- "; `head`, `title`, `script`,
//!   `style` and comments are dropped; entities are decoded. Line breaks in the source also end a
//!   line, so Markdown around the tables survives.
//! * Markdown: `**bold**`, `__bold__`, heading marks and `[text](url)` links are reduced to
//!   their text.
//! * Pipe tables: separator rows (`---|---|`) are dropped and each cell becomes a line of its
//!   own (with the row's line number), as in the copied-text form.
//! * Bullets (`•`, `*`, `-`, `–`) become "- "; a bullet alone on its line joins the next line.
//! * Spaces (including non-breaking ones) are collapsed; empty lines dropped.

/// One line of the profile, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line of the source text where this text starts.
    pub number: usize,
    pub text: String,
}

impl Line {
    /// The text without a leading "- " bullet.
    pub fn bare(&self) -> &str {
        self.text.strip_prefix("- ").unwrap_or(&self.text)
    }

    pub fn is_bullet(&self) -> bool {
        self.text.starts_with("- ")
    }
}

/// Cleans `input` into numbered lines.
pub fn to_lines(input: &str) -> Vec<Line> {
    let raw = if looks_like_html(input) { html_lines(input) } else { plain_lines(input) };
    let cleaned =
        raw.into_iter().flat_map(|(number, text)| clean(&text).into_iter().map(move |text| Line { number, text }));
    join_lone_bullets(cleaned.collect())
}

fn plain_lines(input: &str) -> Vec<(usize, String)> {
    input.lines().enumerate().map(|(i, text)| (i + 1, text.to_string())).collect()
}

/// Whether the text holds HTML markup worth stripping.
pub fn looks_like_html(input: &str) -> bool {
    const TAGS: [&str; 14] =
        ["<table", "<p>", "<p ", "<div", "<li", "<br", "<td", "<tr", "<html", "<body", "<h1", "<h2", "<h3", "<span"];
    let lower = input.to_ascii_lowercase();
    TAGS.iter().any(|t| lower.contains(t))
}

const BLOCK_TAGS: [&str; 27] = [
    "p",
    "div",
    "br",
    "li",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "section",
    "article",
    "header",
    "footer",
    "dt",
    "dd",
    "blockquote",
    "hr",
];

/// Splits HTML into text lines, each with the source line where it starts.
fn html_lines(input: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start_line = 1;
    let mut line = 1;
    let mut rest = input;
    // Where the next `>` is, found once per stretch of text, so that many `<` stay linear.
    let mut next_gt = input.find('>');
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let pos = input.len() - rest.len();
            if next_gt.is_some_and(|gt| gt < pos) {
                next_gt = input[pos..].find('>').map(|i| pos + i);
            }
            if let Some((tag, consumed)) = read_tag(rest, next_gt.map(|gt| gt - pos)) {
                line += rest[..consumed].matches('\n').count();
                rest = &rest[consumed..];
                if matches!(tag.name.as_str(), "script" | "style" | "head" | "title") && !tag.closing {
                    let (skipped, lines) = skip_until_closing(rest, &tag.name);
                    line += lines;
                    rest = &rest[skipped..];
                }
                if BLOCK_TAGS.contains(&tag.name.as_str()) {
                    flush(&mut out, &mut current, start_line);
                    if tag.name == "li" {
                        // An item starts with a bullet; an empty item leaves nothing.
                        current = if tag.closing { String::new() } else { "- ".to_string() };
                        start_line = line;
                    }
                }
                continue;
            }
        }
        rest = &rest[c.len_utf8()..];
        if c == '\n' {
            flush(&mut out, &mut current, start_line);
            line += 1;
            continue;
        }
        if is_blank_or_bullet(&current) && !c.is_whitespace() {
            start_line = line;
        }
        current.push(c);
    }
    flush(&mut out, &mut current, start_line);
    out.into_iter().map(|(n, t)| (n, decode_entities(&t))).collect()
}

/// Ends the current line. A bullet without text yet stays, for the text that follows.
fn flush(out: &mut Vec<(usize, String)>, current: &mut String, start_line: usize) {
    if is_blank_or_bullet(current) {
        return;
    }
    out.push((start_line, std::mem::take(current)));
}

fn is_blank_or_bullet(text: &str) -> bool {
    matches!(text.trim(), "" | "-")
}

struct Tag {
    name: String,
    closing: bool,
}

/// Reads a tag or comment at the start of `text`: its name and the bytes it spans. `None` when
/// the `<` does not start one (then it is text). `gt` is where the next `>` is.
fn read_tag(text: &str, gt: Option<usize>) -> Option<(Tag, usize)> {
    if let Some(body) = text.strip_prefix("<!--") {
        let end = body.find("-->").map_or(text.len(), |i| 4 + i + 3);
        return Some((Tag { name: "!--".to_string(), closing: false }, end));
    }
    let after = &text[1..];
    let closing = after.starts_with('/');
    let name_start = if closing { &after[1..] } else { after };
    let name: String = name_start.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    if name.is_empty() && !name_start.starts_with('!') {
        return None;
    }
    let end = gt? + 1;
    Some((Tag { name: name.to_ascii_lowercase(), closing }, end))
}

/// Skips to after `</name>`; returns the bytes skipped and the line breaks in them.
fn skip_until_closing(text: &str, name: &str) -> (usize, usize) {
    let closing = text
        .match_indices("</")
        .map(|(i, _)| i)
        .find(|&i| text.get(i + 2..i + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)));
    let end = closing.and_then(|i| text[i..].find('>').map(|j| i + j + 1)).unwrap_or(text.len());
    (end, text[..end].matches('\n').count())
}

/// Decodes the entities pages use; unknown ones stay as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.as_bytes().iter().take(12).position(|&b| b == b';');
        match end.and_then(|e| entity(&rest[1..e]).map(|c| (c, e))) {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "bull" => '•',
        "raquo" => '»',
        "laquo" => '«',
        _ => return None,
    })
}

/// Cleans one line into its cells (one, outside tables); nothing when nothing is left.
fn clean(text: &str) -> Vec<String> {
    let text = text.replace(['\u{a0}', '\t'], " ");
    let text = strip_markdown(text.trim());
    split_pipes(&text)
        .into_iter()
        .map(|cell| normalise_bullet(&cell.split_whitespace().collect::<Vec<_>>().join(" ")))
        .filter(|cell| !cell.is_empty())
        .collect()
}

fn strip_markdown(text: &str) -> String {
    let text = text.trim_start_matches('#').trim_start();
    let text = text.replace("**", "").replace("__", "");
    strip_links(&text)
}

/// "[Lead DevOps](https://...)" -> "Lead DevOps".
fn strip_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|i| close + i) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A pipe-table row's cells; separator rows have none.
fn split_pipes(text: &str) -> Vec<&str> {
    if !text.contains('|') {
        return vec![text];
    }
    if text.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
        return Vec::new();
    }
    text.split('|').map(str::trim).filter(|c| !c.is_empty()).collect()
}

fn normalise_bullet(text: &str) -> String {
    for bullet in ["• ", "* ", "- ", "– ", "· "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return format!("- {}", rest.trim_start());
        }
    }
    if matches!(text, "•" | "*" | "-" | "–" | "·") {
        return "-".to_string();
    }
    text.to_string()
}

/// "-" alone on a line, then "manage operational support": one bullet line.
fn join_lone_bullets(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut pending: Option<usize> = None;
    for line in lines {
        if line.text == "-" {
            pending.get_or_insert(line.number);
            continue;
        }
        match pending.take() {
            Some(number) if !line.is_bullet() => out.push(Line { number, text: format!("- {}", line.text) }),
            _ => out.push(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<(usize, String)> {
        to_lines(input).into_iter().map(|l| (l.number, l.text)).collect()
    }

    #[test]
    fn plain_text_keeps_line_numbers_and_drops_blank_lines() {
        let input = "Summary\n\n  • act as a product owner\n\nTitle Details\n";
        assert_eq!(
            texts(input),
            [(1, "Summary".into()), (3, "- act as a product owner".into()), (5, "Title Details".into())]
        );
    }

    #[test]
    fn pipe_cells_lose_their_pipes_and_separators_go() {
        let input = "Title | Depth | Details |\n---|---|---|\nImprovisation |\n|\n| Agile | Expert in |\n";
        assert_eq!(
            texts(input),
            [
                (1, "Title".into()),
                (1, "Depth".into()),
                (1, "Details".into()),
                (3, "Improvisation".into()),
                (5, "Agile".into()),
                (5, "Expert in".into())
            ]
        );
    }

    #[test]
    fn lone_bullets_join_the_next_line() {
        let input = "At this role level, you will:\n-\nmanage operational support\n-\nmanage workload\n";
        assert_eq!(
            texts(input),
            [
                (1, "At this role level, you will:".into()),
                (2, "- manage operational support".into()),
                (4, "- manage workload".into())
            ]
        );
    }

    #[test]
    fn html_blocks_become_lines_and_entities_are_decoded() {
        let input = "<table>\n<tr><td><p>Strategy &amp; Architecture</p>\n<ul>\n<li><p>Systems Design (DESN) &ndash; Level&nbsp;5</p></li>\n</ul></td></tr>\n<script>var x = '<p>no</p>';</script><p>After&#8217;s</p></table>";
        assert_eq!(
            texts(input),
            [
                (2, "Strategy & Architecture".into()),
                (4, "- Systems Design (DESN) – Level 5".into()),
                (6, "After’s".into())
            ]
        );
    }

    #[test]
    fn markdown_emphasis_headings_and_links_are_reduced_to_text() {
        let input = "**Lead DevOps Role Definition**\n## About\nSee [Lead DevOps](https://example.org/x) now\n";
        assert_eq!(
            texts(input),
            [(1, "Lead DevOps Role Definition".into()), (2, "About".into()), (3, "See Lead DevOps now".into())]
        );
    }

    #[test]
    fn broken_markup_is_kept_as_text_without_panicking() {
        assert_eq!(texts("<p>a < b and <unclosed"), [(1, "a < b and <unclosed".into())]);
        assert_eq!(texts("<div>&#xZZ; &#99999999; &unknown; &"), [(1, "&#xZZ; &#99999999; &unknown; &".into())]);
        assert_eq!(texts("<p><!-- never closed"), Vec::<(usize, String)>::new());
    }
}
