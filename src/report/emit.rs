//! One emitter trait per report kind (as ruff's `Emitter`): a new output format is one more
//! implementation, chosen in one place by each command.
//!
//! - [`FindingsEmitter`]: what `rasoat check` (and the review command without a terminal)
//!   reports: text, concise, statistics, JSON, SARIF, GitHub annotations, GitLab Code Quality,
//!   JUnit XML.
//! - [`ComparisonEmitter`]: what `rasoat diff` reports: text, JSON, Markdown, HTML, the redline
//!   .docx and the bảng so sánh (.docx, HTML, Markdown).

use std::io::{self, Write};

use crate::compare::{Comparison, Side};
use crate::rules::Rule;

use super::TerminalSafe;
use super::check::{self, Located, Summary};
use super::diff::{self, DocInfo};

/// Everything a findings report may show.
pub struct FindingsReport<'a> {
    pub findings: &'a [Located],
    pub summary: &'a Summary,
    /// Every rule that ran (SARIF lists them with their documentation).
    pub rules: &'a [&'a Rule],
    /// Input errors of the run (SARIF records them in its invocation).
    pub errors: &'a [String],
}

/// A format of findings reports.
pub trait FindingsEmitter {
    fn emit(&self, out: &mut dyn Write, report: &FindingsReport) -> io::Result<()>;
}

/// rustc-style text: each finding with its source line and a caret, then the summary line
/// (left out when `quiet`).
pub struct TextFindings {
    pub color: bool,
    pub quiet: bool,
}

/// The summary line after a text format's findings, unless `quiet`.
fn summary_unless(quiet: bool, out: &mut dyn Write, report: &FindingsReport) -> io::Result<()> {
    if quiet {
        return Ok(());
    }
    check::write_summary(out, report.summary)
}

impl FindingsEmitter for TextFindings {
    fn emit(&self, out: &mut dyn Write, report: &FindingsReport) -> io::Result<()> {
        check::write_findings_text(out, report.findings, self.color)?;
        summary_unless(self.quiet, out, report)
    }
}

/// One line per finding (`tệp:dòng:cột: lỗi RULE thông điệp`), then the summary line.
pub struct ConciseFindings {
    pub quiet: bool,
}

impl FindingsEmitter for ConciseFindings {
    fn emit(&self, out: &mut dyn Write, report: &FindingsReport) -> io::Result<()> {
        check::write_concise(out, report.findings)?;
        summary_unless(self.quiet, out, report)
    }
}

/// How many findings each rule has (`--statistics`), then the summary line.
pub struct StatisticsFindings {
    pub quiet: bool,
}

impl FindingsEmitter for StatisticsFindings {
    fn emit(&self, out: &mut dyn Write, report: &FindingsReport) -> io::Result<()> {
        check::write_statistics(out, report.findings)?;
        summary_unless(self.quiet, out, report)
    }
}

pub struct JsonFindings;

impl FindingsEmitter for JsonFindings {
    fn emit(&self, out: &mut dyn Write, report: &FindingsReport) -> io::Result<()> {
        check::write_json(out, report.findings, report.summary)
    }
}

pub struct SarifFindings;

impl FindingsEmitter for SarifFindings {
    fn emit(&self, out: &mut dyn Write, report: &FindingsReport) -> io::Result<()> {
        check::write_sarif(out, report.findings, report.rules, report.errors)
    }
}

/// GitHub Actions workflow commands (`::error file=…`).
pub struct GithubFindings;

impl FindingsEmitter for GithubFindings {
    fn emit(&self, out: &mut dyn Write, report: &FindingsReport) -> io::Result<()> {
        check::write_github(out, report.findings)
    }
}

/// GitLab's Code Quality report (JSON issues with fingerprints).
pub struct GitlabFindings;

impl FindingsEmitter for GitlabFindings {
    fn emit(&self, out: &mut dyn Write, report: &FindingsReport) -> io::Result<()> {
        super::gitlab::write_gitlab(out, report.findings)
    }
}

/// JUnit XML: a test suite per file, a failing test case per finding.
pub struct JunitFindings;

