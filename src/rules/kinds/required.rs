//! `required`: blocks a document must have, and related whole-document checks.
//!
//! ```toml
//! [params]
//! blocks = ["national_title", "motto", "symbol", "place_date", "distribution", "archive", "signature"]
//! # or: check = "draft-blanks"  (a blank number or date without a draft mark)
//! # or: check = "body-end"      (the body ends with "./.")
//! ```

use crate::document::mapped::Span;
use crate::outline::model::Paragraph;
use crate::outline::{Block, Place};
use crate::rules::context::{DocContext, Origin, ScopedText};
use crate::rules::spec::RuleError;

use super::{Check, Hit, Params};

const BLOCKS: &[(&str, &str)] = &[
    ("national_title", "Quốc hiệu"),
    ("motto", "Tiêu ngữ"),
    ("issuing_body", "tên cơ quan ban hành"),
    ("symbol", "số, ký hiệu"),
    ("place_date", "địa danh và thời gian ban hành"),
    ("title", "trích yếu nội dung"),
    ("distribution", "nơi nhận"),
    ("archive", "dòng \"Lưu:\" trong nơi nhận"),
    ("signature", "chữ ký (quyền hạn, chức vụ của người ký)"),
];

#[derive(Debug)]
enum Mode {
    Blocks(Vec<(&'static str, &'static str)>),
    DraftBlanks,
    BodyEnd,
}

#[derive(Debug)]
pub struct Required {
    mode: Mode,
}

impl Required {
    pub fn compile(p: &Params) -> Result<Self, RuleError> {
        if let Some(check) = p.opt_str("check")? {
            return match check {
                "draft-blanks" => Ok(Required {
                    mode: Mode::DraftBlanks,
                }),
                "body-end" => Ok(Required {
                    mode: Mode::BodyEnd,
                }),
                other => Err(p.error("check", format!("unknown required check `{other}`"))),
            };
        }
        let names = p.str_list("blocks")?;
        if names.is_empty() {
            return Err(p.error("[params]", "give `blocks = [...]` or `check`"));
        }
        let mut blocks = Vec::new();
        for n in names {
            let known = BLOCKS
                .iter()
                .find(|(k, _)| *k == n)
                .ok_or_else(|| p.error("blocks", format!("unknown block `{n}`")))?;
            blocks.push(*known);
        }
        Ok(Required {
            mode: Mode::Blocks(blocks),
        })
    }
}

fn present(ctx: &DocContext, block: &str) -> bool {
    let d = ctx.doc;
    let h = &d.header;
    match block {
        "national_title" => h.national_title.is_some(),
        "motto" => h.motto.is_some(),
        "issuing_body" => h.issuing_body.is_some(),
        "symbol" => h.symbol.is_some(),
        "place_date" => h.place_date.is_some(),
        "title" => h.title.is_some(),
        "distribution" => d.distribution.is_some(),
        "archive" => d.distribution.as_ref().is_some_and(|x| x.archive.is_some()),
        "signature" => !d.signature.is_empty(),
        _ => true,
    }
}

/// Whether one of the body's own paragraphs already ends with the end mark `./.`. The mark closes
/// the text so that nothing can be added after it: when more paragraphs follow it inside the body,
/// they are not the body's continuation but what the reading could not place (cells of a table
/// after the text, an annex or form whose heading the conversion mangled, a signature flattened
/// into lines, an attachment note), and the body did end where the mark is.
fn closed_earlier(d: &crate::outline::model::Document) -> bool {
    let ends = |p: &Paragraph| !p.quoted && p.as_str().trim_end().ends_with("./.");
    d.body.preamble.iter().any(ends)
        || d.body.closing.iter().any(ends)
        || d.all_sections()
            .filter(|s| !s.is_quoted())
            .any(|s| ends(&s.heading) || s.paragraphs.iter().any(ends))
}

fn hit_on(p: &Paragraph) -> Option<Hit> {
    Hit::whole(&ScopedText::of(p, Origin::block(Block::Header)))
}

impl Check for Required {
    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let d = ctx.doc;
        match &self.mode {
            Mode::Blocks(blocks) => {
                // Only an issued document (it has a Số line or a place and date) is held to the form:
                // an excerpt, or a report form in an appendix under its own Quốc hiệu, is not.
                if d.header.symbol.is_none() && d.header.place_date.is_none() {
                    return;
                }
                for (block, name) in blocks {
                    if !present(ctx, block) {
                        let line = d.first_line.max(1);
                        out.push(Hit {
                            span: Span {
                                line,
                                column: 1,
                                end_line: line,
                                end_column: 1,
                            },
                            place: Place::block(Block::Header),
                            excerpt: String::new(),
                            vars: vec![("block", (*name).to_string())],
                            suggestion: None,
                        });
                    }
                }
            }
            Mode::DraftBlanks => {
                if d.is_draft() {
                    return;
                }
                if let Some(s) = &d.header.symbol
                    && s.number.is_none()
                {
                    out.extend(hit_on(&s.line).map(|h| h.var("field", "số")));
                }
                if let Some(pd) = &d.header.place_date
                    && (pd.day.is_none() || pd.month.is_none())
                {
                    out.extend(hit_on(&pd.line).map(|h| h.var("field", "ngày tháng")));
                }
            }
            Mode::BodyEnd => {
                let body = &d.body;
                if body.is_empty() || closed_earlier(d) {
                    return;
                }
                // The document's own last paragraph: quoted text ends another document.
                let last: Option<(&Paragraph, Origin)> = body
                    .closing
                    .last()
                    .map(|p| (p, Origin::block(Block::Closing)))
                    .or_else(|| {
                        let s = d.all_sections().filter(|s| !s.is_quoted()).last()?;
                        let origin = Origin {
                            block: Block::Section,
                            attachment: None,
                            section: Some(s),
                        };
                        Some((
                            s.paragraphs
                                .iter()
                                .rfind(|p| !p.quoted)
                                .unwrap_or(&s.heading),
                            origin,
                        ))
                    })
                    .or_else(|| {
                        body.preamble
                            .iter()
                            .rfind(|p| !p.quoted)
                            .map(|p| (p, Origin::block(Block::Preamble)))
                    });
                if let Some((p, origin)) = last
                    && !p.as_str().trim_end().ends_with("./.")
                {
                    // Point at the last few characters, where "./." should be.
                    let text = p.as_str();
                    let start = text.char_indices().rev().nth(11).map_or(0, |(i, _)| i);
                    out.extend(Hit::at(&ScopedText::of(p, origin), start, text.len()));
                }
            }
        }
    }
}
