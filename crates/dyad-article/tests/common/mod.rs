//! The block layout shared by the quote and coreference case tables: `=== NAME`, the
//! case's text lines, `---`, then answer lines until the next `=== `. Blank lines and
//! `#` comments between cases are skipped; what an answer line means is each table's own
//! business (see the tables' READMEs).

/// One case block as written.
pub struct Block {
    /// Line number (1-based) of the `=== ` line.
    pub line: usize,
    /// The case's name.
    pub name: String,
    /// The text between the name and `---`, without its trailing newline.
    pub text: String,
    /// The answer lines after `---`, with their 1-based line numbers.
    pub answers: Vec<(usize, String)>,
}

/// Splits a case table into its blocks.
pub fn blocks(data: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut in_text = false;
    for (n, line) in data.lines().enumerate() {
        if let Some(name) = line.strip_prefix("=== ") {
            out.push(Block {
                line: n + 1,
                name: name.trim().to_string(),
                text: String::new(),
                answers: Vec::new(),
            });
            in_text = true;
            continue;
        }
        let Some(b) = out.last_mut() else { continue };
        if in_text {
            if line == "---" {
                in_text = false;
                b.text.truncate(b.text.trim_end().len());
            } else {
                b.text.push_str(line);
                b.text.push('\n');
            }
        } else if !(line.trim().is_empty() || line.starts_with('#')) {
            b.answers.push((n + 1, line.to_string()));
        }
    }
    out
}
