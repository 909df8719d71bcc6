//! When typesetting itself fails: a template that asks for absurd amounts of memory, or a
//! panic inside typst. Either ends as a message in the user's terms, never as a backtrace.

use std::alloc::{GlobalAlloc, Layout};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// The largest single allocation `plan` makes: more than any picture or PDF of a real plan
/// needs (a 100-megapixel picture decodes into 400 MB), far less than what a runaway
/// template asks for (`"x" * 20000000000` is 20 GB at once).
pub const MAX_ALLOCATION: usize = 4 << 30;

/// The binary's allocator (jemalloc on Linux and macOS, the system's on Windows), with one
/// refusal. An allocation above
/// [`MAX_ALLOCATION`] ends the process with a plain message and exit status 1. Rust cannot
/// unwind out of an allocator, nor hook its out-of-memory abort on stable, so this is the
/// earliest clean stop; without it the machine first swaps for minutes, then aborts.
pub struct Capped<A>(pub A);

unsafe impl<A: GlobalAlloc> GlobalAlloc for Capped<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        refuse_above_cap(layout.size());
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        refuse_above_cap(layout.size());
        // SAFETY: as above.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        refuse_above_cap(new_size);
        // SAFETY: as above.
        unsafe { self.0.realloc(ptr, layout, new_size) }
    }
}

/// Stops the process when `size` is above the cap. Writes with a fixed buffer: nothing
/// here may allocate.
fn refuse_above_cap(size: usize) {
    if size <= MAX_ALLOCATION {
        return;
    }
    let mut buffer = [0u8; 512];
    let mut out = &mut buffer[..];
    let gib = size / (1 << 30);
    let _ = write!(
        out,
        "error: typesetting asked for {gib} GiB of memory at once, more than any plan needs\n \
         = hint: a template probably builds something without end (such as `\"x\" * 20000000000`); \
         check the templates in the plan's templates/ folder\n"
    );
    let written = 512 - out.len();
    let _ = std::io::stderr().write_all(&buffer[..written]);
    std::process::exit(1);
}

/// Set while typesetting runs under [`catching`]: the panic hook then stays quiet, since the
/// panic becomes a diagnostic.
static CATCHING: AtomicBool = AtomicBool::new(false);

/// Replaces Rust's panic message and backtrace note with one line in `plan`'s voice. With
/// `RUST_BACKTRACE` set, the default hook runs instead (for developers).
pub fn install_panic_hook() {
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        if CATCHING.load(Ordering::SeqCst) {
            return;
        }
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: plan stopped on an internal error: {}{place}\n = hint: this is a bug in plan, not in your plan; please report it with the plan folder",
            message(info.payload())
        );
    }));
}

/// Runs `work`, turning a panic in it (on any of its threads) into the panic's message.
pub fn catching<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    CATCHING.store(true, Ordering::SeqCst);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    CATCHING.store(false, Ordering::SeqCst);
    result.map_err(|payload| message(payload.as_ref()))
}

/// The text a panic was raised with.
fn message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Windows builds wrap the system allocator: small allocations pass through it, and
    /// one above the cap ends the process with the message (checked in a child process,
    /// since the refusal exits).
    #[test]
    fn the_cap_holds_around_the_system_allocator() {
        let capped = Capped(std::alloc::System);
        let layout = Layout::from_size_align(64, 8).expect("a valid layout");
        // SAFETY: the layout has a non-zero size; the pointer is freed with it.
        unsafe {
            let small = capped.alloc_zeroed(layout);
            assert!(!small.is_null());
            let grown = capped.realloc(small, layout, 4096);
            assert!(!grown.is_null());
            capped.dealloc(
                grown,
                Layout::from_size_align(4096, 8).expect("a valid layout"),
            );
        }
        if std::env::var_os("PLAN_FAULT_CHILD").is_some() {
            let huge = Layout::from_size_align(MAX_ALLOCATION + 1, 8).expect("a valid layout");
            // SAFETY: never returns: the cap ends the process first.
            let _ = unsafe { capped.alloc(huge) };
            unreachable!("the cap let {} bytes through", MAX_ALLOCATION + 1);
        }
        let child = std::process::Command::new(std::env::current_exe().expect("the test binary"))
            .args([
                "--exact",
                "fault::tests::the_cap_holds_around_the_system_allocator",
                "--nocapture",
            ])
            .env("PLAN_FAULT_CHILD", "1")
            .output()
            .expect("the test binary runs again");
        let stderr = String::from_utf8_lossy(&child.stderr);
        assert_eq!(child.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("4 GiB of memory at once"), "{stderr}");
    }

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(catching(|| 7), Ok(7));
        let result = catching(|| -> u8 { panic!("layout went wrong: {}", 42) });
        assert_eq!(result, Err("layout went wrong: 42".to_string()));
        assert!(
            !CATCHING.load(Ordering::SeqCst),
            "the hook speaks again afterwards"
        );
    }
}
