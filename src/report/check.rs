//! `rasoat check` reports: rustc-style text, JSON, SARIF 2.1.0 and GitHub workflow annotations.
//!
//! JSON field names are a contract: extend, never rename.

use std::collections::BTreeMap;
use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;

use crate::document::lines::{Lines, OwnedLine};
use crate::document::mapped::MappedStr;
use crate::outline::Block;
use crate::rules::{Finding, Round, Rule, Severity};

use super::terminal_safe;

/// A finding with the file it is in (and, for text output, the line it starts on).
#[derive(Debug, Clone)]
pub struct Located {
    pub path: String,
    pub finding: Finding,
    /// The source line the finding starts on, for showing it (files are not kept in memory).
    pub source: Option<OwnedLine>,
}

impl Located {
    /// A finding with its source line taken from the file's lines.
    pub fn new(path: String, finding: Finding, lines: Option<&Lines>) -> Located {
        let source = lines
            .and_then(|l| l.line(finding.line))
            .map(|l| l.to_owned_line());
        Located {
            path,
            finding,
            source,
        }
    }

    /// Whether line numbers count paragraphs: in a .docx, line N is the N-th paragraph of the
    /// body in reading order (the text `rasoat text FILE.docx` prints).
    pub fn in_paragraphs(&self) -> bool {
        self.path.to_ascii_lowercase().ends_with(".docx")
    }

    fn position_unit(&self) -> &'static str {
        if self.in_paragraphs() {
            "paragraph"
        } else {
            "line"
        }
    }
}

#[derive(Serialize)]
struct FindingJson<'a> {
    path: &'a str,
    document: usize,
    rule: &'a str,
    severity: Severity,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    /// What `line` counts: `line` in text files, `paragraph` in .docx files (columns are
    /// characters within it).
    position_unit: &'static str,
    /// The numbering path of the part (`III.3`, `PL1/Điều 5.2`) or the block's name (`Căn cứ`).
    section: String,
    /// The block: `header`, `legal-bases`, `section`, `distribution`…
    block: crate::outline::Block,
    /// The key of the attachment (`PL1`), `null` in the document's own text.
    attachment: Option<&'a str>,
    /// The place as a reader cites it: `khoản 2 Điều 5`, `mục 3 phần III`, `Căn cứ`.
    citation: String,
    message: &'a str,
    excerpt: &'a str,
    suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    round: Option<Round>,
}

/// Counts over a check.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings of the new round introduced by it (with `--against`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<usize>,
    /// Findings of the old round fixed by the new one (with `--against`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed: Option<usize>,
    pub by_rule: BTreeMap<String, usize>,
}

impl Summary {
    pub fn new(files: usize, documents: usize, findings: &[Located]) -> Summary {
        let mut s = Summary {
            files,
            documents,
            ..Summary::default()
        };
        for f in findings.iter().map(|l| &l.finding) {
            if f.round == Some(Round::Fixed) {
                *s.fixed.get_or_insert(0) += 1;
                continue;
            }
            s.findings += 1;
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
            if f.round == Some(Round::New) {
                *s.new.get_or_insert(0) += 1;
            }
            *s.by_rule.entry(f.rule.clone()).or_default() += 1;
        }
        s
    }
}

#[derive(Serialize)]
struct CheckJson<'a> {
    findings: Vec<FindingJson<'a>>,
    summary: &'a Summary,
}

pub fn write_json(out: &mut dyn Write, findings: &[Located], summary: &Summary) -> io::Result<()> {
    let json = CheckJson {
        findings: findings
            .iter()
            .map(|l| {
                let f = &l.finding;
                FindingJson {
                    path: &l.path,
                    document: f.document,
                    rule: &f.rule,
                    severity: f.severity,
                    line: f.line,
                    column: f.column,
                    end_line: f.end_line,
                    end_column: f.end_column,
                    position_unit: l.position_unit(),
                    section: f.section(),
                    block: f.place.block,
                    attachment: f.place.attachment.as_ref().map(|a| a.key.as_str()),
                    citation: f.place.citation(),
                    message: &f.message,
                    excerpt: &f.excerpt,
                    suggestion: f.suggestion.as_deref(),
                    round: f.round,
                }
            })
            .collect(),
        summary,
    };
    super::write_pretty_json(out, &json)
}

