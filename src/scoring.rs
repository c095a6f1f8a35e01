//! Scoring findings against a reviewer's labels: the measure of whether rasoat's findings are
//! ones a reviewer agrees with (for the project's own tests and `examples/score.rs`; not part of
//! the reviewer-facing tool).
//!
//! Labels are tab-separated files with a header row. `findings.tsv`: `file, line, rule, verdict,
//! cause, note`, every finding the checker gave when the file was labelled, judged `TRUE`,
//! `FALSE` or `DEBATABLE`. `missed.tsv`: `file, line, kind, note`, real mistakes the checker did
//! not report.

use std::collections::{BTreeMap, HashMap};

/// A judged finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: String,
    pub line: u32,
    pub rule: String,
    pub verdict: Verdict,
    pub cause: String,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    True,
    False,
    Debatable,
}

/// A real mistake the checker did not report when it was labelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    pub file: String,
    pub line: u32,
    pub kind: String,
    pub note: String,
}

/// A finding of the checker now, as the scorer needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    pub file: String,
    pub line: u32,
    pub rule: String,
    pub severity: String,
    pub message: String,
    /// The rule is opt-in: `rasoat check` reports it only when asked (`--extend-enable`).
    pub opt_in: bool,
}

/// What is wrong with a labels file.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct LabelError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

fn rows<'t>(path: &str, text: &'t str, columns: &[&str]) -> Result<Vec<Vec<&'t str>>, LabelError> {
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = lines
        .next()
        .map(|(_, h)| h.split('\t').collect())
        .unwrap_or_default();
    if header != columns {
        return Err(LabelError {
            path: path.to_string(),
            line: 1,
            message: format!("the header must be `{}`", columns.join("\\t")),
        });
    }
    let mut out = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != columns.len() {
            return Err(LabelError {
                path: path.to_string(),
                line: i + 1,
                message: format!("{} columns, expected {}", cells.len(), columns.len()),
            });
        }
        out.push(cells);
    }
    Ok(out)
}

fn line_number(path: &str, row: usize, cell: &str) -> Result<u32, LabelError> {
    cell.parse().map_err(|_| LabelError {
        path: path.to_string(),
        line: row,
        message: format!("`{cell}` is not a line number"),
    })
}

/// Parses a `findings.tsv`.
pub fn parse_labels(path: &str, text: &str) -> Result<Vec<Label>, LabelError> {
    let columns = ["file", "line", "rule", "verdict", "cause", "note"];
    rows(path, text, &columns)?
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let verdict = match c[3] {
                "TRUE" => Verdict::True,
                "FALSE" => Verdict::False,
                "DEBATABLE" => Verdict::Debatable,
                other => {
                    return Err(LabelError {
                        path: path.to_string(),
                        line: i + 2,
                        message: format!("verdict `{other}` is not TRUE, FALSE or DEBATABLE"),
                    });
                }
            };
            Ok(Label {
                file: c[0].to_string(),
                line: line_number(path, i + 2, c[1])?,
                rule: c[2].to_string(),
                verdict,
                cause: c[4].to_string(),
                note: c[5].to_string(),
            })
        })
        .collect()
}

/// Parses a `missed.tsv`.
pub fn parse_missed(path: &str, text: &str) -> Result<Vec<Missed>, LabelError> {
    let columns = ["file", "line", "kind", "note"];
    rows(path, text, &columns)?
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            Ok(Missed {
                file: c[0].to_string(),
                line: line_number(path, i + 2, c[1])?,
                kind: c[2].to_string(),
                note: c[3].to_string(),
            })
        })
        .collect()
}

/// Counts of one rule (or of all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Reported findings judged TRUE, FALSE, DEBATABLE; reported findings with no label.
    pub true_reported: usize,
    pub false_reported: usize,
    pub debatable_reported: usize,
    pub unlabeled: usize,
    /// TRUE labels of this rule, reported now or not.
    pub true_labels: usize,
}

impl Counts {
    /// TRUE / (TRUE + FALSE) among reported findings that carry a label.
    pub fn precision(&self) -> Option<f64> {
        let judged = self.true_reported + self.false_reported;
        (judged > 0).then(|| self.true_reported as f64 / judged as f64)
    }

    /// The share of TRUE labels still reported.
    pub fn kept(&self) -> Option<f64> {
        (self.true_labels > 0).then(|| self.true_reported as f64 / self.true_labels as f64)
    }
}

/// The score of the findings on the labelled files.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub all: Counts,
    pub errors: Counts,
    pub by_rule: BTreeMap<String, Counts>,
    /// Opt-in rules, scored apart: a default run does not report them, so they are not in `all`
    /// (and their TRUE labels count as lost there).
    pub opt_in_by_rule: BTreeMap<String, Counts>,
    /// Missed mistakes now reported at their line (±1).
    pub missed_found: Vec<Missed>,
    pub missed_total: usize,
    /// Findings without a label, to judge.
    pub unlabeled: Vec<Reported>,
    /// TRUE labels no longer reported.
    pub lost: Vec<Label>,
    /// FALSE labels still reported: the bugs to fix next.
    pub still_false: Vec<Label>,
}

