//! `signature`: the shape of the signature block (Nghị định 30, Điều 13).
//!
//! Valid: `TM. <TẬP THỂ>` / `<NGƯỜI ĐỨNG ĐẦU>`; `TM. …` / `KT. <NGƯỜI ĐỨNG ĐẦU>` / `<CẤP PHÓ>`;
//! `KT. <NGƯỜI ĐỨNG ĐẦU>` / `<CẤP PHÓ>`; `TL.`/`TUQ. <NGƯỜI ĐỨNG ĐẦU>` / `<TRƯỞNG ĐƠN VỊ>` (which may
//! itself sign `KT.` for its head). Reported: `KT. X` followed by `X`; `KT. PHÓ …`; a deputy
//! title without `KT.`; `TUQ.` followed by `KT.`; a deputy that is not the head's deputy; a `TM.`
//! collective other than the issuing body.
//!
//! ```toml
//! [params]
//! check = "shape"
//! ```

use crate::outline::Block;
use crate::outline::model::{SignatureLine, SignatureRole};
use crate::rules::context::{DocContext, Origin, ScopedText};
use crate::rules::spec::RuleError;
use crate::text::fold;

use super::{Check, Hit, Params};

#[derive(Debug)]
pub struct Signature;

impl Signature {
    pub fn compile(p: &Params) -> Result<Self, RuleError> {
        match p.str("check")? {
            "shape" => Ok(Signature),
            other => Err(p.error("check", format!("`check` must be shape, not `{other}`"))),
        }
    }
}

/// Whether `deputy` is a deputy title of `head`: `PHÓ CHỦ TỊCH` of `CHỦ TỊCH`, `THỨ TRƯỞNG` of
/// `BỘ TRƯỞNG`, `PHÓ TRƯỞNG BAN` of `TRƯỞNG BAN CHÍNH SÁCH` (the unit name may be left out),
/// `PHÓ CHỦ NHIỆM` of `BỘ TRƯỞNG, CHỦ NHIỆM` (a head with two titles).
fn is_deputy_of(deputy: &str, head: &str) -> bool {
    let deputy_upper = deputy.to_uppercase();
    head.split(',').map(str::trim).any(|head| {
        if head.to_uppercase().starts_with("BỘ TRƯỞNG") && deputy_upper.starts_with("THỨ TRƯỞNG")
        {
            return true;
        }
        let (deputy, head) = (fold(&deputy_upper), fold(head));
        let Some(role) = deputy.strip_prefix("pho ") else {
            return false;
        };
        head.starts_with(role) || role.starts_with(head.as_str())
    })
}

/// A deputy title: `PHÓ …` or `THỨ TRƯỞNG` (compared with tone marks: `THỦ TRƯỞNG`, a head of
/// unit, folds to the same letters).
fn is_deputy(title: &str) -> bool {
    let upper = title.to_uppercase();
    upper.starts_with("PHÓ ") || upper.starts_with("THỨ TRƯỞNG")
}

/// The text after the prefix: `KT. CHỦ TỊCH` → `CHỦ TỊCH`.
fn after_prefix(line: &SignatureLine) -> &str {
    let text = line.text.as_str();
    line.prefix
        .as_ref()
        .and_then(|p| text.strip_prefix(p.as_str()))
        .unwrap_or(text)
        .trim()
}

fn prefix_kind(line: &SignatureLine) -> Option<String> {
    line.prefix
        .as_ref()
        .map(|p| p.replace(['.', '/'], "").to_uppercase())
}

impl Check for Signature {
    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let lines: Vec<&SignatureLine> = ctx
            .doc
            .signature
            .iter()
            .filter(|l| matches!(l.role, SignatureRole::Authority | SignatureRole::Title))
            .collect();
        let mut report = |line: &SignatureLine, problem: String| {
            let t = ScopedText::of(&line.text, Origin::block(Block::Signature));
            out.extend(Hit::whole(&t).map(|h| h.var("problem", problem)));
        };
        for (i, line) in lines.iter().enumerate() {
            let kind = prefix_kind(line);
            let next = lines.get(i + 1);
            match kind.as_deref() {
                Some("KT") => {
                    let head = after_prefix(line);
                    if is_deputy(head) {
                        report(
                            line,
                            format!(
                                "\"KT.\" đứng trước chức danh của người đứng đầu, không trước cấp phó \"{head}\""
                            ),
                        );
                    }
                    match next {
                        Some(n) if n.prefix.is_none() => {
                            let title = n.text.as_str();
                            if fold(title) == fold(head) {
                                report(
                                    n,
                                    format!(
                                        "sau \"KT. {head}\" phải là chức danh cấp phó, không phải \"{title}\""
                                    ),
                                );
                            } else if is_deputy(title) && !is_deputy_of(title, head) {
                                report(n, format!("\"{title}\" không phải cấp phó của \"{head}\""));
                            }
                        }
                        _ => {}
                    }
                }
                Some("TUQ") if next.is_some_and(|n| prefix_kind(n).as_deref() == Some("KT")) => {
                    report(
                        next.expect("checked by the guard"),
                        "người được ủy quyền (TUQ.) không được ký thay (KT.) tiếp".to_string(),
                    );
                }
                Some("TM") => {
                    let collective = fold(after_prefix(line));
                    if let Some(issuing) = &ctx.doc.header.issuing_body {
                        let issuing = fold(issuing.as_str());
                        if !issuing.starts_with(&collective) && !collective.starts_with(&issuing) {
                            report(
                                line,
                                format!(
                                    "tập thể \"{}\" khác cơ quan ban hành \"{}\"",
                                    after_prefix(line),
                                    issuing.to_uppercase()
                                ),
                            );
                        }
                    }
                }
                None if is_deputy(line.text.as_str()) => {
                    let previous_kt = i > 0 && prefix_kind(lines[i - 1]).as_deref() == Some("KT");
                    if !previous_kt {
                        report(
                            line,
                            format!(
                                "cấp phó \"{}\" ký phải có \"KT.\" trước chức danh người đứng đầu",
                                line.text.as_str()
                            ),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}
