//! The terminal's events, asked for only when there may be one.
//!
//! crossterm 0.29's `EventStream` reads on a thread of its own, which holds the lock
//! on crossterm's event reader for as long as it waits for input. Asking the stream
//! meanwhile spins on that lock (seven `sched_yield`s) before answering "nothing
//! yet", and the loop asked before every frame and each time anything woke it (an
//! answer, the spinner's tick). On an idle machine that costs microseconds; with a
//! compiler on the other core each yield handed the core away for up to a time slice:
//! 3 to 4 ms each, 21 ms in a row while 85,000 shipments arrived, with the loop
//! runnable and not running (strace, 8 December 2026).

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use futures_util::Stream;
use futures_util::task::AtomicWaker;

/// A stream asked for its next item only after it woke its task (input came, and
/// crossterm's reader let go of its lock) or handed an item over (more may be
/// queued behind it); otherwise "nothing yet" at once.
pub(crate) struct WhenWoken<S> {
    inner: S,
    news: Arc<News>,
    /// What the inner stream wakes: [`News`], which wakes the task polling this one.
    waker: Waker,
}

struct News {
    /// The inner stream may have an item: it woke its task, or handed one over,
    /// since it was last asked.
    maybe: AtomicBool,
    /// The task that last polled the stream.
    task: AtomicWaker,
}

impl Wake for News {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.maybe.store(true, Ordering::Release);
        self.task.wake();
    }
}

impl<S> WhenWoken<S> {
    pub(crate) fn new(inner: S) -> Self {
        let news = Arc::new(News {
            maybe: AtomicBool::new(true),
            task: AtomicWaker::new(),
        });
        Self {
            inner,
            waker: Waker::from(Arc::clone(&news)),
            news,
        }
    }
}

impl<S: Stream + Unpin> Stream for WhenWoken<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let this = &mut *self;
        // Registered before the flag is read: a wake in between still wakes `cx`.
        this.news.task.register(cx.waker());
        if !this.news.maybe.swap(false, Ordering::AcqRel) {
            return Poll::Pending;
        }
        let polled = Pin::new(&mut this.inner).poll_next(&mut Context::from_waker(&this.waker));
        if polled.is_ready() {
            this.news.maybe.store(true, Ordering::Release);
        }
        polled
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::Mutex;
    use std::task::Waker;

    use futures_util::StreamExt;
    use futures_util::stream::poll_fn;

    use super::*;

    /// A stand-in for crossterm's stream: items put in later, the waker it was last
    /// polled with, and how often it was asked.
    #[derive(Default)]
    struct Source {
        items: VecDeque<u32>,
        waker: Option<Waker>,
        asked: usize,
    }

    fn source() -> (Arc<Mutex<Source>>, impl Stream<Item = u32> + Unpin) {
        let shared = Arc::new(Mutex::new(Source::default()));
        let polled = Arc::clone(&shared);
        let stream = poll_fn(move |cx| {
            let Ok(mut source) = polled.lock() else {
                return Poll::Ready(None);
            };
            source.asked += 1;
            match source.items.pop_front() {
                Some(item) => Poll::Ready(Some(item)),
                None => {
                    source.waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        });
        (shared, stream)
    }

    fn put(shared: &Mutex<Source>, item: u32) {
        let waker = {
            let mut source = shared.lock().expect("not poisoned");
            source.items.push_back(item);
            source.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    fn asked(shared: &Mutex<Source>) -> usize {
        shared.lock().expect("not poisoned").asked
    }

    #[tokio::test]
    async fn items_queued_come_one_after_another() {
        let (shared, inner) = source();
        put(&shared, 1);
        put(&shared, 2);
        let mut events = WhenWoken::new(inner);
        assert_eq!(events.next().await, Some(1));
        assert_eq!(events.next().await, Some(2));
    }

    #[tokio::test]
    async fn a_waiting_stream_is_not_asked_again_until_it_wakes_the_loop() {
        let (shared, inner) = source();
        let mut events = WhenWoken::new(inner);
        let (task, woken) = counting_waker();
        let mut cx = Context::from_waker(&task);
        assert!(Pin::new(&mut events).poll_next(&mut cx).is_pending());
        let after_first = asked(&shared);
        for _ in 0..5 {
            assert!(Pin::new(&mut events).poll_next(&mut cx).is_pending());
        }
        assert_eq!(asked(&shared), after_first, "asked while it had nothing");

        put(&shared, 7);
        assert_eq!(woken.count(), 1, "the input woke the loop");
        assert_eq!(
            Pin::new(&mut events).poll_next(&mut cx),
            Poll::Ready(Some(7))
        );
    }

    /// A waker that counts its wakes.
    fn counting_waker() -> (Waker, Arc<Count>) {
        let count = Arc::new(Count::default());
        (Waker::from(Arc::clone(&count)), count)
    }

    #[derive(Default)]
    struct Count(std::sync::atomic::AtomicUsize);

    impl Count {
        fn count(&self) -> usize {
            self.0.load(Ordering::SeqCst)
        }
    }

    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
}