/// Scores `reported` (the findings now, on the labelled files) against `labels` and `missed`.
/// A finding carries the label with its file, line and rule (each label serves one finding).
pub fn score(labels: &[Label], missed: &[Missed], reported: &[Reported]) -> Score {
    let mut pool: HashMap<(&str, u32, &str), Vec<&Label>> = HashMap::new();
    for l in labels {
        pool.entry((l.file.as_str(), l.line, l.rule.as_str()))
            .or_default()
            .push(l);
    }
    let mut s = Score::default();
    let mut matched: Vec<&Label> = Vec::new();
    for r in reported {
        let label = pool
            .get_mut(&(r.file.as_str(), r.line, r.rule.as_str()))
            .and_then(Vec::pop);
        let error = r.severity == "error";
        let count = |c: &mut Counts| match label.map(|l| l.verdict) {
            Some(Verdict::True) => c.true_reported += 1,
            Some(Verdict::False) => c.false_reported += 1,
            Some(Verdict::Debatable) => c.debatable_reported += 1,
            None => c.unlabeled += 1,
        };
        if r.opt_in {
            count(s.opt_in_by_rule.entry(r.rule.clone()).or_default());
            if label.is_none() {
                s.unlabeled.push(r.clone());
            }
            continue;
        }
        count(s.by_rule.entry(r.rule.clone()).or_default());
        count(&mut s.all);
        if error {
            count(&mut s.errors);
        }
        match label {
            Some(l) => {
                if l.verdict == Verdict::False {
                    s.still_false.push(l.clone());
                }
                matched.push(l)
            }
            None => s.unlabeled.push(r.clone()),
        }
    }
    for l in labels.iter().filter(|l| l.verdict == Verdict::True) {
        s.all.true_labels += 1;
        match s.opt_in_by_rule.get_mut(&l.rule) {
            Some(c) => c.true_labels += 1,
            None => s.by_rule.entry(l.rule.clone()).or_default().true_labels += 1,
        }
        if !matched.iter().any(|m| std::ptr::eq(*m, l)) {
            s.lost.push(l.clone());
        }
    }
    s.errors.true_labels = s.errors.true_reported;
    s.missed_total = missed.len();
    for m in missed {
        let near = reported
            .iter()
            .any(|r| r.file == m.file && r.line.abs_diff(m.line) <= 1);
        if near {
            s.missed_found.push(m.clone());
        }
    }
    s
}

