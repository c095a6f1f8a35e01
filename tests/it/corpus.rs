//! Real converted documents: no panic, and an outline a person has checked (snapshots).

use std::path::Path;

use crate::common::{repo, run};

#[test]
fn corpus_outlines() {
    let dir = repo("tests/fixtures/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "at least 20 corpus fixtures");
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let rel = Path::new("tests/fixtures/corpus").join(path.file_name().unwrap());
        let (code, out, err) = run(&["outline", rel.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {err}");
        insta::with_settings!({snapshot_suffix => name.clone()}, {
            insta::assert_snapshot!(out);
        });
        let (code, json, err) = run(&["outline", rel.to_str().unwrap(), "--format", "json"]);
        assert_eq!(code, 0, "{name}: {err}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(!v["documents"].as_array().unwrap().is_empty(), "{name}");
    }
}