/// Byte range in `line` of the characters at original columns `from..=to` (1-based).
fn byte_range(line: MappedStr, from: u32, to: u32) -> std::ops::Range<usize> {
    let text = line.as_str();
    let mut start = None;
    let mut end = text.len();
    for ((byte, _), (_, pos)) in text.char_indices().zip(line.chars()) {
        if start.is_none() && pos.column >= from {
            start = Some(byte);
        }
        if pos.column > to {
            end = byte;
            break;
        }
    }
    let start = start.unwrap_or(text.len());
    start..end.max(start)
}

/// Where a finding is, for a reader: the citation form with the numbering path of a part
/// (`mục 3 phần III (III.3)`, `khoản 2 Điều 5 (Điều 5.2)`), a block by its name (`Căn cứ`).
fn place_name(place: &crate::outline::Place) -> String {
    let citation = place.citation();
    let path = place.path();
    if place.is_section() && citation != path && path.contains(['.', '/']) {
        format!("{citation} ({path})")
    } else {
        citation
    }
}

fn round_note(f: &Finding) -> &'static str {
    match f.round {
        Some(Round::New) => " [mới trong vòng này]",
        Some(Round::Old) => " [đã có từ vòng trước]",
        Some(Round::Fixed) => " [đã sửa trong vòng này]",
        None => "",
    }
}

/// Writes findings rustc-style: the rule, the message, the source line with a caret under the
/// span (columns right for Vietnamese), and the suggestion.
pub fn write_text(
    out: &mut dyn Write,
    findings: &[Located],
    summary: &Summary,
    color: bool,
) -> io::Result<()> {
    write_findings_text(out, findings, color)?;
    write_summary(out, summary)
}

/// The findings of [`write_text`] without the summary line (`--quiet`).
pub fn write_findings_text(
    out: &mut dyn Write,
    findings: &[Located],
    color: bool,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for l in findings {
        let f = &l.finding;
        // The colours of annotate-snippets' levels, the words reviewers read (lỗi, cảnh báo,
        // thông tin); JSON and SARIF keep `error`/`warning`/`info`, which are contracts.
        let level = match f.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        }
        .with_name(f.severity.vietnamese());
        let note = Level::NOTE.with_name("ghi chú");
        // Control characters from a document or a file name are shown, not obeyed.
        let title = terminal_safe(&format!("{}{}", f.message, round_note(f))).into_owned();
        // The origin stays `path:line:col` so that editors and terminals can open it.
        let origin = terminal_safe(&l.path).into_owned();
        let mut place = terminal_safe(&format!(
            "văn bản #{}, {}",
            f.document,
            place_name(&f.place)
        ))
        .into_owned();
        if l.in_paragraphs() && f.place.block == Block::Footnotes {
            place.push_str(&format!(
                "; tệp .docx: dòng {} là dòng của chú thích, sau phần thân văn bản (xem `rasoat text`)",
                f.line
            ));
        } else if l.in_paragraphs() {
            place.push_str(&format!(
                "; tệp .docx: dòng {} là đoạn văn thứ {} (xem `rasoat text`)",
                f.line, f.line
            ));
        }
        let line = l.source.as_ref();
        let report = match line {
            Some(line) if !line.text.as_str().is_empty() => {
                let to = if f.end_line == f.line {
                    f.end_column
                } else {
                    u32::MAX
                };
                let range = byte_range(line.text.view(), f.column, to);
                // The line as shown: control characters replaced one for one (annotate-snippets
                // replaces C0 ones, not C1 ones like CSI), the range moved onto the same characters.
                let raw = line.text.as_str();
                let source = terminal_safe(raw);
                let range = if source.len() == raw.len() {
                    range
                } else {
                    let at = |byte: usize| {
                        let k = raw[..byte].chars().count();
                        source
                            .char_indices()
                            .nth(k)
                            .map_or(source.len(), |(i, _)| i)
                    };
                    at(range.start)..at(range.end)
                };
                let label = f
                    .suggestion
                    .as_ref()
                    .map(|s| format!("gợi ý: \"{}\"", terminal_safe(s)))
                    .unwrap_or_default();
                let annotation = AnnotationKind::Primary.span(range).label(label);
                renderer.render(&[level
                    .primary_title(title.as_str())
                    .id(f.rule.as_str())
                    .element(
                        Snippet::source(source.as_ref())
                            .line_start(f.line as usize)
                            .path(origin.as_str())
                            .annotation(annotation),
                    )
                    .element(note.clone().message(place.as_str()))])
            }
            _ => renderer.render(&[level
                .primary_title(title.as_str())
                .id(f.rule.as_str())
                .element(
                    annotate_snippets::Origin::path(origin.as_str())
                        .line(f.line.max(1) as usize)
                        .char_column(f.column.max(1) as usize),
                )
                .element(note.clone().message(place.as_str()))]),
        };
        writeln!(out, "{report}\n")?;
    }
    Ok(())
}

