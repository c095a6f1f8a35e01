//! Running two independent computations at once on large inputs (comparing the two versions'
//! units, laying out the two halves of a comparison). Pure CPU work on scoped threads: no I/O, and
//! the result is the same as running them one after the other.

/// Whether more than one core is available.
pub fn available() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

/// Runs `a` and `b` at once and returns both results.
pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    std::thread::scope(|s| {
        let other = s.spawn(b);
        let first = a();
        (
            first,
            other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    })
}