/// The score as a report for people: totals, errors, the rules, what was lost and found.
pub fn report(s: &Score) -> String {
    let pct = |x: Option<f64>| x.map_or_else(|| "—".to_string(), |x| format!("{x:.3}"));
    let mut out = String::new();
    let a = &s.all;
    out.push_str(&format!(
        "precision {} ({} TRUE, {} FALSE, {} DEBATABLE among labelled findings)\n",
        pct(a.precision()),
        a.true_reported,
        a.false_reported,
        a.debatable_reported
    ));
    out.push_str(&format!(
        "kept {} ({} of {} TRUE labels still reported)\n",
        pct(a.kept()),
        a.true_reported,
        a.true_labels
    ));
    let e = &s.errors;
    out.push_str(&format!(
        "error findings: precision {} ({} TRUE, {} FALSE, {} DEBATABLE, {} unlabelled)\n",
        pct(e.precision()),
        e.true_reported,
        e.false_reported,
        e.debatable_reported,
        e.unlabeled
    ));
    out.push_str(&format!(
        "missed mistakes now reported: {} of {}\n",
        s.missed_found.len(),
        s.missed_total
    ));
    out.push_str(&format!("unlabelled findings: {}\n\n", s.unlabeled.len()));
    let table = |out: &mut String, rules: &BTreeMap<String, Counts>| {
        out.push_str("rule\tTRUE\tFALSE\tDEBATABLE\tunlabelled\tprecision\tkept\n");
        for (rule, c) in rules {
            out.push_str(&format!(
                "{rule}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                c.true_reported,
                c.false_reported,
                c.debatable_reported,
                c.unlabeled,
                pct(c.precision()),
                pct(c.kept())
            ));
        }
    };
    table(&mut out, &s.by_rule);
    if !s.opt_in_by_rule.is_empty() {
        out.push_str(
            "\nopt-in rules, not in the figures above (their TRUE labels count as not kept):\n",
        );
        table(&mut out, &s.opt_in_by_rule);
    }
    if !s.lost.is_empty() {
        out.push_str("\nTRUE labels no longer reported:\n");
        for l in &s.lost {
            out.push_str(&format!("{}\t{}\t{}\t{}\n", l.file, l.line, l.rule, l.note));
        }
    }
    if !s.still_false.is_empty() {
        out.push_str("\nFALSE findings still reported (file, line, rule, cause, note):\n");
        for l in &s.still_false {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\n",
                l.file, l.line, l.rule, l.cause, l.note
            ));
        }
    }
    if !s.unlabeled.is_empty() {
        out.push_str("\nunlabelled findings (file, line, rule, severity, message):\n");
        for r in &s.unlabeled {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\n",
                r.file, r.line, r.rule, r.severity, r.message
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reported(file: &str, line: u32, rule: &str) -> Reported {
        Reported {
            file: file.to_string(),
            line,
            rule: rule.to_string(),
            severity: "error".to_string(),
            message: String::new(),
            opt_in: false,
        }
    }

    #[test]
    fn precision_kept_and_missed() {
        let labels = parse_labels(
            "f.tsv",
            "file\tline\trule\tverdict\tcause\tnote\na.md\t3\tR\tTRUE\tc\tn\na.md\t5\tR\tFALSE\tc\tn\na.md\t9\tR\tTRUE\tc\tn\n",
        )
        .unwrap();
        let missed = parse_missed("m.tsv", "file\tline\tkind\tnote\na.md\t20\tk\tn\n").unwrap();
        let s = score(
            &labels,
            &missed,
            &[
                reported("a.md", 3, "R"),
                reported("a.md", 5, "R"),
                reported("a.md", 21, "S"),
            ],
        );
        assert_eq!(s.all.precision(), Some(0.5));
        assert_eq!(s.all.kept(), Some(0.5));
        assert_eq!(s.missed_found.len(), 1);
        assert_eq!(s.unlabeled.len(), 1);
        assert_eq!(s.lost.len(), 1);
    }

    #[test]
    fn a_bad_row_names_its_line() {
        let e = parse_labels(
            "f.tsv",
            "file\tline\trule\tverdict\tcause\tnote\na.md\tx\tR\tTRUE\tc\tn\n",
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "f.tsv:2: `x` is not a line number");
    }
}

/// Reading label folders and checking the labelled files: the file-system edge of the scorer.
pub mod files {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use super::{Label, Missed, Reported};
    use crate::input::{self, LoadOptions};
    use crate::rules::RuleSet;

    /// The labels of one folder (`findings.tsv`, and `missed.tsv` when there is one).
    pub fn load_dir(dir: &Path) -> Result<(Vec<Label>, Vec<Missed>), String> {
        let read = |name: &str| -> Result<Option<(String, String)>, String> {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(Some((path.display().to_string(), text))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(format!("{}: {e}", path.display())),
            }
        };
        let labels = match read("findings.tsv")? {
            Some((path, text)) => super::parse_labels(&path, &text).map_err(|e| e.to_string())?,
            None => return Err(format!("{}: no findings.tsv", dir.display())),
        };
        let missed = match read("missed.tsv")? {
            Some((path, text)) => super::parse_missed(&path, &text).map_err(|e| e.to_string())?,
            None => Vec::new(),
        };
        Ok((labels, missed))
    }

    /// The documents judged in `dir` (`documents.txt`, one file name per line), also those on
    /// which nothing was reported; empty when the file is absent (every judged document then has
    /// a label).
    pub fn load_documents(dir: &Path) -> Result<Vec<String>, String> {
        let path = dir.join("documents.txt");
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from)
                .collect()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// The labelled files and the other judged `documents`, found in the first of `dirs` that
    /// holds each (by file name).
    pub fn locate(
        labels: &[Label],
        missed: &[Missed],
        documents: &[String],
        dirs: &[PathBuf],
    ) -> Result<Vec<(String, PathBuf)>, String> {
        let names: BTreeSet<&str> = labels
            .iter()
            .map(|l| l.file.as_str())
            .chain(missed.iter().map(|m| m.file.as_str()))
            .chain(documents.iter().map(String::as_str))
            .collect();
        names
            .into_iter()
            .map(|name| {
                dirs.iter()
                    .map(|d| d.join(name))
                    .find(|p| p.is_file())
                    .map(|p| (name.to_string(), p))
                    .ok_or_else(|| format!("{name}: not found in {dirs:?}"))
            })
            .collect()
    }

    /// Checks each file with every built-in rule, opt-in ones included (marked so): `rasoat
    /// check` without a configuration reports the others.
    pub fn check(files: &[(String, PathBuf)]) -> Result<Vec<Reported>, String> {
        let rules = RuleSet::builtin().map_err(|e| format!("{e:?}"))?;
        let mut out = Vec::new();
        for (name, path) in files {
            let loaded = input::load(path, &LoadOptions::default()).map_err(|e| e.to_string())?;
            for f in rules.check_file(&loaded.parsed) {
                out.push(Reported {
                    file: name.clone(),
                    line: f.line,
                    rule: f.rule.clone(),
                    severity: f.severity.as_str().to_string(),
                    message: f.message.clone(),
                    opt_in: rules.get(&f.rule).is_some_and(|r| r.spec.opt_in),
                });
            }
        }
        Ok(out)
    }
}
