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
//! each 10 MB file (in a child process) as a multiple of the input size. The last line is
//! `SUMMARY finditem_1m=… getitem_1m=… write_getitem_1000=… rss_finditem_10m=…`.

#[path = "../benches/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::io::Write as _;
use std::process::Command;
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

/// Child-process mode: read one file and print the peak RSS growth in bytes.
fn rss_child(name: &str) {
    let before = vm_hwm_kb();
    let data = std::fs::read(data_dir().join(format!("{name}.xml"))).unwrap();
    let n = read_ours(name, &data);
    black_box(n);
    let after = vm_hwm_kb();
    println!("{}", (after.saturating_sub(before)) * 1024);
}

fn rss_multiple(name: &str) -> f64 {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe).arg("--rss").arg(name).output().unwrap();
    let grown: f64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(f64::NAN);
    let size = std::fs::metadata(data_dir().join(format!("{name}.xml")))
        .unwrap()
        .len() as f64;
    grown / size
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--rss") {
        rss_child(&args[2]);
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
    println!("| peak RSS reading | multiple of input size |");
    println!("|---|---|");
    let rss_find = rss_multiple("finditem_10m");
    let rss_get = rss_multiple("getitem_10m");
    println!("| finditem_10m | {rss_find:.2}x |");
    println!("| getitem_10m | {rss_get:.2}x |");
    println!();
    println!(
        "SUMMARY finditem_1m={:.2} getitem_1m={:.2} write_getitem_1000={:.2} rss_finditem_10m={:.2}",
        summary["finditem_1m"], summary["getitem_1m"], write_ratio, rss_find
    );
}