/// The closing line of the text formats: `15 phát hiện (6 lỗi, 8 cảnh báo, 1 thông tin) trong 3
/// văn bản, 1 tệp.`, and the rounds' counts with `--against`.
pub fn write_summary(out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    let mut line = format!(
        "{} phát hiện ({} lỗi, {} cảnh báo, {} thông tin) trong {} văn bản, {} tệp.",
        summary.findings,
        summary.errors,
        summary.warnings,
        summary.infos,
        summary.documents,
        summary.files
    );
    if let Some(n) = summary.new {
        line.push_str(&format!(" Mới trong vòng này: {n}."));
    }
    if let Some(n) = summary.fixed {
        line.push_str(&format!(" Đã sửa so với vòng trước: {n}."));
    }
    writeln!(out, "{line}")
}

/// Writes one line per finding, `tệp:dòng:cột: lỗi RULE thông điệp` (the form editors and
/// `grep -n` use, so that the place opens with a click); no summary line.
pub fn write_concise(out: &mut dyn Write, findings: &[Located]) -> io::Result<()> {
    for l in findings {
        let f = &l.finding;
        let line = format!(
            "{}:{}:{}: {} {} {}{}",
            l.path,
            f.line,
            f.column,
            f.severity.vietnamese(),
            f.rule,
            f.message,
            round_note(f)
        );
        // One line: a message never breaks it, and control characters are shown, not obeyed.
        writeln!(out, "{}", terminal_safe(&line.replace(['\n', '\r'], " ")))?;
    }
    Ok(())
}

/// Writes how many findings each rule has, most first (`--statistics`): count, rule, severity.
pub fn write_statistics(out: &mut dyn Write, findings: &[Located]) -> io::Result<()> {
    let mut by_rule: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    for f in findings
        .iter()
        .map(|l| &l.finding)
        .filter(|f| f.round != Some(Round::Fixed))
    {
        let e = by_rule.entry(f.rule.as_str()).or_insert((0, f.severity));
        e.0 += 1;
        e.1 = e.1.max(f.severity);
    }
    let mut rows: Vec<(&str, usize, Severity)> =
        by_rule.into_iter().map(|(r, (n, s))| (r, n, s)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let count_width = rows.first().map_or(1, |r| r.1.to_string().len());
    for (rule, n, severity) in rows {
        writeln!(
            out,
            "{n:>count_width$}  {}  {}",
            terminal_safe(&format!("{rule:<width$}")),
            severity.vietnamese()
        )?;
    }
    Ok(())
}

/// Escapes a value for a GitHub workflow command (data part or property).
fn gh_escape(s: &str, property: bool) -> String {
    let mut out = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    terminal_safe(&out).into_owned()
}

/// Writes GitHub Actions workflow annotations (`::error file=…,line=…::message`).
pub fn write_github(out: &mut dyn Write, findings: &[Located]) -> io::Result<()> {
    for l in findings
        .iter()
        .filter(|l| l.finding.round != Some(Round::Fixed))
    {
        let f = &l.finding;
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        if l.in_paragraphs() {
            // Annotations on lines of a binary file would point nowhere: name the paragraph.
            writeln!(
                out,
                "::{command} file={},title={}::{}",
                gh_escape(&l.path, true),
                gh_escape(&f.rule, true),
                gh_escape(
                    &format!(
                        "Đoạn {}, ký tự {}: {}{}",
                        f.line,
                        f.column,
                        f.message,
                        round_note(f)
                    ),
                    false
                )
            )?;
            continue;
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            gh_escape(&l.path, true),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            gh_escape(&f.rule, true),
            gh_escape(&format!("{}{}", f.message, round_note(f)), false)
        )?;
    }
    Ok(())
}

// --- SARIF 2.1.0 ----------------------------------------------------------------------------

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Sarif<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: SarifTool<'a>,
    /// `%SRCROOT%`, the folder relative paths are relative to (the current folder).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, SarifArtifact>,
    invocations: Vec<SarifInvocation>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifInvocation {
    execution_successful: bool,
    /// Input errors (a file that could not be read), one notification each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<SarifNotification>,
}

#[derive(Serialize)]
struct SarifNotification {
    level: &'static str,
    message: SarifText,
}

#[derive(Serialize)]
struct SarifTool<'a> {
    driver: SarifDriver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifDriver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<String>,
    rules: Vec<SarifRule<'a>>,
}

