//! The benchmark table: throughput of reading responses and writing requests, as ratios to
//! quick-xml floors measured on the same bytes in the same run, plus peak memory.
//!
//! ```sh
//! cargo run --release -p ews-types --example bench            # all cases
//! cargo run --release -p ews-types --example bench -- --quick # fewer rounds
//! ```
//!
//! It writes the workloads into `target/bench-data/` with
//! `../shared/bench/gen_workload.py` (when missing), runs every case in interleaved rounds,
//! and prints MB/s with the ratio to a raw quick-xml `Reader` loop; the writer's ratio to a
//! hand-written quick-xml `Writer` producing the same document; and the peak RSS of reading
//! each 10 MB file (in a child process) as a multiple of the input size, with the heap the
//! typed values hold (bytes and allocations, counted by a wrapper of the system allocator that
//! is only switched on in that child). The last line is
//! `SUMMARY finditem_1m=… getitem_1m=… write_getitem_1000=… rss_finditem_10m=…`.

#[path = "../benches/support/mod.rs"]
mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::io::Write as _;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use ews_types::operations;
use ews_types::runtime::envelope::{write_request, Operation};
use support::{data_dir, decode_floor, raw_reader, read_ours, write_by_hand};

/// Median seconds per run of `f`, over `rounds` timed runs of at least `min` each.
fn time(mut f: impl FnMut(), min: Duration) -> f64 {
    f();
    let start = Instant::now();
    let mut n = 0u32;
    while start.elapsed() < min || n < 3 {
        f();
        n += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(n)
}

/// Peak RSS (kB) of this process so far.
fn vm_hwm_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The system allocator, counting live bytes and allocations when [`COUNTING`] is on (only in
/// the memory child process: the timed runs pay one relaxed load per allocation).
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);
static PEAK_BYTES: AtomicUsize = AtomicUsize::new(0);
static ALLOCS: AtomicUsize = AtomicUsize::new(0);

fn grow(by: usize) {
    let live = LIVE_BYTES.fetch_add(by, Relaxed) + by;
    PEAK_BYTES.fetch_max(live, Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are updated.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            grow(layout.size());
            ALLOCS.fetch_add(1, Relaxed);
        }
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Relaxed) {
            LIVE_BYTES.fetch_sub(layout.size(), Relaxed);
        }
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            grow(new_size);
            LIVE_BYTES.fetch_sub(layout.size(), Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Child-process mode: read one file and print the peak RSS growth in bytes, the peak heap
/// of reading it (the typed values and what reading needed on the way), the allocations made,
/// the number of `t:Message` items in the file, and the process's peak RSS in KiB.
fn rss_child(name: &str) {
    let before = vm_hwm_kb();
    let data = std::fs::read(data_dir().join(format!("{name}.xml"))).unwrap();
    // Counted from here: only what reading allocates, not the input buffer. (Nothing read
    // here is freed before counting starts, so the live counter cannot underflow.)
    COUNTING.store(true, Relaxed);
    black_box(read_ours(name, &data));
    COUNTING.store(false, Relaxed);
    let after = vm_hwm_kb();
    let items = data.windows(11).filter(|w| w == b"<t:Message>").count();
    println!(
        "{} {} {} {items} {after}",
        (after.saturating_sub(before)) * 1024,
        PEAK_BYTES.load(Relaxed),
        ALLOCS.load(Relaxed)
    );
}

/// Child-process mode for instruction counts (callgrind): writes request `name` (a GetItem
/// request workload) ten times.
fn write_child(name: &str) {
    let dir = support::workloads();
    let (headers, body, _) = support::getitem_request(&support::load(&dir, name));
    for _ in 0..10 {
        black_box(write_request::<operations::GetItem>(&headers, black_box(&body)).unwrap());
    }
}

/// Memory of reading `name` in a child process: peak RSS growth and peak heap as multiples
/// of the input size, heap bytes and allocations per item, and the whole process's peak RSS
/// (the figure `/usr/bin/time` reports, as in the peers' RESULTS.md).
struct Memory {
    rss: f64,
    process_kib: f64,
    input_bytes: f64,
    items: f64,
    live: f64,
    bytes_per_item: f64,
    allocs_per_item: f64,
}

fn memory(name: &str) -> Memory {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe).arg("--rss").arg(name).output().unwrap();
    let fields: Vec<f64> = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(f64::NAN))
        .collect();
    let field = |i: usize| fields.get(i).copied().unwrap_or(f64::NAN);
    let size = std::fs::metadata(data_dir().join(format!("{name}.xml")))
        .unwrap()
        .len() as f64;
    Memory {
        rss: field(0) / size,
        process_kib: field(4),
        input_bytes: size,
        items: field(3),
        live: field(1) / size,
        bytes_per_item: field(1) / field(3),
        allocs_per_item: field(2) / field(3),
    }
}

