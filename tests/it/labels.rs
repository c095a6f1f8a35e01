//! Precision on judged real documents (issue: findings a reviewer agrees with).
//!
//! The shared corpus, the dataset and the shared labels live outside the project (`../shared/`,
//! for development and CI); the project's own judgments are in `tests/labels/`. Without them the
//! tests say so and pass: they measure, they do not guess.

use std::path::{Path, PathBuf};
use std::process::Command;

use rasoat::scoring::{self, files};

use crate::common::repo;

/// The levels reached on one judged set; they may only go up (raise them when the score does).
struct Floors {
    precision: f64,
    kept: f64,
    error_precision: f64,
}

/// The 120 documents of the shared corpus. The goal for precision, 0.90, is reached (0.915);
/// numbering in annexes (forms, quoted and hard-wrapped headings) is the main cause left.
const CORPUS: Floors = Floors {
    precision: 0.91,
    // 0.99 until forms in annexes stopped being checked for numbering: that removed 34 FALSE
    // findings on both sets and 4 TRUE ones (a skipped item in a form), a trade a reviewer takes.
    kept: 0.96,
    error_precision: 0.95,
};

/// The 300 documents of the dataset judged by the project (scripts/select-dataset-sample.py).
/// The goal, 0.90, is reached here too (0.910): numbering in annexes and tables and the tone
/// style of quoted or website text are the main causes left (see the scorer's report).
const DATASET: Floors = Floors {
    precision: 0.91,
    // 0.99 until four rules with a precision below 0.3 became opt-in (ND30-REQUIRED-BLOCKS,
    // TYPO-BULLET-MIX, CONS-DEADLINE, CONS-PERIOD): 117 FALSE findings gone, 4 TRUE ones with them.
    kept: 0.98,
    error_precision: 0.95,
};

fn assert_floors(name: &str, label_dirs: &[PathBuf], documents: &Path, floors: &Floors) {
    let (mut labels, mut missed, mut judged) = (Vec::new(), Vec::new(), Vec::new());
    for dir in label_dirs {
        let (l, m) = files::load_dir(dir).unwrap();
        labels.extend(l);
        missed.extend(m);
        judged.extend(files::load_documents(dir).unwrap());
    }
    let located = files::locate(&labels, &missed, &judged, &[documents.to_path_buf()]).unwrap();
    let reported = files::check(&located).unwrap();
    let score = scoring::score(&labels, &missed, &reported);
    let report = scoring::report(&score);
    let precision = score.all.precision().unwrap_or(0.0);
    let kept = score.all.kept().unwrap_or(0.0);
    let errors = score.errors.precision().unwrap_or(1.0);
    assert!(
        precision >= floors.precision,
        "{name}: precision {precision:.3} < {}\n{report}",
        floors.precision
    );
    assert!(
        kept >= floors.kept,
        "{name}: kept {kept:.3} < {}\n{report}",
        floors.kept
    );
    assert!(
        errors >= floors.error_precision,
        "{name}: error precision {errors:.3} < {}\n{report}",
        floors.error_precision
    );
    // Findings without a label are not counted above: they are printed to be judged into
    // tests/labels/ (see scripts/score-labels.sh).
    if !score.unlabeled.is_empty() {
        eprintln!(
            "{name}: {} findings have no label yet (see scripts/score-labels.sh)",
            score.unlabeled.len()
        );
    }
}

#[test]
fn findings_on_the_judged_corpus_keep_their_precision() {
    let shared = repo("../shared");
    let (labels_dir, corpus) = (shared.join("labels"), shared.join("corpus"));
    if !labels_dir.join("findings.tsv").is_file() || !corpus.is_dir() {
        eprintln!(
            "skipped: {} is absent (the judged corpus is for development and CI)",
            shared.display()
        );
        return;
    }
    assert_floors(
        "corpus",
        &[labels_dir, repo("tests/labels/corpus")],
        &corpus,
        &CORPUS,
    );
}

#[test]
fn findings_on_the_judged_dataset_keep_their_precision() {
    let archive = repo("../shared/dataset/documents.tar.xz");
    let documents = repo("target/dataset/documents");
    if !documents.is_dir() {
        if !archive.is_file() {
            eprintln!(
                "skipped: {} is absent (the dataset is for development and CI)",
                archive.display()
            );
            return;
        }
        let target = repo("target/dataset");
        std::fs::create_dir_all(&target).unwrap();
        let status = Command::new("tar")
            .arg("xJf")
            .arg(&archive)
            .arg("-C")
            .arg(&target)
            .status()
            .expect("tar runs");
        assert!(status.success(), "tar xJf {} failed", archive.display());
    }
    assert_floors(
        "dataset",
        &[repo("tests/labels/dataset")],
        &documents,
        &DATASET,
    );
}
