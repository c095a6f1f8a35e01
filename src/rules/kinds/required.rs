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
use crate::rules::context::{DocContext, ScopedText};
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

fn hit_on(p: &Paragraph, section: &str) -> Option<Hit> {
    Hit::whole(&ScopedText {
        text: p.text.view(),
        section,
    })
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
                            section: "Thể thức".to_string(),
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
                    out.extend(hit_on(&s.line, "Thể thức").map(|h| h.var("field", "số")));
                }
                if let Some(pd) = &d.header.place_date
                    && (pd.day.is_none() || pd.month.is_none())
                {
                    out.extend(hit_on(&pd.line, "Thể thức").map(|h| h.var("field", "ngày tháng")));
                }
            }
            Mode::BodyEnd => {
                if d.sections.is_empty() && d.closing.is_empty() && d.preamble.is_empty() {
                    return;
                }
                let last: Option<(&Paragraph, &str)> = d
                    .closing
                    .last()
                    .map(|p| (p, "Phần kết"))
                    .or_else(|| {
                        let s = d.all_sections().last()?;
                        Some((s.paragraphs.last().unwrap_or(&s.heading), s.number.as_str()))
                    })
                    .or_else(|| d.preamble.last().map(|p| (p, "Phần mở đầu")));
                if let Some((p, section)) = last
                    && !p.as_str().trim_end().ends_with("./.")
                {
                    // Point at the last few characters, where "./." should be.
                    let text = p.as_str();
                    let start = text.char_indices().rev().nth(11).map_or(0, |(i, _)| i);
                    out.extend(Hit::at(
                        &ScopedText {
                            text: p.text.view(),
                            section,
                        },
                        start,
                        text.len(),
                    ));
                }
            }
        }
    }
}
