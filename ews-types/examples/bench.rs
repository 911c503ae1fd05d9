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
//! is only switched on in that child). Streaming (`runtime::stream`) is measured the same
//! way: its throughput on `finditem_1m` against the same raw `Reader` floor, and the peak RSS
//! growth of streaming a 100 MB FindItem response and a GetAttachment response with one
//! 100 MB file from files (written into `target/bench-data/` at bench time: the FindItem one
//! repeats the items of `finditem_10m.xml`), in child processes. The last line is
//! `SUMMARY finditem_1m=… getitem_1m=… write_getitem_1000=… rss_finditem_10m=…
//! stream_finditem_1m=… stream_rss_finditem_100m_mb=… stream_rss_attachment_100m_mb=…`.

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
use ews_types::runtime::stream::{Event, ResponseStream};
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

/// The median of `rounds` [`time`]s of each case, the cases interleaved.
fn medians<const N: usize>(rounds: usize, min: Duration, cases: [&mut dyn FnMut(); N]) -> [f64; N] {
    let mut cases = cases;
    let mut runs = [(); N].map(|()| Vec::with_capacity(rounds));
    for _ in 0..rounds {
        for (case, run) in cases.iter_mut().zip(&mut runs) {
            run.push(time(&mut **case, min));
        }
    }
    runs.map(|mut v| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    })
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

/// Streams a FindItem response from `input`, counting its items.
fn stream_finditem(input: impl std::io::BufRead) -> usize {
    ResponseStream::<_, operations::FindItem>::open(input)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| matches!(e, Event::Value(_)))
        .count()
}

