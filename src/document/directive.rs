//! rasoat's own comments in a document (`<!-- rasoat-disable RULE reason: … -->`, or after `#`
//! or `//` in plain text): recognised here, where lines are cleaned, so that they are left out
//! of the document's text; what they suppress is the rules' business (`rules::suppress`).

use std::sync::LazyLock;

use regex::Regex;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:<!--|#|//)\s*rasoat-(disable-next-line|disable|enable)\s+([A-Z0-9][A-Z0-9\-]*(?:\s*,\s*[A-Z0-9][A-Z0-9\-]*)*)(?:\s+reason:\s*(.*?))?\s*(?:-->)?\s*$")
        .expect("static regex")
});

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `rasoat-disable-next-line`: the rules are off on the next line with text.
    DisableNextLine,
    /// `rasoat-disable`: the rules are off to the end of the file or a `rasoat-enable`.
    Disable,
    /// `rasoat-enable`: ends a `rasoat-disable` of these rules.
    Enable,
}

/// A directive as written on its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive<'a> {
    pub kind: DirectiveKind,
    /// The rule ids named, in order.
    pub rules: Vec<&'a str>,
    /// The text after `reason:`, when any.
    pub reason: Option<&'a str>,
}

/// Whether a raw line is a rasoat comment (so the parser can leave it out of the text).
pub fn is_directive(line: &str) -> bool {
    let t = line.trim_start();
    (t.starts_with("<!--") || t.starts_with('#') || t.starts_with("//"))
        && t.contains("rasoat-")
        && DIRECTIVE.is_match(line)
}

/// The directive a raw line holds, if it is one.
pub fn parse(line: &str) -> Option<Directive<'_>> {
    let c = DIRECTIVE.captures(line)?;
    let kind = match c.get(1)?.as_str() {
        "enable" => DirectiveKind::Enable,
        "disable" => DirectiveKind::Disable,
        _ => DirectiveKind::DisableNextLine,
    };
    Some(Directive {
        kind,
        rules: c.get(2)?.as_str().split(',').map(str::trim).collect(),
        reason: c.get(3).map(|r| r.as_str()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_parsed() {
        let d = parse("<!-- rasoat-disable-next-line SPELL-NOI-NHAN, TYPO-X reason: trích -->")
            .unwrap();
        assert_eq!(d.kind, DirectiveKind::DisableNextLine);
        assert_eq!(d.rules, ["SPELL-NOI-NHAN", "TYPO-X"]);
        assert_eq!(d.reason, Some("trích"));
        assert_eq!(
            parse("# rasoat-enable A").unwrap().kind,
            DirectiveKind::Enable
        );
        assert!(is_directive("// rasoat-disable A reason: x"));
        assert!(!is_directive("rasoat-disable A"));
        assert!(parse("Nơi nhận:").is_none());
    }
}
