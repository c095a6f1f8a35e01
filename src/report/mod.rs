//! Output formats. Each writer takes plain data and an `io::Write`, so every format is tested
//! against a `Vec<u8>`.

pub mod check;
pub mod diff;
pub mod outline;

/// Writes `value` as pretty-printed JSON and a final newline.
///
/// Through a buffer of its own: the serializer's many small writes then are copies the compiler
/// inlines instead of calls through `dyn Write` (a tenth of a large diff's run).
pub fn write_pretty_json(
    out: &mut dyn std::io::Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()
}
