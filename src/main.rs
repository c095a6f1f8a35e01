//! The `rasoat` binary: parse arguments, run, map the outcome to an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use rasoat::cli::{self, Cli, RunError};

/// Tunes glibc's allocator for a process that builds large structures once and exits.
///
/// By default glibc serves each allocation over 128 KiB (growing with use) from its own `mmap`,
/// returned on free: the vectors of a large comparison grow by doubling, and every step faults in
/// fresh zeroed pages. Served from the heap, with the heap grown 64 MiB at a time, freed room is
/// reused instead; a large diff takes a fifth less time and its peak memory barely moves (mimalloc
/// was faster still, through huge pages, but raised `check`'s peak past 20× its input).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt only sets allocator parameters; it is called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

/// Whether standard output was closed when the process started (`rasoat check … >&-`).
///
/// Rust's runtime reopens a closed descriptor 1 on /dev/null before `main`, so the report would
/// vanish with no message; this is looked at before that, from `.init_array`.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static LOOK_AT_STDOUT: extern "C" fn() = {
    extern "C" fn look() {
        // SAFETY: fcntl(F_GETFD) only reads the descriptor's flags.
        if unsafe { libc::fcntl(1, libc::F_GETFD) } == -1 {
            STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    look
};

/// Standard output; writing to it fails (EBADF) when it was closed at start.
struct Stdout(io::Stdout);

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(io::Error::other(
                "đầu ra chuẩn đã đóng (standard output is closed)",
            ));
        }
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with success, usage errors to stderr.
            let code = if e.use_stderr() {
                cli::EXIT_ERROR
            } else {
                cli::EXIT_OK
            };
            let _ = e.print();
            return ExitCode::from(code as u8);
        }
    };
    let mut out = io::BufWriter::new(Stdout(io::stdout()));
    let result = cli::run(cli, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => ExitCode::from(code as u8),
        // A closed pipe (`rasoat outline … | head`) is not an error.
        Err(RunError::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // A file name or document text in the message: shown, not obeyed by the terminal.
            eprintln!("{}", rasoat::report::terminal_safe(&format!("rasoat: {e}")));
            ExitCode::from(cli::EXIT_ERROR as u8)
        }
    }
}