#[derive(Serialize)]
struct SarifText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule<'a> {
    id: &'a str,
    name: String,
    short_description: SarifText,
    full_description: SarifText,
    help: SarifText,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: SarifLevel,
    properties: SarifRuleProperties<'a>,
}

#[derive(Serialize)]
struct SarifLevel {
    level: &'static str,
}

#[derive(Serialize)]
struct SarifRuleProperties<'a> {
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: SarifText,
    locations: Vec<SarifLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<BTreeMap<&'static str, String>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: SarifPhysical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysical {
    artifact_location: SarifArtifact,
    /// None for a .docx: its lines are paragraphs, which SARIF viewers cannot show.
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifArtifact {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Where rasoat's documentation lives, when the build knows it: `RASOAT_REPOSITORY` at build
/// time, else Cargo's `repository` metadata. SARIF's `informationUri` and rules' `helpUri` point
/// there (they must be absolute URIs, so they are left out when it is unknown).
pub const REPOSITORY: Option<&str> = match option_env!("RASOAT_REPOSITORY") {
    Some(r) => Some(r),
    None => match env!("CARGO_PKG_REPOSITORY").as_bytes() {
        [] => None,
        _ => Some(env!("CARGO_PKG_REPOSITORY")),
    },
};

/// A rule's documentation at `repository`: its file among the rule packs (GitHub and GitLab
/// both show `blob/main/…`), whose `doc` is what `rasoat explain` prints.
fn help_uri(repository: &str, pack: &str, id: &str) -> String {
    format!(
        "{}/blob/main/rules/{}/{}.toml",
        repository.trim_end_matches('/'),
        percent_encode(pack),
        percent_encode(id)
    )
}

/// The sentences of a rule's "Kiểm tra gì:" paragraph, joined on one line, starting with a
/// capital and ending with a full stop (the first line alone stops mid-sentence).
fn short_description(doc: &str, id: &str) -> String {
    let mut lines = doc.lines().skip_while(|l| !l.starts_with("Kiểm tra gì:"));
    let Some(first) = lines.next() else {
        return id.to_string();
    };
    let mut text = first.trim_start_matches("Kiểm tra gì:").trim().to_string();
    for l in lines.take_while(|l| !l.trim().is_empty()) {
        text.push(' ');
        text.push_str(l.trim());
    }
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => return id.to_string(),
    };
    if !out.ends_with(['.', '!', '?', ')']) {
        out.push('.');
    }
    out
}

fn percent_encode(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The artifact location of a path: an absolute path as a `file://` URI, a relative one as a
/// relative reference against `%SRCROOT%` (the current folder), both percent-encoded.
fn artifact(path: &str) -> SarifArtifact {
    let unified = path.replace('\\', "/");
    let windows_drive = unified.as_bytes().get(1) == Some(&b':')
        && unified.as_bytes()[0].is_ascii_alphabetic()
        && unified.as_bytes().get(2) == Some(&b'/');
    if unified.starts_with('/') || windows_drive {
        let slash = if windows_drive { "/" } else { "" };
        return SarifArtifact {
            uri: format!("file://{slash}{}", percent_encode(&unified)),
            uri_base_id: None,
        };
    }
    SarifArtifact {
        uri: relative_uri(path),
        uri_base_id: Some("%SRCROOT%"),
    }
}

/// A relative URI for a path: forward slashes, percent-encoded where needed.
fn relative_uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
    percent_encode(&path)
}

