//! Criterion benches: reading each response file into typed values, and writing the request
//! envelopes, each beside quick-xml floors measured on the same bytes in the same run.
//!
//! ```sh
//! cargo bench -p ews-types --bench ews                     # everything (a few minutes)
//! cargo bench -p ews-types --bench ews -- read/finditem_1m # one group
//! cargo bench -p ews-types --bench ews -- --test           # run each function once
//! ```
//!
//! * `read/<file>` (every response of `../shared/bench/gen_workload.py`, written into
//!   `target/bench-data/` when missing): `raw_reader`, a raw quick-xml `Reader` event loop;
//!   `nsreader_decode`, a quick-xml `NsReader` loop that also decodes every attribute value and
//!   text node (what any typed reader must at least do); `ews_types`, `read_response` into the
//!   operation's typed values. Throughput is the file's size, in MB/s (10^6 bytes).
//! * `write/<request>` (`req_getitem_1`, `req_getitem_1000`, `req_finditem`, read back with
//!   `read_request`): `quick_xml_writer`, a hand-written quick-xml `Writer` producing the same
//!   document (checked before measuring); `ews_types`, `write_request`. Throughput is the
//!   document's size.
//!
//! The floors are quick-xml 0.42 (the release of the peers' numbers in
//! `../shared/bench/RESULTS.md`); `examples/bench.rs` prints the same comparison as one table.

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::Measurement;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode, Throughput,
};
use ews_types::operations;
use ews_types::runtime::envelope::{write_request, Operation, RequestHeaders};

/// Throughput in decimal MB/s (10^6 bytes, the unit of the example's table and of
/// `../shared/bench/RESULTS.md`), and modest sample counts and times, scaled to the input, so
/// the whole run stays at about two minutes on a 2-core machine. One typed read of a 10 MB file
/// takes tens of milliseconds: those groups take 10 flat samples.
fn configure<M: Measurement>(g: &mut BenchmarkGroup<'_, M>, bytes: usize) {
    g.throughput(Throughput::BytesDecimal(bytes as u64));
    if bytes >= 5_000_000 {
        g.sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(4));
    } else if bytes >= 500_000 {
        g.sample_size(20)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
    } else {
        g.sample_size(50)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
    }
}

fn read(c: &mut Criterion) {
    let dir = support::workloads();
    for name in support::RESPONSES {
        let data = support::load(&dir, name);
        let mut g = c.benchmark_group(format!("read/{name}"));
        configure(&mut g, data.len());
        g.bench_function("raw_reader", |b| {
            b.iter(|| support::raw_reader(black_box(&data)))
        });
        g.bench_function("nsreader_decode", |b| {
            b.iter(|| support::decode_floor(black_box(&data)))
        });
        g.bench_function("ews_types", |b| {
            b.iter(|| support::read_ours(name, black_box(&data)))
        });
        g.finish();
    }
}

/// One `write/<name>` group: the hand-written quick-xml `Writer` and `ews-types` writing the
/// same request envelope (checked equal first).
fn write_case<O: Operation>(
    c: &mut Criterion,
    name: &str,
    headers: &RequestHeaders,
    body: &O::Request,
    by_hand: impl Fn() -> Vec<u8>,
) {
    let ours = write_request::<O>(headers, body).unwrap();
    assert_eq!(
        String::from_utf8(by_hand()).unwrap(),
        ours,
        "{name}: the hand-written writer must produce the same document"
    );
    let mut g = c.benchmark_group(format!("write/{name}"));
    configure(&mut g, ours.len());
    g.bench_function("quick_xml_writer", |b| b.iter(&by_hand));
    g.bench_function("ews_types", |b| {
        b.iter(|| write_request::<O>(headers, black_box(body)).unwrap())
    });
    g.finish();
}

fn write(c: &mut Criterion) {
    let dir = support::workloads();
    for name in support::GETITEM_REQUESTS {
        let (headers, body, version) = support::getitem_request(&support::load(&dir, name));
        write_case::<operations::GetItem>(c, name, &headers, &body, || {
            support::write_by_hand(&version, black_box(&body.0))
        });
    }
    let name = "req_finditem";
    let (headers, body, version) = support::finditem_request(&support::load(&dir, name));
    write_case::<operations::FindItem>(c, name, &headers, &body, || {
        support::write_finditem_by_hand(&version, black_box(&body.0))
    });
}

criterion_group!(benches, read, write);
criterion_main!(benches);