impl FindingsEmitter for JunitFindings {
    fn emit(&self, out: &mut dyn Write, report: &FindingsReport) -> io::Result<()> {
        super::junit::write_junit(out, report.findings, report.errors)
    }
}

/// Everything a comparison report may show: the two documents as read (their lines, for
/// formats that rebuild a document) and their comparison.
pub struct ComparisonReport<'a> {
    pub old: &'a DocInfo,
    pub new: &'a DocInfo,
    pub old_side: Side<'a>,
    pub new_side: Side<'a>,
    pub comparison: &'a Comparison,
}

/// A format of comparison reports.
pub trait ComparisonEmitter {
    fn emit(&self, out: &mut dyn Write, report: &ComparisonReport) -> io::Result<()>;
}

/// Section by section, coloured on a terminal, marked inline without colour.
pub struct TextComparison {
    pub color: bool,
}

impl ComparisonEmitter for TextComparison {
    fn emit(&self, out: &mut dyn Write, r: &ComparisonReport) -> io::Result<()> {
        diff::write_text(out, r.old, r.new, r.comparison, self.color)
    }
}

pub struct JsonComparison;

impl ComparisonEmitter for JsonComparison {
    fn emit(&self, out: &mut dyn Write, r: &ComparisonReport) -> io::Result<()> {
        diff::write_json(out, r.old, r.new, r.comparison)
    }
}

/// The comment-round report in Markdown (terminal escapes in the documents made visible).
pub struct MarkdownComparison;

impl ComparisonEmitter for MarkdownComparison {
    fn emit(&self, out: &mut dyn Write, r: &ComparisonReport) -> io::Result<()> {
        diff::write_markdown(&mut TerminalSafe::new(out), r.old, r.new, r.comparison)
    }
}

/// The comment-round report as one self-contained HTML page with a legal redline.
pub struct HtmlComparison;

impl ComparisonEmitter for HtmlComparison {
    fn emit(&self, out: &mut dyn Write, r: &ComparisonReport) -> io::Result<()> {
        diff::write_html(&mut TerminalSafe::new(out), r.old, r.new, r.comparison)
    }
}

/// A .docx writer's error as an output error (the package could not be built).
fn docx_failed(e: crate::docx::write::WriteError) -> io::Error {
    io::Error::other(e.to_string())
}

/// The new version as a .docx with the changes as Word tracked changes (bytes: to a file only).
pub struct RedlineDocxComparison {
    /// The date of the tracked changes (W3C, UTC).
    pub date: String,
}

impl ComparisonEmitter for RedlineDocxComparison {
    fn emit(&self, out: &mut dyn Write, r: &ComparisonReport) -> io::Result<()> {
        let revision = crate::docx::write::Revision {
            author: "rasoat".to_string(),
            date: self.date.clone(),
        };
        let bytes =
            super::redline::redline_docx(r.comparison, r.old_side.doc, r.new_side.doc, revision)
                .map_err(docx_failed)?;
        out.write_all(&bytes)
    }
}

/// How a bảng so sánh is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableForm {
    /// A landscape .docx (bytes: to a file only).
    Docx,
    Html,
    Markdown,
}

/// The bảng so sánh: one row per changed section, old text | new text | Giải trình.
pub struct TableComparison {
    pub form: TableForm,
    /// The date of the .docx's properties (W3C, UTC).
    pub date: String,
}

impl ComparisonEmitter for TableComparison {
    fn emit(&self, out: &mut dyn Write, r: &ComparisonReport) -> io::Result<()> {
        let table = super::table::comparison_table(
            r.comparison,
            r.old,
            r.new,
            r.old_side.doc,
            r.new_side.doc,
        );
        match self.form {
            TableForm::Docx => {
                out.write_all(&super::table::to_docx(&table, &self.date).map_err(docx_failed)?)
            }
            TableForm::Html => {
                TerminalSafe::new(out).write_all(super::table::to_html(&table).as_bytes())
            }
            TableForm::Markdown => {
                TerminalSafe::new(out).write_all(super::table::to_markdown(&table).as_bytes())
            }
        }
    }
}
