//! Benchmarks of the rule engine: compiling the built-in packs (the start-up cost of every run),
//! and checking documents, split into parsing and running the rules.
//!
//! The corpus is `../shared/corpus` when present, else the fixtures copied from it
//! (`tests/fixtures/corpus`). `scripts/bench-check.sh` measures the binary itself on the corpus
//! and on a 100 MB repository, with start-up and the comparison with textlint.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rasoat::outline;
use rasoat::rules::engine::RuleSet;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown files of the corpus, in name order.
fn corpus() -> Vec<String> {
    let shared = root().join("../shared/corpus");
    let dir: PathBuf = if shared.is_dir() {
        shared
    } else {
        root().join("tests/fixtures/corpus")
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn benches(c: &mut Criterion) {
    let set = RuleSet::builtin().expect("built-in rules");
    let texts = corpus();
    let seed = std::fs::read_to_string(root().join("samples/seed-combined.txt")).expect("seed");

    let mut group = c.benchmark_group("rules");
    group.bench_function("compile built-in packs", |b| {
        b.iter(|| RuleSet::builtin().expect("built-in rules"))
    });
    group.finish();

    let mut group = c.benchmark_group("seed");
    group.throughput(Throughput::Bytes(seed.len() as u64));
    group.bench_function("parse and check", |b| {
        b.iter(|| set.check_text(black_box(&seed)))
    });
    group.finish();

    // The search automata are built for the first large scope a run meets (the seed, timed above
    // as a run of its own would check it, has none): checking the corpus once builds them, so that
    // the timings below are of checking.
    for t in &texts {
        let _ = set.check_text(t);
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let parsed: Vec<outline::ParsedFile> = texts.iter().map(outline::parse).collect();
    let mut group = c.benchmark_group("corpus");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| outline::parse(black_box(t)).documents.len())
                .sum::<usize>()
        })
    });
    group.bench_function("rules on parsed files", |b| {
        b.iter(|| {
            parsed
                .iter()
                .map(|f| set.check_file(black_box(f)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("parse and check", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| set.check_file(&outline::parse(black_box(t))).len())
                .sum::<usize>()
        })
    });
    group.finish();

    // Many tiny documents in one file: parsing and checking must grow with the number of
    // documents, not its square (rules that look at the whole file compute it once). 10,000
    // documents should take about 8× as long as 1,250.
    let mut group = c.benchmark_group("many documents");
    group.sample_size(10);
    for n in [1_250, 10_000] {
        let text = many_documents(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("parse and check {n}"), |b| {
            b.iter(|| set.check_file(&outline::parse(black_box(&text))).len())
        });
        // Each with an inline suppression (`rasoat-disable-next-line`) used by a finding.
        let text = text.replace(
            "1. Việc một.",
            "<!-- rasoat-disable-next-line TYPO-DOUBLE-SPACE reason: thử -->\n1. Việc  một.",
        );
        group.bench_function(format!("parse and check {n} with suppressions"), |b| {
            b.iter(|| set.check_file(&outline::parse(black_box(&text))).len())
        });
    }
    group.finish();
}

/// `n` one-page plans in one file, each with its own number and title, without a drafting unit
/// (so that the rules which fall back on the file's other documents look at all of them).
fn many_documents(n: usize) -> String {
    (1..=n)
        .map(|i| {
            format!(
                "UBND TỈNH SÓC TRĂNG\nSỞ Y TẾ\n\nSố: {i}/KH-SYT\n\nKẾ HOẠCH\nThử {i}\n\n\
                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
                 Sóc Trăng, ngày 04 tháng 7 năm 2023\n\n1. Việc một.\n\nNơi nhận:\n\
                 - Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nTrần Văn A\n\n"
            )
        })
        .collect()
}

criterion_group!(check, benches);
criterion_main!(check);
