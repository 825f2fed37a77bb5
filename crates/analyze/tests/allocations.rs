//! Allocations and peak memory of the analysis grow linearly with the size of
//! one text, and the peak stays under a fixed number of bytes per input byte.
//!
//! Counted by this test binary's global allocator, not timed: the counts do not
//! depend on the load of the machine. The text is the dense, punctuation-less
//! line of `linear.rs`, at 1.1 MB and 2.2 MB (above the size from which the
//! analyser reads entities and times one after the other, so both sizes take
//! the same path). This file holds one test, so no other test allocates while
//! it counts.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use recoupe_analyze::Analyzer;

struct Counting;

static CALLS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grown(by: usize) {
    let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        CALLS.fetch_add(1, Ordering::Relaxed);
        grown(layout.size());
        // SAFETY: same layout as given.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        CALLS.fetch_add(1, Ordering::Relaxed);
        if new_size >= layout.size() {
            grown(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocation calls and peak bytes above what was live before, analysing
/// `bytes` of text (the text and article themselves are made before counting).
fn measure(analyzer: &Analyzer, bytes: usize) -> (usize, usize, usize) {
    let (text, sentences) = common::one_line_text(bytes);
    let mut article = common::article(&text, "fr");
    article.sentences = sentences;
    let live_before = LIVE.load(Ordering::Relaxed);
    PEAK.store(live_before, Ordering::Relaxed);
    let calls_before = CALLS.load(Ordering::Relaxed);
    let analysis = analyzer.analyze(&article);
    let calls = CALLS.load(Ordering::Relaxed) - calls_before;
    let peak = PEAK.load(Ordering::Relaxed) - live_before;
    let mentions = analysis.entities.len() + analysis.times.len() + analysis.quantities.len() + analysis.frames.len();
    (calls, peak, mentions)
}

#[test]
fn allocations_and_peak_memory_grow_linearly() {
    let analyzer = Analyzer::new();
    // Warm-up: embedded resources and lazily built tables are allocated once.
    measure(&analyzer, 20_000);
    let n = 1_100_000;
    let (small_calls, small_peak, small_mentions) = measure(&analyzer, n);
    let (large_calls, large_peak, large_mentions) = measure(&analyzer, 2 * n);
    eprintln!(
        "{n} bytes: {small_calls} allocations, peak {small_peak} bytes, {small_mentions} mentions; \
         {} bytes: {large_calls} allocations, peak {large_peak} bytes, {large_mentions} mentions",
        2 * n
    );
    assert!(
        large_mentions > 19 * small_mentions / 10,
        "{large_mentions} vs {small_mentions} mentions"
    );
    // Linear: twice the text, about twice the allocations and peak (2.5 leaves
    // room for vectors doubling at different points; quadratic would be 4).
    let call_ratio = large_calls as f64 / small_calls.max(1) as f64;
    assert!(call_ratio < 2.5, "twice the text made {call_ratio:.2}x the allocations");
    let peak_ratio = large_peak as f64 / small_peak.max(1) as f64;
    assert!(peak_ratio < 2.5, "twice the text made a {peak_ratio:.2}x peak");
    // Bounded: the analysis of a huge text holds a fixed number of bytes per
    // input byte (tokens borrowing the text, mentions, frames): 30 when
    // written. The former table of the text's characters alone took 16, and
    // each token owned two strings.
    let per_byte = large_peak as f64 / (2 * n) as f64;
    assert!(
        per_byte < PEAK_BYTES_PER_INPUT_BYTE,
        "peak {per_byte:.1} bytes per input byte"
    );
}

/// Bound on the analysis' peak heap per byte of one huge text.
const PEAK_BYTES_PER_INPUT_BYTE: f64 = 40.0;
