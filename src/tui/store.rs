//! The review file on disk: where it is (`NEW.rasoat-review.json` beside the new version),
//! reading it when the screen opens, writing it after every decision. The only file I/O of the
//! decisions; their model and format are in `crate::decisions`.

use std::path::{Path, PathBuf};

use crate::decisions::{Review, ReviewFile};

use super::model::App;

/// What ends the name of a review file.
pub const SUFFIX: &str = ".rasoat-review.json";

/// Largest review file read (a review of the largest document is far smaller).
const MAX_SIZE: u64 = 64 * 1024 * 1024;

/// The review file of the new version at `path`: beside it, its whole name and [`SUFFIX`]
/// (`plan-v2.docx.rasoat-review.json`). A git revision (`HEAD:plan.docx`) keeps its decisions
/// beside the work tree's file. `None` when the new version is no file (standard input).
pub fn review_path(new: &Path) -> Option<PathBuf> {
    let on_disk = if new.is_file() {
        new.to_path_buf()
    } else {
        let shown = new.to_string_lossy();
        let (_, file) = shown.split_once(':')?;
        let file = PathBuf::from(file);
        file.is_file().then_some(file)?
    };
    let name = on_disk.file_name()?.to_string_lossy().to_string();
    Some(on_disk.with_file_name(format!("{name}{SUFFIX}")))
}

/// Reads a review file: `Ok(None)` when there is none.
pub fn load(path: &Path) -> Result<Option<ReviewFile>, String> {
    let shown = path.display().to_string();
    let bytes = match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{shown}: {}", crate::input::describe_io(&e))),
        Ok(m) if !m.is_file() => return Err(format!("{shown}: không phải tệp thường")),
        Ok(_) => crate::input::open_regular(path, &shown)
            .and_then(|(f, m)| crate::input::read_at_most(f, &m, &shown, MAX_SIZE))
            .map_err(|e| e.to_string())?,
    };
    let text =
        std::str::from_utf8(&bytes).map_err(|_| format!("{shown}: không phải văn bản UTF-8"))?;
    ReviewFile::parse(text)
        .map(Some)
        .map_err(|e| format!("{shown}: {e}"))
}

/// Writes a review file atomically (a temporary file beside it, flushed, renamed over it), as
/// `--write-baseline` does: a crash or a kill leaves the old file or the new one.
pub fn save(path: &Path, contents: &str) -> Result<(), String> {
    crate::cli::check::write_output_file(path, contents.as_bytes(), &[], "rasoat", true)
}

/// Attaches the review file of the pair on screen: its decisions are loaded, and later ones
/// saved to it. Without one, the decisions of an earlier round of the same old version (another
/// review file in the folder, the newest) are carried over where their changes are found again.
/// A file that cannot be read is left untouched, and the status bar says why.
pub fn attach(app: &mut App) {
    let Some(path) = review_path(&app.new_file.path) else {
        app.status =
            Some("Quyết định sẽ không được lưu: bản mới không phải tệp trên đĩa.".to_string());
        return;
    };
    app.review_path = Some(path.clone());
    match load(&path) {
        Ok(Some(file)) => {
            app.load_review(file);
            let p = app.progress();
            let unmatched = app.review.unmatched();
            let mut text = format!("Đã mở quyết định đã lưu: {}", p.vietnamese());
            if unmatched > 0 {
                text.push_str(&format!(
                    "; {unmatched} quyết định không còn khớp thay đổi nào (vẫn giữ trong tệp)"
                ));
            }
            // A bundle's hint (which documents differ) stays after it.
            if let Some(hint) = app.status.take() {
                text.push_str(&format!(". {hint}"));
            }
            app.status = Some(text);
        }
        Ok(None) => {
            if let Some((from, carried)) = earlier_round(app, &path) {
                let count = carried.len();
                app.review = Review::new(carried, &app.comparison);
                app.status = Some(format!(
                    "Mang sang {count} quyết định từ vòng trước ({}) cho các mục không đổi.",
                    from.file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().to_string())
                ));
            }
        }
        Err(why) => {
            app.status = Some(format!(
                "Không dùng tệp quyết định {why}. Tệp được giữ nguyên; quyết định mới sẽ không được lưu."
            ));
            app.review_blocked = Some(format!(
                "tệp {} không đọc được, được giữ nguyên",
                path.display()
            ));
        }
    }
}

/// The newest other review file in `own`'s folder written against the same old version, and
/// its decisions that match a change on screen.
fn earlier_round(app: &App, own: &Path) -> Option<(PathBuf, Vec<crate::decisions::Decision>)> {
    let dir = own
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let old = app.old_file.display();
    let mut best: Option<(std::time::SystemTime, PathBuf, ReviewFile)> = None;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        let is_review = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(SUFFIX));
        if !is_review || path == own {
            continue;
        }
        let Ok(Some(file)) = load(&path) else {
            continue;
        };
        if file.old != old || file.old_document != app.old_index {
            continue;
        }
        let modified = entry
            .metadata()
            .and_then(|m| m.modified())
            .unwrap_or(std::time::UNIX_EPOCH);
        if best.as_ref().is_none_or(|(t, _, _)| modified > *t) {
            best = Some((modified, path, file));
        }
    }
    let (_, path, file) = best?;
    let matched = crate::decisions::match_decisions(&app.comparison, &file.decisions);
    let carried: Vec<_> = matched
        .into_iter()
        .flatten()
        .map(|i| file.decisions[i].clone())
        .collect();
    (!carried.is_empty()).then_some((path, carried))
}
