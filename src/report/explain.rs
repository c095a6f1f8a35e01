//! The documentation of a rule as `rasoat explain ID` prints it (and the language server's hover
//! shows it): its pack, severity and kind, where it applies, its message, its measured precision,
//! its documentation and its examples.

use std::io::{self, Write};

use crate::rules::Rule;

/// Writes the explanation of `r`.
pub fn write(r: &Rule, out: &mut dyn Write) -> io::Result<()> {
    let s = &r.spec;
    writeln!(
        out,
        "{} (nhóm {}, mức {}, loại {}){}",
        s.id,
        s.pack,
        s.severity.vietnamese(),
        s.kind,
        if s.fix {
            ", sửa tự động được"
        } else {
            ""
        }
    )?;
    if s.opt_in {
        writeln!(
            out,
            "Quy tắc tùy chọn: không chạy mặc định; bật bằng `rasoat check --extend-enable {}` \
             hoặc `extend-enable = [\"{}\"]` trong .rasoat.toml.",
            s.id, s.id
        )?;
    }
    writeln!(
        out,
        "Áp dụng cho: {}",
        match s.applies_to {
            crate::rules::spec::AppliesTo::Administrative => "văn bản hành chính",
            crate::rules::spec::AppliesTo::State =>
                "văn bản hành chính của cơ quan nhà nước (không áp dụng cho văn bản của Đảng)",
            crate::rules::spec::AppliesTo::Executive =>
                "văn bản hành chính của cơ quan nhà nước theo thể thức Nghị định 30 (không áp \
                 dụng cho văn bản của Đảng, của Quốc hội và Ủy ban Thường vụ Quốc hội)",
            crate::rules::spec::AppliesTo::Any => "mọi văn bản",
        }
    )?;
    writeln!(out, "Tệp: {}", r.path)?;
    writeln!(out, "Thông báo: {}", s.message)?;
    writeln!(
        out,
        "Độ chính xác đo trên văn bản thật đã chấm: {}\n",
        s.precision.as_deref().unwrap_or("chưa đo")
    )?;
    writeln!(out, "{}\n", s.doc.trim())?;
    for (title, list) in [
        ("Ví dụ sai (bad)", &s.examples.bad),
        ("Ví dụ đúng (good)", &s.examples.good),
    ] {
        writeln!(out, "{title}:")?;
        for e in list {
            if let Some(old) = e.against() {
                writeln!(out, "  vòng trước:")?;
                for line in old.lines() {
                    writeln!(out, "    | {line}")?;
                }
                writeln!(out, "  vòng này:")?;
            }
            for line in e.text().lines() {
                writeln!(out, "    | {line}")?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// The explanation of `r` as one string.
pub fn text(r: &Rule) -> String {
    let mut out = Vec::new();
    write(r, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("rule texts are UTF-8")
}
