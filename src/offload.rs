//! CPU-heavy work kept off the event loop, so keys and the spinner never wait on it.

/// Work on an input up to this size runs where it is: the docs' sample takes
/// microseconds. A larger one (up to the 8 MiB cap, tens of milliseconds) goes to a
/// thread of its own.
pub(crate) const IN_PLACE_MAX_BYTES: usize = 256 * 1024;

/// A list of up to this many items is readied where it is (well under a millisecond);
/// a longer one (tens of thousands of items, hundreds of milliseconds) goes to a
/// thread of its own.
pub(crate) const IN_PLACE_MAX_ITEMS: usize = 1_000;

/// Runs `work(input)` on a short-lived thread and awaits its result. A plain thread
/// rather than tokio's blocking pool: a pool thread lingers, and wakes the idle app up
/// seconds later to end itself. When no thread can be had, the work runs here, slower
/// but sound; a panic in `work` goes on in the caller, where the runtime treats it as
/// fatal.
pub(crate) async fn map<I, T>(input: I, work: fn(I) -> T) -> T
where
    I: Send + 'static,
    T: Send + 'static,
{
    // The input is sent after the thread has started, so that a failed start leaves it
    // here to work on.
    let (send_input, inbox) = std::sync::mpsc::channel::<I>();
    let (done, output) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("skyview-work".into())
        .spawn(move || {
            if let Ok(input) = inbox.recv() {
                let _ = done.send(work(input));
            }
        });
    let Ok(thread) = spawned else {
        return work(input);
    };
    if let Err(std::sync::mpsc::SendError(input)) = send_input.send(input) {
        return work(input);
    }
    match output.await {
        Ok(result) => result,
        // The thread got the input and ended without an answer: `work` panicked.
        Err(_) => match thread.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => std::panic::resume_unwind(Box::new("a worker thread ended early")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_runs_elsewhere_and_comes_back() {
        let here = std::thread::current().id();
        let (doubled, there) = map(21, |n| (n * 2, std::thread::current().id())).await;
        assert_eq!(doubled, 42);
        assert_ne!(there, here);
    }
}
