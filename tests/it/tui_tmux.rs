//! End to end in a real terminal: rasoat under tmux, driven with send-keys, read with
//! capture-pane. Skipped when tmux is missing, except in CI (`.ci/run` installs it).

use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).to_string()
    }

    /// Waits until the screen satisfies `ok`, or fails with the last screen.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            sleep(Duration::from_millis(100));
        }
    }
}

impl Tmux {
    /// Starts `command` in a detached session `e2e` of `width`×`height`, in the repository.
    fn session(&self, command: &str, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        let started = self.run(&[
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            &w,
            "-y",
            &h,
            "-c",
            env!("CARGO_MANIFEST_DIR"),
            command,
        ]);
        assert!(
            started.status.success(),
            "{}",
            String::from_utf8_lossy(&started.stderr)
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

#[test]
fn review_the_seed_in_a_real_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
        eprintln!("tmux not installed: skipping the end-to-end test");
        return;
    }
    let tmux = Tmux {
        socket: format!("rasoat-e2e-{}", std::process::id()),
    };
    let bin = env!("CARGO_BIN_EXE_rasoat");
    let command = format!(
        "'{bin}' samples/seed-combined.txt; echo EXITED $?; stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'; sleep 60"
    );
    tmux.session(&command, 120, 40);
    tmux.wait("the review screen", |s| {
        s.contains("Mục lục") && s.contains("Phát hiện")
    });

    // Navigate to III.3 by searching without tone marks; both sides show the law-name change.
    tmux.keys(&["/"]);
    tmux.keys(&["-l", "thanh nien"]);
    tmux.keys(&["Enter"]);
    // Waited for as a whole: while the search is typed and run, the screen passes through
    // states that show the change without the section it is in.
    let screen = tmux.wait("the law-name change in III.3", |s| {
        s.contains("III.3")
            && s.lines()
                .any(|l| l.contains("Thanh niên") && l.contains("Thực hiện"))
    });
    let row = screen.lines().find(|l| l.contains("Thanh niên")).unwrap();
    assert!(
        row.find("Thanh niên").unwrap() < row.find("Thực hiện").unwrap(),
        "old left, new right: {row}"
    );

    // Help, then any key closes it.
    tmux.keys(&["?"]);
    tmux.wait("help", |s| {
        s.contains("Trợ giúp") && s.contains("phát hiện tiếp theo")
    });
    tmux.keys(&["x"]);
    tmux.wait("help closed", |s| !s.contains("Trợ giúp (?)"));

    // Resize to the classic 80x24, below the minimum, and back up.
    assert!(
        tmux.run(&["resize-window", "-t", "e2e", "-x", "80", "-y", "24"])
            .status
            .success()
    );
    tmux.wait("the 80x24 layout", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.chars().count() <= 80 && l.contains("Mục lục"))
    });
    assert!(
        tmux.run(&["resize-window", "-t", "e2e", "-x", "50", "-y", "10"])
            .status
            .success()
    );
    tmux.wait("the too-small message", |s| s.contains("quá nhỏ"));
    assert!(
        tmux.run(&["resize-window", "-t", "e2e", "-x", "120", "-y", "40"])
            .status
            .success()
    );
    // Back at the first size, the same place is on screen: the resizes kept the position.
    tmux.wait("the law-name change again after the resizes", |s| {
        s.contains("Mục lục")
            && s.lines()
                .any(|l| l.contains("Thanh niên") && l.contains("Thực hiện"))
    });

    // Escape ends the search first; another Escape does not quit (a real terminal sends the
    // bare escape byte, which must not be read as the start of a key sequence either). Then
    // `q` quits with exit code 0 and the terminal back in canonical mode. Each key waits for
    // the one before to be taken.
    tmux.keys(&["Escape"]);
    tmux.wait("the search closed", |s| s.contains("Đã thôi tìm"));
    tmux.keys(&["Escape"]);
    let screen = tmux.wait("the hint that q quits", |s| s.contains("Nhấn q để thoát"));
    assert!(!screen.contains("EXITED"), "Escape quit:\n{screen}");
    tmux.keys(&["q"]);
    let screen = tmux.wait("exit", |s| s.contains("EXITED"));
    assert!(screen.contains("EXITED 0"), "{screen}");
    let screen = tmux.wait("stty", |s| s.lines().any(|l| l.trim().ends_with("icanon")));
    assert!(
        screen.lines().any(|l| l.trim() == "icanon"),
        "terminal restored to canonical mode:\n{screen}"
    );
    assert!(
        !screen.contains("Mục lục"),
        "the alternate screen is gone:\n{screen}"
    );
}

