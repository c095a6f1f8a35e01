//! `rasoat rules` and `rasoat explain ID`.

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;

use crate::rules::{RuleSet, Severity};

use super::RunError;

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// The rule id, e.g. ND30-SO-FORMAT.
    #[arg(value_name = "ID")]
    pub id: String,
}

fn builtin() -> Result<RuleSet, RunError> {
    RuleSet::builtin().map_err(|e| {
        RunError::Usage(
            e.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

#[derive(Serialize)]
struct RuleJson<'a> {
    id: &'a str,
    pack: &'a str,
    severity: Severity,
    kind: &'a str,
    scope: &'a [String],
    fix: bool,
    message: &'a str,
    doc: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    precision: Option<&'a str>,
    /// Runs only when named (`--enable` / `--extend-enable`).
    opt_in: bool,
    path: &'a str,
}

pub fn list(args: RulesArgs, out: &mut dyn Write) -> Result<i32, RunError> {
    let set = builtin()?;
    match args.format {
        RulesFormat::Json => {
            let rules: Vec<RuleJson> = set
                .rules()
                .iter()
                .map(|r| RuleJson {
                    id: r.id(),
                    pack: &r.spec.pack,
                    severity: r.spec.severity,
                    kind: &r.spec.kind,
                    scope: &r.spec.scope,
                    fix: r.spec.fix,
                    message: &r.spec.message,
                    doc: &r.spec.doc,
                    precision: r.spec.precision.as_deref(),
                    opt_in: r.spec.opt_in,
                    path: &r.path,
                })
                .collect();
            crate::report::write_pretty_json(out, &serde_json::json!({ "rules": rules }))?;
        }
        RulesFormat::Text => {
            writeln!(
                out,
                "{:<28} {:<12} {:<9} {:<12} {:<9} KIỂM TRA",
                "ID", "NHÓM", "MỨC", "LOẠI", "CHÍNH XÁC"
            )?;
            for r in set.rules() {
                let what = r
                    .spec
                    .doc
                    .lines()
                    .find(|l| l.starts_with("Kiểm tra gì"))
                    .map_or("", |l| {
                        l.trim_start_matches("Kiểm tra gì")
                            .trim_start_matches([':', ' ', '('])
                    });
                let precision = r
                    .spec
                    .precision
                    .as_deref()
                    .filter(|p| !p.starts_with("chưa"))
                    .and_then(|p| p.split_whitespace().next())
                    .unwrap_or("—");
                writeln!(
                    out,
                    "{:<28} {:<12} {:<9} {:<12} {:<9} {}{}{}",
                    r.id(),
                    r.spec.pack,
                    r.spec.severity.vietnamese(),
                    r.spec.kind,
                    precision,
                    crate::report::outline::ellipsize(what, 70),
                    if r.spec.fix {
                        " [sửa tự động]"
                    } else {
                        ""
                    },
                    if r.spec.opt_in { " [tùy chọn]" } else { "" }
                )?;
            }
            let opt_in = set.rules().iter().filter(|r| r.spec.opt_in).count();
            writeln!(
                out,
                "\n{} quy tắc, trong đó {opt_in} quy tắc tùy chọn (chỉ chạy khi bật bằng \
                 --extend-enable ID). Xem chi tiết: rasoat explain ID",
                set.rules().len()
            )?;
        }
    }
    Ok(super::EXIT_OK)
}

pub fn explain(args: ExplainArgs, out: &mut dyn Write) -> Result<i32, RunError> {
    let set = builtin()?;
    let Some(r) = set.get(&args.id) else {
        return Err(RunError::Usage(format!(
            "{}: không có quy tắc này; xem danh sách bằng `rasoat rules`",
            args.id
        )));
    };
    crate::report::explain::write(r, out)?;
    Ok(super::EXIT_OK)
}