/// Writes SARIF 2.1.0 with every rule of the set (help text from its doc), relative URIs, regions
/// with Unicode code point columns and partial fingerprints.
/// `errors` are the input errors of the run (files that could not be read), written as the
/// invocation's notifications.
pub fn write_sarif(
    out: &mut dyn Write,
    findings: &[Located],
    rules: &[&Rule],
    errors: &[String],
) -> io::Result<()> {
    let sarif_rules: Vec<SarifRule> = rules
        .iter()
        .map(|r| SarifRule {
            id: r.id(),
            name: r.id().to_lowercase().replace('-', "_"),
            short_description: SarifText {
                text: short_description(&r.spec.doc, r.id()),
            },
            full_description: SarifText {
                text: r.spec.doc.trim().to_string(),
            },
            help: SarifText {
                text: format!("{}\n\nrasoat explain {}", r.spec.doc.trim(), r.id()),
            },
            // A rule of one's own (from --rules or a configuration's folders) has no page there.
            help_uri: REPOSITORY
                .filter(|_| r.is_builtin())
                .map(|repo| help_uri(repo, &r.spec.pack, r.id())),
            default_configuration: SarifLevel {
                level: sarif_level(r.spec.severity),
            },
            properties: SarifRuleProperties {
                tags: vec![r.spec.pack.as_str()],
            },
        })
        .collect();
    let results = findings
        .iter()
        .filter(|l| l.finding.round != Some(Round::Fixed))
        .map(|l| {
            let f = &l.finding;
            SarifResult {
                rule_id: f.rule.clone(),
                rule_index: rules.iter().position(|r| r.id() == f.rule).unwrap_or(0),
                level: sarif_level(f.severity),
                message: SarifText {
                    text: if l.in_paragraphs() {
                        format!("Đoạn {}, ký tự {}: {}", f.line, f.column, f.message)
                    } else {
                        f.message.clone()
                    },
                },
                locations: vec![SarifLocation {
                    physical_location: SarifPhysical {
                        artifact_location: artifact(&l.path),
                        region: (!l.in_paragraphs()).then(|| SarifRegion {
                            start_line: f.line.max(1),
                            start_column: f.column.max(1),
                            end_line: f.end_line.max(f.line).max(1),
                            // SARIF end columns are exclusive.
                            end_column: f.end_column.max(1) + 1,
                        }),
                    },
                }],
                partial_fingerprints: BTreeMap::from([("rasoat/v1", f.key().fingerprint(&l.path))]),
                properties: f.round.map(|r| {
                    BTreeMap::from([(
                        "round",
                        match r {
                            Round::New => "new",
                            Round::Old => "old",
                            Round::Fixed => "fixed",
                        }
                        .to_string(),
                    )])
                }),
            }
        })
        .collect();
    let sarif = Sarif {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![SarifRun {
            tool: SarifTool {
                driver: SarifDriver {
                    name: "rasoat",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: REPOSITORY.map(str::to_string),
                    rules: sarif_rules,
                },
            },
            original_uri_base_ids: std::env::current_dir()
                .ok()
                .and_then(|d| d.to_str().map(|d| format!("{}/", d.trim_end_matches('/'))))
                .map(|d| {
                    BTreeMap::from([(
                        "%SRCROOT%",
                        SarifArtifact {
                            uri: artifact(&d).uri,
                            uri_base_id: None,
                        },
                    )])
                })
                .unwrap_or_default(),
            invocations: vec![SarifInvocation {
                execution_successful: errors.is_empty(),
                tool_execution_notifications: errors
                    .iter()
                    .map(|e| SarifNotification {
                        level: "error",
                        message: SarifText {
                            text: e.strip_prefix("rasoat: ").unwrap_or(e).to_string(),
                        },
                    })
                    .collect(),
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    super::write_pretty_json(out, &sarif)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sarif_artifacts_and_help_links() {
        let a = artifact("/tmp/dự thảo/a b.txt");
        assert_eq!(
            (a.uri.as_str(), a.uri_base_id),
            ("file:///tmp/d%E1%BB%B1%20th%E1%BA%A3o/a%20b.txt", None)
        );
        let a = artifact("C:\\docs\\a.txt");
        assert_eq!(a.uri, "file:///C%3A/docs/a.txt");
        let a = artifact("./docs/a.txt");
        assert_eq!(
            (a.uri.as_str(), a.uri_base_id),
            ("docs/a.txt", Some("%SRCROOT%"))
        );
        // A file of a git revision is no URI scheme.
        assert_eq!(artifact("HEAD~1:a.txt").uri, "HEAD~1%3Aa.txt");
        assert_eq!(
            help_uri("https://example.org/rasoat/", "nd30", "ND30-LUU-VT"),
            "https://example.org/rasoat/blob/main/rules/nd30/ND30-LUU-VT.toml"
        );
    }

    #[test]
    fn short_descriptions_are_whole_sentences() {
        let doc = "Kiểm tra gì: dòng một\nvà dòng hai\n\nVì sao quan trọng: …";
        assert_eq!(short_description(doc, "X"), "Dòng một và dòng hai.");
        assert_eq!(short_description("không có", "X"), "X");
    }
}