/// Streams a GetAttachment response from `input`, its file content into a sink that
/// discards it: the attachments and the bytes of content.
fn stream_attachment(input: impl std::io::BufRead) -> (usize, u64) {
    struct Counted(std::rc::Rc<std::cell::Cell<u64>>);
    impl std::io::Write for Counted {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.set(self.0.get() + b.len() as u64);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let bytes = std::rc::Rc::new(std::cell::Cell::new(0));
    let values = ResponseStream::<_, operations::GetAttachment>::open(input)
        .unwrap()
        .content_sink(Counted(bytes.clone()))
        .map(|e| e.unwrap())
        .filter(|e| matches!(e, Event::Value(_)))
        .count();
    (values, bytes.get())
}

/// `target/bench-data/finditem_100m.xml`: the items of `finditem_10m.xml` ten times over.
fn finditem_100m() -> std::path::PathBuf {
    let path = data_dir().join("finditem_100m.xml");
    if !path.is_file() {
        let ten = support::load(&support::workloads(), "finditem_10m");
        let text = String::from_utf8(ten).unwrap();
        let (open, close) = ("<t:Items>", "</t:Items>");
        let start = text.find(open).unwrap() + open.len();
        let end = text.rfind(close).unwrap();
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        out.write_all(&text.as_bytes()[..start]).unwrap();
        for _ in 0..10 {
            out.write_all(&text.as_bytes()[start..end]).unwrap();
        }
        out.write_all(&text.as_bytes()[end..]).unwrap();
    }
    path
}

/// `target/bench-data/getattachment_100m.xml`: a GetAttachment response with one file
/// attachment of 100 MB (pseudo-random bytes), written a piece at a time.
fn attachment_100m() -> std::path::PathBuf {
    use ews_types::runtime::Base64Binary;
    let path = data_dir().join("getattachment_100m.xml");
    if path.is_file() {
        return path;
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(
        out,
        r#"<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetAttachmentResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:GetAttachmentResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Attachments><t:FileAttachment><t:AttachmentId Id="AAMkAGI2"/><t:Name>big.bin</t:Name><t:ContentType>application/octet-stream</t:ContentType><t:Content>"#
    )
    .unwrap();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut chunk = vec![0u8; 3 * 65536];
    for _ in 0..(100_000_000 / chunk.len() + 1) {
        for b in chunk.iter_mut() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *b = state as u8;
        }
        out.write_all(Base64Binary::encode(&chunk).as_str().as_bytes())
            .unwrap();
    }
    write!(out, "</t:Content></t:FileAttachment></m:Attachments></m:GetAttachmentResponseMessage></m:ResponseMessages></m:GetAttachmentResponse></s:Body></s:Envelope>").unwrap();
    path
}

/// Child-process mode: streams `name` (`finditem_100m` or `attachment_100m`) from its file
/// and prints the peak RSS growth in KiB and what was read.
fn stream_rss_child(name: &str) {
    let path = if name == "finditem_100m" {
        finditem_100m()
    } else {
        attachment_100m()
    };
    let file = std::io::BufReader::with_capacity(64 << 10, std::fs::File::open(&path).unwrap());
    let before = vm_hwm_kb();
    let read = if name == "finditem_100m" {
        format!("{} items", stream_finditem(file))
    } else {
        let (values, bytes) = stream_attachment(file);
        format!("{values} attachment, {bytes} bytes of content")
    };
    let after = vm_hwm_kb();
    let size = std::fs::metadata(&path).unwrap().len();
    println!("{} {size} {read}", after.saturating_sub(before));
}

/// Peak RSS growth (MiB) of streaming `name` in a child process, with what was read.
fn stream_memory(name: &str) -> (f64, String) {
    // Written here, so that the child's peak is only the streaming's.
    if name == "finditem_100m" {
        finditem_100m();
    } else {
        attachment_100m();
    }
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .arg("--stream-rss")
        .arg(name)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut fields = text.trim().splitn(3, ' ');
    let kib: f64 = fields
        .next()
        .and_then(|f| f.parse().ok())
        .unwrap_or(f64::NAN);
    let size = fields.next().unwrap_or("?").to_owned();
    let read = fields.next().unwrap_or("?").to_owned();
    (kib / 1024.0, format!("{size} | {read}"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--rss") {
        rss_child(&args[2]);
        return;
    }
    if args.get(1).map(String::as_str) == Some("--stream-rss") {
        stream_rss_child(&args[2]);
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
        let [raw, floor, ours] = medians(
            rounds,
            min,
            [
                &mut || {
                    black_box(raw_reader(black_box(&data)));
                },
                &mut || {
                    black_box(decode_floor(black_box(&data)));
                },
                &mut || {
                    black_box(read_ours(name, black_box(&data)));
                },
            ],
        );
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
    println!(
        "| stream | bytes | raw Reader MB/s | streamed MB/s (ratio) | in memory MB/s (ratio) |"
    );
    println!("|---|---|---|---|---|");
    let data = support::load(&dir, "finditem_1m");
    let [raw, streamed, whole] = medians(
        rounds,
        min,
        [
            &mut || {
                black_box(raw_reader(black_box(&data)));
            },
            &mut || {
                black_box(stream_finditem(black_box(&data[..])));
            },
            &mut || {
                black_box(read_ours("finditem_1m", black_box(&data)));
            },
        ],
    );
    let mbs = |t: f64| data.len() as f64 / t / 1e6;
    println!(
        "| finditem_1m | {} | {:.0} | {:.0} ({:.2}x) | {:.0} ({:.2}x) |",
        data.len(),
        mbs(raw),
        mbs(streamed),
        raw / streamed,
        mbs(whole),
        raw / whole
    );
    let stream_ratio = raw / streamed;

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
        let [hand, ours] = medians(
            rounds,
            min,
            [
                &mut || {
                    black_box(write_by_hand(&version, black_box(&body.0)));
                },
                &mut || {
                    black_box(
                        write_request::<operations::GetItem>(&headers, black_box(&body)).unwrap(),
                    );
                },
            ],
        );
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
    println!("| memory streaming from a file | peak RSS growth (MiB) | bytes | read |");
    println!("|---|---|---|---|");
    let mut growth = std::collections::BTreeMap::new();
    for name in ["finditem_100m", "attachment_100m"] {
        let (mib, read) = stream_memory(name);
        println!("| {name} | {mib:.1} | {read} |");
        growth.insert(name, mib);
    }
    println!();
    println!(
        "SUMMARY finditem_1m={:.2} getitem_1m={:.2} write_getitem_1000={:.2} rss_finditem_10m={:.2} stream_finditem_1m={:.2} stream_rss_finditem_100m_mb={:.1} stream_rss_attachment_100m_mb={:.1}",
        summary["finditem_1m"], summary["getitem_1m"], write_ratio, find.rss, stream_ratio, growth["finditem_100m"], growth["attachment_100m"]
    );
}
