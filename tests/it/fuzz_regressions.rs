//! Inputs kept from fuzzing (`tests/fixtures/fuzz/TARGET/*`), replayed through the fuzz targets'
//! own code (`rasoat::fuzzing`): each once crashed or hung rasoat and must not again.

use crate::common::repo;

#[test]
fn fuzz_findings_stay_fixed() {
    let mut replayed = 0;
    for (name, target) in rasoat::fuzzing::TARGETS {
        let dir = repo(&format!("tests/fixtures/fuzz/{name}"));
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            target(&data);
            replayed += 1;
        }
    }
    // Also every sample and fixture through every target: the seeds of the fuzzing runs.
    for dir in ["samples", "tests/fixtures/docx", "tests/fixtures/corpus"] {
        for entry in std::fs::read_dir(repo(dir)).unwrap() {
            let data = std::fs::read(entry.unwrap().path()).unwrap();
            for (_, target) in rasoat::fuzzing::TARGETS {
                target(&data);
            }
            replayed += 1;
        }
    }
    assert!(replayed > 0);
}

/// The structural targets (their input is a stream of choices, not a file) keep inputs that run
/// their whole body: the replay above really reaches the labels and the multi-document check.
#[test]
fn structural_targets_have_kept_inputs() {
    for name in ["numbering", "documents"] {
        let kept = std::fs::read_dir(repo(&format!("tests/fixtures/fuzz/{name}")))
            .map_or(0, |entries| entries.count());
        assert!(kept > 0, "{name}");
    }
}
