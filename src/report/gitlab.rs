//! GitLab's Code Quality report (`check --format gitlab`): a JSON array of issues, each with a
//! description, the rule as `check_name`, a fingerprint unique in the report, a severity and
//! the file and line it is on. GitLab shows them in merge requests (the `codequality` report of
//! a job's `artifacts:reports`).
//!
//! Field names follow GitLab's documentation of the format (a subset of Code Climate's).

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::rules::{Round, Severity};

use super::check::Located;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

/// GitLab's severities are `info`, `minor`, `major`, `critical` and `blocker`; rasoat's three
/// take the lower three (an `error` is a certain mistake in a document, not a broken build).
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The path as GitLab wants it: relative to the project's folder (`CI_PROJECT_DIR` when set,
/// else the current folder) when it lies under it, with `/` separators and no leading `./`.
fn project_path(path: &str, project: Option<&Path>) -> String {
    let p = Path::new(path);
    let relative = project
        .filter(|_| p.is_absolute())
        .and_then(|root| p.strip_prefix(root).ok())
        .map(|r| r.display().to_string())
        .unwrap_or_else(|| path.to_string());
    let unified = relative.replace('\\', "/");
    unified
        .strip_prefix("./")
        .map(str::to_string)
        .unwrap_or(unified)
}

/// Writes the findings (not those of the old round that the new one fixed) as a Code Quality
/// report. Fingerprints are the findings' keys (rule, path, place, matched text: stable when
/// lines move), made unique where one key repeats in a file.
pub fn write_gitlab(out: &mut dyn Write, findings: &[Located]) -> io::Result<()> {
    let project = std::env::var_os("CI_PROJECT_DIR")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::current_dir().ok());
    let mut seen = HashSet::new();
    let issues: Vec<Issue> = findings
        .iter()
        .filter(|l| l.finding.round != Some(Round::Fixed))
        .map(|l| {
            let f = &l.finding;
            let path = project_path(&l.path, project.as_deref());
            let key = f.key();
            let mut fingerprint = key.fingerprint(&path);
            let mut n = 1;
            while !seen.insert(fingerprint.clone()) {
                n += 1;
                fingerprint = key.fingerprint(&format!("{path}\u{0}{n}"));
            }
            let (description, lines) = if l.in_paragraphs() {
                // Lines of a .docx are paragraphs, which GitLab cannot show: name the paragraph.
                (
                    format!("Đoạn {}, ký tự {}: {}", f.line, f.column, f.message),
                    Lines { begin: 1, end: 1 },
                )
            } else {
                (
                    f.message.clone(),
                    Lines {
                        begin: f.line.max(1),
                        end: f.end_line.max(f.line).max(1),
                    },
                )
            };
            Issue {
                description,
                check_name: &f.rule,
                fingerprint,
                severity: severity(f.severity),
                location: Location { path, lines },
            }
        })
        .collect();
    super::write_pretty_json(out, &issues)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_project() {
        let root = Path::new("/builds/group/project");
        assert_eq!(
            project_path("/builds/group/project/docs/a.txt", Some(root)),
            "docs/a.txt"
        );
        assert_eq!(project_path("./docs/a.txt", Some(root)), "docs/a.txt");
        assert_eq!(
            project_path("/elsewhere/a.txt", Some(root)),
            "/elsewhere/a.txt"
        );
        assert_eq!(project_path("docs\\a.txt", None), "docs/a.txt");
    }
}
