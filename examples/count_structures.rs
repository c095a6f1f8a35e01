//! Reads every document of a folder with rasoat's outline and counts what it finds there:
//! attachments by kind, quotations, amending instructions and footnotes (see
//! `scripts/count-structures.sh`, which runs it over `../shared/dataset`).
//!
//! `cargo run --release --example count_structures -- [--jobs N] [--show-instructions] DIR…`
//!
//! `--show-instructions` prints each amending instruction found (`path:line: title`), to see what
//! the count holds.
//!
//! Every file must parse: a file that gives an error or panics is listed, and the exit code is 1.
//! The outline JSON of each document is built too, as `rasoat outline --format json` would.
//!
//! What is counted, per document (and its attachments):
//! - attachments: `Document.attachments`, by kind (the outline JSON's `attachments[].kind`);
//! - quotations: runs of consecutive quoted paragraphs (JSON `"quoted": true`), a new run starting
//!   where the quoted part changes; quoted sections and paragraphs are counted too;
//! - amending instructions: the document's own parts that amend another (`Section.amends`, the
//!   outline JSON's `amends`: `Sửa đổi, bổ sung khoản 2 Điều 5 như sau:`, `Bãi bỏ điểm c khoản 3
//!   Điều 7`);
//! - footnotes: `Document.footnotes` (the numbered notes of a consolidated text, or a .docx's
//!   footnotes).

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use rasoat::input::{self, LoadOptions};
use rasoat::outline::{Block, Document, Section};

#[derive(Default)]
struct Counts {
    files: usize,
    documents: usize,
    failed: Vec<(PathBuf, String)>,
    documents_with_attachments: usize,
    attachments: BTreeMap<String, usize>,
    templates: usize,
    attachment_sections: usize,
    quotations: usize,
    quoted_sections: usize,
    quoted_paragraphs: usize,
    documents_with_quotations: usize,
    instructions: usize,
    documents_with_instructions: usize,
    footnotes: usize,
    documents_with_footnotes: usize,
    /// `--show-instructions`: the instructions found, as `path:line: title`.
    show_instructions: bool,
    shown: Vec<String>,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.files += other.files;
        self.documents += other.documents;
        self.failed.extend(other.failed);
        self.documents_with_attachments += other.documents_with_attachments;
        for (k, v) in other.attachments {
            *self.attachments.entry(k).or_default() += v;
        }
        self.templates += other.templates;
        self.attachment_sections += other.attachment_sections;
        self.quotations += other.quotations;
        self.quoted_sections += other.quoted_sections;
        self.quoted_paragraphs += other.quoted_paragraphs;
        self.documents_with_quotations += other.documents_with_quotations;
        self.instructions += other.instructions;
        self.documents_with_instructions += other.documents_with_instructions;
        self.footnotes += other.footnotes;
        self.documents_with_footnotes += other.documents_with_footnotes;
        self.shown.extend(other.shown);
    }

    fn document(&mut self, d: &Document) {
        self.documents += 1;
        if !d.attachments.is_empty() {
            self.documents_with_attachments += 1;
        }
        for a in &d.attachments {
            let kind = serde_json::to_value(a.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            *self.attachments.entry(kind).or_default() += 1;
            self.templates += usize::from(a.template);
            self.attachment_sections += a.content.all_sections().count();
        }
        // Every paragraph in reading order, with whether it is quoted and the quotation of the
        // part it is in.
        let mut paragraphs: Vec<(u32, bool, Option<u32>)> = Vec::new();
        let mut instructions = 0;
        for b in d.blocks() {
            if b.block == Block::Section {
                for s in b.sections.iter().flat_map(Section::walk) {
                    self.quoted_sections += usize::from(s.is_quoted());
                    if s.amends.is_some() {
                        instructions += 1;
                        if self.show_instructions {
                            self.shown
                                .push(format!("{}: {}", s.line(), s.title.as_str()));
                        }
                    }
                    for p in std::iter::once(&s.heading).chain(&s.paragraphs) {
                        paragraphs.push((p.line(), p.quoted, s.quote));
                    }
                }
            } else {
                for p in &b.paragraphs {
                    paragraphs.push((p.line(), p.quoted, None));
                }
            }
        }
        paragraphs.sort_by_key(|p| p.0);
        let mut quotations = 0;
        let mut previous: Option<(bool, Option<u32>)> = None;
        for &(_, quoted, quote) in &paragraphs {
            if quoted {
                self.quoted_paragraphs += 1;
                let same = matches!(previous, Some((true, q)) if q == quote || q.is_none() || quote.is_none());
                if !same {
                    quotations += 1;
                }
            }
            previous = Some((quoted, quote));
        }
        self.quotations += quotations;
        self.documents_with_quotations += usize::from(quotations > 0);
        self.instructions += instructions;
        self.documents_with_instructions += usize::from(instructions > 0);
        self.footnotes += d.footnotes.len();
        self.documents_with_footnotes += usize::from(!d.footnotes.is_empty());
    }
}