/// The fixed-size struct frames one FindItem summary item needs (`t:Message` with `t:ItemId`,
/// `t:ParentFolderId` and `t:From`), against what the 2.0x memory target leaves per item
/// beyond the input: (2.0 - 1.0) x input bytes / items, from the memory of reading FindItem
/// 10 MB.
fn frames(find: &Memory) {
    use ews_types::types::{FolderIdType, ItemIdType, ItemType, MessageType, SingleRecipientType};
    use std::mem::size_of;
    let rows = [
        (
            "MessageType (of which ItemType)",
            size_of::<MessageType>(),
            size_of::<ItemType>(),
        ),
        ("ItemIdType", size_of::<ItemIdType>(), 0),
        ("FolderIdType", size_of::<FolderIdType>(), 0),
        ("SingleRecipientType", size_of::<SingleRecipientType>(), 0),
    ];
    let total: usize = rows.iter().map(|r| r.1).sum();
    println!();
    println!("| struct frames of one FindItem item | bytes |");
    println!("|---|---|");
    for (name, bytes, of_which) in rows {
        if of_which > 0 {
            println!("| {name} | {bytes} ({of_which}) |");
        } else {
            println!("| {name} | {bytes} |");
        }
    }
    println!("| total | {total} |");
    println!(
        "| left per item at 2.0x, beyond the input | {:.0} |",
        find.input_bytes / find.items
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--rss") {
        rss_child(&args[2]);
        return;
    }
    if args.get(1).map(String::as_str) == Some("--write") {
        write_child(&args[2]);
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let min = Duration::from_millis(if quick { 150 } else { 600 });
    let rounds = if quick { 2 } else { 5 };
    let dir = support::workloads();

    println!(
        "machine: {} cores; rounds: {rounds} interleaved, median reported",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!();
    println!("| read | bytes | raw Reader MB/s | NsReader+decode MB/s (ratio) | ews-types MB/s (ratio) |");
    println!("|---|---|---|---|---|");
    let mut summary = std::collections::BTreeMap::new();
    for name in support::RESPONSES {
        let data = support::load(&dir, name);
        let (mut raw, mut floor, mut ours) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds {
            raw.push(time(
                || {
                    black_box(raw_reader(black_box(&data)));
                },
                min,
            ));
            floor.push(time(
                || {
                    black_box(decode_floor(black_box(&data)));
                },
                min,
            ));
            ours.push(time(
                || {
                    black_box(read_ours(name, black_box(&data)));
                },
                min,
            ));
        }
        let med = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let (raw, floor, ours) = (med(&mut raw), med(&mut floor), med(&mut ours));
        let mbs = |t: f64| data.len() as f64 / t / 1e6;
        println!(
            "| {name} | {} | {:.0} | {:.0} ({:.2}x) | {:.0} ({:.2}x) |",
            data.len(),
            mbs(raw),
            mbs(floor),
            raw / floor,
            mbs(ours),
            raw / ours
        );
        summary.insert(name, raw / ours);
        std::io::stdout().flush().unwrap();
    }

    println!();
    println!("| write | bytes | hand-written quick-xml Writer MB/s | ews-types MB/s (ratio) |");
    println!("|---|---|---|---|");
    let mut write_ratio = 0.0;
    for name in support::GETITEM_REQUESTS {
        let (headers, body, version) = support::getitem_request(&support::load(&dir, name));
        let ours_xml = write_request::<operations::GetItem>(&headers, &body).unwrap();
        let hand_xml = write_by_hand(&version, &body.0);
        assert_eq!(
            String::from_utf8(hand_xml.clone()).unwrap(),
            ours_xml,
            "the hand-written writer must produce the same document"
        );
        let (mut hand, mut ours) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            hand.push(time(
                || {
                    black_box(write_by_hand(&version, black_box(&body.0)));
                },
                min,
            ));
            ours.push(time(
                || {
                    black_box(
                        write_request::<operations::GetItem>(&headers, black_box(&body)).unwrap(),
                    );
                },
                min,
            ));
        }
        hand.sort_by(f64::total_cmp);
        ours.sort_by(f64::total_cmp);
        let (hand, ours) = (hand[hand.len() / 2], ours[ours.len() / 2]);
        let mbs = |t: f64| ours_xml.len() as f64 / t / 1e6;
        println!(
            "| {name} | {} | {:.0} | {:.0} ({:.2}x) |",
            ours_xml.len(),
            mbs(hand),
            mbs(ours),
            hand / ours
        );
        write_ratio = hand / ours;
    }
    let _ = <operations::GetItem as Operation>::NAME;

    println!();
    println!("| memory reading | peak RSS (x input, input included) | whole process peak RSS (KiB) | peak heap of reading (x input) | heap bytes per item | allocations per item |");
    println!("|---|---|---|---|---|---|");
    let mut find = None;
    for name in ["finditem_10m", "getitem_10m"] {
        let m = memory(name);
        println!(
            "| {name} | {:.2}x | {:.0} | {:.2}x | {:.0} | {:.1} |",
            m.rss, m.process_kib, m.live, m.bytes_per_item, m.allocs_per_item
        );
        if name == "finditem_10m" {
            find = Some(m);
        }
    }
    let find = find.expect("finditem_10m is measured");
    frames(&find);
    println!();
    println!(
        "SUMMARY finditem_1m={:.2} getitem_1m={:.2} write_getitem_1000={:.2} rss_finditem_10m={:.2}",
        summary["finditem_1m"], summary["getitem_1m"], write_ratio, find.rss
    );
}