/// A tmux server of the test's own, or `None` (the test is skipped) when tmux is missing
/// outside CI.
fn own_tmux(name: &str) -> Option<Tmux> {
    tmux_available().then(|| Tmux {
        socket: format!("rasoat-{name}-{}", std::process::id()),
    })
}

fn tmux_available() -> bool {
    if Command::new("tmux").arg("-V").output().is_ok() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
    false
}

/// Starts `command` (which runs rasoat on `docs`) and returns rasoat's process id.
fn start(tmux: &Tmux, command: &str, docs: &str) -> u32 {
    tmux.session(command, 100, 30);
    tmux.wait("the review screen", |s| s.contains("Mục lục"));
    // The pane's process is the shell running the command; rasoat is its child.
    let out = Command::new("pgrep")
        .args(["-f", &format!("^{} {docs}", env!("CARGO_BIN_EXE_rasoat"))])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .expect("rasoat runs")
        .trim()
        .parse()
        .unwrap()
}

fn alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap_or_default()
            .contains("State:\tZ")
}

/// Sends `signal` to the review screen and expects exit code `code` with the terminal restored.
fn signal_restores_the_terminal(signal: &str, code: u32, docs: &str) {
    let Some(tmux) = own_tmux(signal) else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_rasoat");
    let pid = start(
        &tmux,
        &format!(
            "'{bin}' {docs}; echo EXITED $?; stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'; sleep 60"
        ),
        docs,
    );
    assert!(
        Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
    let screen = tmux.wait(&format!("exit after SIG{signal}"), |s| {
        s.lines().any(|l| l.trim().ends_with("icanon"))
    });
    assert!(screen.contains(&format!("EXITED {code}")), "{screen}");
    assert!(
        screen.lines().any(|l| l.trim() == "icanon"),
        "canonical mode restored:\n{screen}"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal(
        "TERM",
        143,
        "samples/cong-van-v1.txt samples/cong-van-v2.txt",
    );
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal(
        "HUP",
        129,
        "samples/quyet-dinh-v1.txt samples/quyet-dinh-v2.txt",
    );
}

#[test]
fn a_vanished_terminal_ends_the_process() {
    let Some(tmux) = own_tmux("gone") else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_rasoat");
    let docs = "samples/quyet-dinh-v1.txt samples/quyet-dinh-v2.txt";
    let pid = start(&tmux, &format!("'{bin}' {docs}"), docs);
    assert!(tmux.run(&["kill-server"]).status.success());
    let start = Instant::now();
    while alive(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "rasoat {pid} still running without a terminal"
        );
        sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_docx_with_tracked_changes_is_reviewed_before_and_after() {
    let Some(tmux) = own_tmux("docx") else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_rasoat");
    let docs = "samples/seed-tracked.docx";
    start(&tmux, &format!("'{bin}' {docs}; sleep 60"), docs);
    tmux.keys(&["/"]);
    tmux.keys(&["-l", "thanh nien"]);
    tmux.keys(&["Enter"]);
    // The old side (changes rejected) has the wrong law name, the new side the right one.
    let screen = tmux.wait("the law-name change", |s| {
        s.lines()
            .any(|l| l.contains("Thanh niên") && l.contains("Thực hiện"))
    });
    let row = screen.lines().find(|l| l.contains("Thanh niên")).unwrap();
    assert!(
        row.find("Thanh niên").unwrap() < row.find("Thực hiện").unwrap(),
        "old left, new right: {row}"
    );
    tmux.keys(&["q"]);
}

#[test]
fn a_panic_in_the_review_screen_restores_the_terminal_and_says_why() {
    let Some(tmux) = own_tmux("panic") else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_rasoat");
    let command = format!(
        "RASOAT_TEST_PANIC=1 '{bin}' samples/cong-van-v1.txt samples/cong-van-v2.txt; echo EXITED $?; stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'; sleep 60"
    );
    tmux.session(&command, 100, 30);
    let screen = tmux.wait("exit after the panic", |s| {
        s.lines().any(|l| l.trim().ends_with("icanon"))
    });
    assert!(
        screen.contains("RASOAT_TEST_PANIC: a panic inside the review screen, on purpose"),
        "the message is printed on the restored screen:\n{screen}"
    );
    assert!(screen.contains("EXITED 101"), "{screen}");
    assert!(
        screen.lines().any(|l| l.trim() == "icanon"),
        "canonical mode restored:\n{screen}"
    );
    // Back on the main screen: none of the review screen's frame is left.
    assert!(!screen.contains("Mục lục"), "{screen}");
}

/// A round in a real terminal: two changes decided, rasoat quit and opened again shows them;
/// a third decided, then rasoat killed (SIGKILL: nothing runs on the way out) and the three are
/// in the review file.
#[test]
fn decisions_survive_quitting_and_a_kill() {
    let Some(tmux) = own_tmux("decisions") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("v1.txt"), dir.path().join("v2.txt"));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("samples/seed-2-draft-round1.txt"), &old).unwrap();
    std::fs::copy(root.join("samples/seed-3-draft-round2.txt"), &new).unwrap();
    let docs = format!("{} {}", old.display(), new.display());
    let bin = env!("CARGO_BIN_EXE_rasoat");
    let command =
        format!("'{bin}' {docs}; echo EXITED $?; '{bin}' {docs}; echo AGAIN $?; sleep 60");
    start(&tmux, &command, &docs);
    tmux.wait("an empty review", |s| s.contains("0/24 đã quyết định"));
    tmux.keys(&["n"]);
    tmux.keys(&["a"]);
    tmux.wait("the first decision", |s| {
        s.contains("tiếp thu (1/24 đã quyết định)")
    });
    tmux.keys(&["n"]);
    tmux.keys(&["r"]);
    tmux.wait("the reason prompt", |s| s.contains("Lý do không tiếp thu:"));
    tmux.keys(&["-l", "giữ như dự thảo"]);
    tmux.keys(&["Enter"]);
    tmux.wait("the second decision", |s| {
        s.contains("không tiếp thu (2/24 đã quyết định)")
    });
    tmux.keys(&["q"]);
    // Opened again: the two decisions are back, in the outline and the change list.
    let screen = tmux.wait("the review reopened", |s| {
        s.contains("Đã mở quyết định đã lưu: 2/24 đã quyết định")
    });
    assert!(screen.contains(" ✓") && screen.contains(" ✗"), "{screen}");
    let out = Command::new("pgrep")
        .args(["-f", &format!("^{bin} {docs}")])
        .output()
        .unwrap();
    let pid: u32 = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .expect("rasoat runs again")
        .trim()
        .parse()
        .unwrap();
    tmux.keys(&["d"]);
    let list = tmux.wait("the change list", |s| s.contains("Thay đổi (tất cả): 24"));
    assert!(
        list.contains("✓ ~ gạch đầu dòng thứ 1 mục 1 phần I"),
        "{list}"
    );
    assert!(
        list.contains("✗ ~ gạch đầu dòng thứ 2 mục 1 phần I"),
        "{list}"
    );
    tmux.keys(&["G"]);
    tmux.keys(&["x"]);
    tmux.wait("the third decision", |s| s.contains("3/24 đã quyết định"));
    assert!(
        Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
    tmux.wait("rasoat killed", |s| s.contains("AGAIN 137"));
    let file = dir.path().join("v2.txt.rasoat-review.json");
    let saved =
        rasoat::decisions::ReviewFile::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let verdicts: Vec<_> = saved.decisions.iter().map(|d| d.decision).collect();
    use rasoat::decisions::Verdict;
    assert_eq!(
        verdicts,
        [
            Some(Verdict::TakenIn),
            Some(Verdict::NotTakenIn),
            Some(Verdict::Seen)
        ]
    );
    assert_eq!(saved.decisions[1].reason, "giữ như dự thảo");
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
