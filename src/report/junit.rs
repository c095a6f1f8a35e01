//! JUnit XML (`check --format junit`), as ruff writes it: one `<testsuite>` per file with
//! findings, one failing `<testcase>` per finding (named after its rule, with its line and
//! column), for CI systems that show test reports (GitLab's `artifacts:reports:junit`, Jenkins,
//! Azure Pipelines). A run without findings is one passing test case; input errors (a file that
//! could not be read) are test cases in error.

use std::io::{self, Write};
use std::path::Path;

use crate::rules::Round;

use super::check::Located;

/// `s` escaped for XML text and attribute values; characters XML 1.0 cannot hold (controls but
/// tab, line feed and carriage return; U+FFFE, U+FFFF) shown as the terminal formats show them.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in super::terminal_safe(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The class name of a file's test cases: its path without the extension (ruff's form).
fn class_name(path: &str) -> String {
    let p = Path::new(path);
    match (p.parent(), p.file_stem()) {
        (Some(parent), Some(stem)) => parent.join(stem).display().to_string(),
        _ => path.to_string(),
    }
}

/// Writes the findings (not those of the old round that the new one fixed) and the input errors
/// of a run as JUnit XML.
pub fn write_junit(out: &mut dyn Write, findings: &[Located], errors: &[String]) -> io::Result<()> {
    let findings: Vec<&Located> = findings
        .iter()
        .filter(|l| l.finding.round != Some(Round::Fixed))
        .collect();
    // By file, in the report's order (findings come sorted by file).
    let mut files: Vec<(&str, Vec<&Located>)> = Vec::new();
    for l in &findings {
        match files.last_mut() {
            Some((path, list)) if *path == l.path => list.push(l),
            _ => files.push((&l.path, vec![l])),
        }
    }
    let mut body = String::new();
    for (path, list) in &files {
        body.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{n}\" disabled=\"0\" errors=\"0\" failures=\"{n}\" package=\"org.rasoat\">\n",
            xml(path),
            n = list.len()
        ));
        let class = xml(&class_name(path));
        for l in list {
            let f = &l.finding;
            let unit = if l.in_paragraphs() {
                ("đoạn", "ký tự")
            } else {
                ("dòng", "cột")
            };
            body.push_str(&format!(
                "    <testcase name=\"org.rasoat.{}\" classname=\"{class}\" line=\"{}\" column=\"{}\">\n      <failure message=\"{}\" type=\"{}\">{} {}, {} {}, {}</failure>\n    </testcase>\n",
                xml(&f.rule),
                f.line,
                f.column,
                xml(&f.message),
                f.severity.as_str(),
                unit.0,
                f.line,
                unit.1,
                f.column,
                xml(&f.message),
            ));
        }
        body.push_str("  </testsuite>\n");
    }
    if findings.is_empty() || !errors.is_empty() {
        // The run itself: passing when nothing was found, its input errors otherwise.
        let tests = errors.len().max(usize::from(findings.is_empty()));
        body.push_str(&format!(
            "  <testsuite name=\"rasoat\" tests=\"{tests}\" disabled=\"0\" errors=\"{}\" failures=\"0\" package=\"org.rasoat\">\n",
            errors.len()
        ));
        if errors.is_empty() {
            body.push_str(
                "    <testcase name=\"Không có phát hiện nào\" classname=\"rasoat\">\n    </testcase>\n",
            );
        }
        for e in errors {
            let e = e.strip_prefix("rasoat: ").unwrap_or(e);
            body.push_str(&format!(
                "    <testcase name=\"org.rasoat.input\" classname=\"rasoat\">\n      <error message=\"{m}\">{m}</error>\n    </testcase>\n",
                m = xml(e)
            ));
        }
        body.push_str("  </testsuite>\n");
    }
    let tests = findings.len() + errors.len().max(usize::from(findings.is_empty()));
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"rasoat\" tests=\"{tests}\" failures=\"{}\" errors=\"{}\">\n{body}</testsuites>\n",
        findings.len(),
        errors.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            xml("a < b & \"c\"\u{1b}[31m"),
            "a &lt; b &amp; &quot;c&quot;\u{241b}[31m"
        );
        assert_eq!(class_name("docs/ke-hoach.txt"), "docs/ke-hoach");
    }
}
