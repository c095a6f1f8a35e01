//! Scores `rasoat check` against a reviewer's labels (see `scripts/score-labels.sh`).
//!
//! `cargo run --release --example score -- --labels DIR… --documents DIR… [--unlabeled FILE]`
//!
//! Prints precision (TRUE / (TRUE + FALSE) among reported findings that carry a label), the share
//! of TRUE labels still reported, the error findings' precision, the missed mistakes now reported
//! and every finding without a label. With `--unlabeled`, those are also written as rows of
//! `findings.tsv` with the verdict, cause and note left to fill in.

use std::path::PathBuf;

use rasoat::scoring::{self, files};

fn main() -> Result<(), String> {
    let mut labels: Vec<PathBuf> = Vec::new();
    let mut documents: Vec<PathBuf> = Vec::new();
    let mut unlabeled: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--labels" => labels.push(value()?.into()),
            "--documents" => documents.push(value()?.into()),
            "--unlabeled" => unlabeled = Some(value()?.into()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let (mut all_labels, mut all_missed, mut judged) = (Vec::new(), Vec::new(), Vec::new());
    for dir in &labels {
        let (l, m) = files::load_dir(dir)?;
        all_labels.extend(l);
        all_missed.extend(m);
        judged.extend(files::load_documents(dir)?);
    }
    let located = files::locate(&all_labels, &all_missed, &judged, &documents)?;
    let reported = files::check(&located)?;
    let score = scoring::score(&all_labels, &all_missed, &reported);
    print!("{}", scoring::report(&score));
    if let Some(path) = unlabeled {
        let mut tsv = String::from("file\tline\trule\tverdict\tcause\tnote\n");
        for r in &score.unlabeled {
            tsv.push_str(&format!(
                "{}\t{}\t{}\t\t\t{}\n",
                r.file, r.line, r.rule, r.message
            ));
        }
        std::fs::write(&path, tsv).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