fn count_file(path: &Path, options: &LoadOptions, show: bool) -> Counts {
    let mut counts = Counts {
        files: 1,
        ..Counts::default()
    };
    let result = catch_unwind(AssertUnwindSafe(|| -> Result<Counts, String> {
        let file = input::load(path, options).map_err(|e| e.to_string())?;
        let mut c = Counts {
            show_instructions: show,
            ..Counts::default()
        };
        for d in &file.parsed.documents {
            // As `rasoat outline --format json` builds it.
            serde_json::to_string(&rasoat::report::outline::document_json(d))
                .map_err(|e| format!("outline JSON: {e}"))?;
            c.document(d);
        }
        for line in &mut c.shown {
            *line = format!("{}:{line}", path.display());
        }
        Ok(c)
    }));
    match result {
        Ok(Ok(c)) => counts.add(c),
        Ok(Err(e)) => counts.failed.push((path.to_path_buf(), e)),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            counts
                .failed
                .push((path.to_path_buf(), format!("panic: {message}")));
        }
    }
    counts
}

fn main() -> Result<(), String> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut jobs = 1usize;
    let mut show = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--jobs" | "-j" => {
                jobs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--jobs needs a number")?;
            }
            "--show-instructions" => show = true,
            _ => dirs.push(a.into()),
        }
    }
    if dirs.is_empty() {
        return Err("give the folders to read".to_string());
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in &dirs {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for e in entries {
            let path = e.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path.is_file() && input::is_document(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    let options = LoadOptions::default();
    let started = std::time::Instant::now();
    // Panics are caught and reported per file; their messages need not be printed twice.
    std::panic::set_hook(Box::new(|_| {}));
    let chunk = files.len().div_ceil(jobs).max(1);
    let mut total = Counts::default();
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                let options = &options;
                s.spawn(move || {
                    let mut c = Counts::default();
                    for path in part {
                        c.add(count_file(path, options, show));
                    }
                    c
                })
            })
            .collect();
        for h in handles {
            total.add(h.join().expect("panics are caught per file"));
        }
    });
    let t = &total;
    println!(
        "files: {}   documents: {}   failed: {}   ({:.1} s)",
        t.files,
        t.documents,
        t.failed.len(),
        started.elapsed().as_secs_f64()
    );
    let attachments: usize = t.attachments.values().sum();
    println!(
        "attachments: {attachments} in {} documents ({} read as templates; {} sections in them)",
        t.documents_with_attachments, t.templates, t.attachment_sections
    );
    for (kind, n) in &t.attachments {
        println!("  {kind:<12} {n}");
    }
    println!(
        "quotations: {} in {} documents ({} quoted sections, {} quoted paragraphs)",
        t.quotations, t.documents_with_quotations, t.quoted_sections, t.quoted_paragraphs
    );
    println!(
        "amending instructions: {} in {} documents",
        t.instructions, t.documents_with_instructions
    );
    println!(
        "footnotes: {} in {} documents",
        t.footnotes, t.documents_with_footnotes
    );
    for line in &t.shown {
        println!("  {line}");
    }
    for (path, e) in &t.failed {
        println!("FAILED {}: {e}", path.display());
    }
    if t.failed.is_empty() {
        Ok(())
    } else {
        Err(format!("{} file(s) failed", t.failed.len()))
    }
}
