//! Benchmarks behind the performance budget (docs/performance.md): decoding answers,
//! `update` for key presses, drawing every screen at 120x40 with 10 and 10,000 rows (the
//! Shipments tab with 10 and 2,000, a 50-event timeline), and the whole path from
//! response bytes to a drawn frame.
//!
//! `cargo bench` runs them all (divan); `cargo bench -- render` only those whose name
//! holds "render". Timings live here and in scripts/measure.sh, never in `cargo test`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use std::hint::black_box;
use std::sync::OnceLock;

use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use skyview::api::{
    Customer, Lookup, ShipmentInfo, ShipmentLookup, ShipmentsLookup, decode_customers,
    decode_shipments,
};
use skyview::app::{Answer, App, Cmd, EnvChoice, Msg, Reply, Screen, Settings};
use skyview::demo::{GENERATED, GeneratedCustomer, GeneratedSize, LARGEST_ANSWER_BOX_ID};

fn main() {
    divan::main();
}

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// The docs' sample answer (John Doe), byte for byte.
const SAMPLE: &[u8] = include_bytes!("../assets/demo/811111.json");

/// A demo-style answer with this many addresses and phones.
fn generated(addresses: usize, phones: usize) -> String {
    GeneratedCustomer {
        box_id: 877_777,
        key: "",
        about: "",
        size: GeneratedSize::Counts { addresses, phones },
    }
    .body()
}

/// The 10,000-address answer (40 phones), made once.
fn ten_thousand() -> &'static [u8] {
    static BODY: OnceLock<String> = OnceLock::new();
    BODY.get_or_init(|| generated(10_000, 40)).as_bytes()
}

/// The largest answer accepted: exactly 8 MiB.
fn largest() -> &'static [u8] {
    static BODY: OnceLock<String> = OnceLock::new();
    BODY.get_or_init(|| {
        GENERATED
            .iter()
            .find(|c| c.box_id == LARGEST_ANSWER_BOX_ID)
            .unwrap()
            .body()
    })
    .as_bytes()
}

/// A customer with `rows` addresses and `rows` phones.
fn customer_with(rows: usize) -> Customer {
    decode_customers(generated(rows, rows).as_bytes())
        .unwrap()
        .remove(0)
}

fn new_app() -> App {
    let prefill = skyview::demo::prefill();
    let settings = Settings {
        environments: vec![EnvChoice::new("DEMO", false)],
        ..Settings::default()
    };
    let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
    let mut app = App::new(settings, &prefill, today);
    app.rows = HEIGHT;
    app
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Presses Enter on the form; returns the id of the request it sent.
fn submit(app: &mut App) -> u64 {
    match app.update(key(KeyCode::Enter)).pop() {
        Some(Cmd::Fetch { id, .. }) => id,
        other => panic!("Enter did not fetch: {other:?}"),
    }
}

/// An app showing `customers` (the detail view for one, the chooser for several).
fn app_showing(customers: Vec<Customer>) -> App {
    let mut app = new_app();
    let id = submit(&mut app);
    app.update(Msg::Loaded {
        id,
        reply: Reply::Customer(Ok(Answer::new(Lookup {
            customers,
            body: Vec::new(),
        }))),
        at: time::Time::MIDNIGHT,
    });
    app
}

fn test_terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap()
}

/// A terminal that turns frames into the escape sequences a real one receives.
fn byte_terminal() -> Terminal<CrosstermBackend<Vec<u8>>> {
    Terminal::with_options(
        CrosstermBackend::new(Vec::with_capacity(64 * 1024)),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
        },
    )
    .unwrap()
}

/// Draws `app` in a loop on one terminal: every frame after the first is a full
/// render plus the diff against the frame before (as the event loop does).
fn bench_frames(bencher: divan::Bencher, app: &App) {
    let mut terminal = test_terminal();
    bencher.bench_local(|| {
        terminal
            .draw(|frame| skyview::ui::render(black_box(app), frame))
            .unwrap();
    });
}

mod decode {
    use super::*;

    /// The docs' sample: one customer, one address, two phones (2.6 KB).
    #[divan::bench]
    fn docs_sample(bencher: divan::Bencher) {
        bencher
            .counter(divan::counter::BytesCount::new(SAMPLE.len()))
            .bench(|| decode_customers(black_box(SAMPLE)).unwrap());
    }

    /// 10,000 addresses and 40 phones (5.5 MB).
    #[divan::bench(sample_count = 20)]
    fn addresses_10_000(bencher: divan::Bencher) {
        let body = ten_thousand();
        bencher
            .counter(divan::counter::BytesCount::new(body.len()))
            .bench(|| decode_customers(black_box(body)).unwrap());
    }

    /// Exactly 8 MiB, the cap.
    #[divan::bench(sample_count = 10)]
    fn largest_8_mib(bencher: divan::Bencher) {
        let body = largest();
        bencher
            .counter(divan::counter::BytesCount::new(body.len()))
            .bench(|| decode_customers(black_box(body)).unwrap());
    }

    /// The demo business account's 2,000 shipments (about 1 MB).
    #[divan::bench(sample_count = 20)]
    fn shipments_2_000(bencher: divan::Bencher) {
        let today = time::OffsetDateTime::now_utc().date();
        let body = skyview::demo::many_shipments_body(today);
        bencher
            .counter(divan::counter::BytesCount::new(body.len()))
            .bench(|| skyview::api::decode_shipments(black_box(body.as_bytes())).unwrap());
    }
}

mod update {
    use super::*;

    /// A digit typed into the focused field of the form.
    #[divan::bench]
    fn form_type_a_digit(bencher: divan::Bencher) {
        bencher
            .with_inputs(new_app)
            .bench_local_refs(|app| app.update(key(KeyCode::Char('7'))));
    }

    /// Enter on the form: validate every field, build the request.
    #[divan::bench]
    fn form_enter(bencher: divan::Bencher) {
        let mut app = new_app();
        bencher.bench_local(|| app.update(key(KeyCode::Enter)));
    }

    /// Tab on the detail view of a customer with `rows` addresses and phones.
    #[divan::bench(args = [10, 10_000])]
    fn detail_tab(bencher: divan::Bencher, rows: usize) {
        let mut app = app_showing(vec![customer_with(rows)]);
        bencher.bench_local(|| app.update(key(KeyCode::Tab)));
    }

    /// Page Down on the Addresses tab of a customer with `rows` addresses.
    #[divan::bench(args = [10, 10_000])]
    fn addresses_page_down(bencher: divan::Bencher, rows: usize) {
        let mut app = app_showing(vec![customer_with(rows)]);
        app.update(key(KeyCode::Char('2')));
        bencher.bench_local(|| {
            let cmds = app.update(key(KeyCode::PageDown));
            if matches!(&app.screen, Screen::Detail(d) if d.scroll + 1 >= rows) {
                app.update(key(KeyCode::Home));
            }
            cmds
        });
    }
}

mod render {
    use super::*;

    /// The form, prefilled.
    #[divan::bench]
    fn form(bencher: divan::Bencher) {
        bench_frames(bencher, &new_app());
    }

    /// The form while a lookup is in flight (what each spinner tick draws).
    #[divan::bench]
    fn loading(bencher: divan::Bencher) {
        let mut app = new_app();
        submit(&mut app);
        bench_frames(bencher, &app);
    }

    /// Profile tab of a customer with `rows` addresses and phones.
    #[divan::bench(args = [10, 10_000])]
    fn profile(bencher: divan::Bencher, rows: usize) {
        bench_frames(bencher, &app_showing(vec![customer_with(rows)]));
    }

    /// Addresses tab, scrolled to the middle.
    #[divan::bench(args = [10, 10_000])]
    fn addresses(bencher: divan::Bencher, rows: usize) {
        let mut app = app_showing(vec![customer_with(rows)]);
        app.update(key(KeyCode::Char('2')));
        for _ in 0..rows / 2 {
            app.update(key(KeyCode::Down));
        }
        bench_frames(bencher, &app);
    }

    /// Phones tab, scrolled to the middle.
    #[divan::bench(args = [10, 10_000])]
    fn phones(bencher: divan::Bencher, rows: usize) {
        let mut app = app_showing(vec![customer_with(rows)]);
        app.update(key(KeyCode::Char('3')));
        for _ in 0..rows / 2 {
            app.update(key(KeyCode::Down));
        }
        bench_frames(bencher, &app);
    }

    /// John Doe's Shipments tab with `rows` of the demo's 2,000 shipments, the middle
    /// one highlighted.
    fn showing_shipments(rows: usize) -> App {
        let mut app = app_showing(decode_customers(SAMPLE).unwrap());
        let Screen::Detail(detail) = &app.screen else {
            panic!("no customer");
        };
        let window = detail.shipments.window;
        let today = time::OffsetDateTime::now_utc().date();
        let body = skyview::demo::many_shipments_body(today);
        let mut all = decode_shipments(body.as_bytes()).unwrap();
        all.truncate(rows);
        // Request 2: the shipments asked for when the customer came up.
        app.update(Msg::Loaded {
            id: 2,
            reply: Reply::Shipments(Ok(skyview::app::ShipmentList::from_lookup(
                ShipmentsLookup {
                    window,
                    rows: all,
                    body: Vec::new(),
                },
                skyview::i18n::Lang::En,
                skyview::i18n::Decimal::Dot,
            ))),
            at: time::Time::MIDNIGHT,
        });
        app.update(key(KeyCode::Char('4')));
        for _ in 0..rows / 2 {
            app.update(key(KeyCode::Down));
        }
        app
    }

    /// The Shipments tab, `rows` shipments, the middle one highlighted.
    #[divan::bench(args = [10, 2_000])]
    fn shipments(bencher: divan::Bencher, rows: usize) {
        bench_frames(bencher, &showing_shipments(rows));
    }

    /// One shipment open, its timeline 50 events long.
    #[divan::bench]
    fn shipment_timeline_50(bencher: divan::Bencher) {
        let mut app = showing_shipments(10);
        let id = match app.update(key(KeyCode::Enter)).pop() {
            Some(Cmd::Fetch { id, .. }) => id,
            other => panic!("Enter did not fetch the shipment: {other:?}"),
        };
        let mut answers: Vec<ShipmentInfo> = serde_json::from_str(include_str!(
            "../assets/samples/get-shipment-info.response.json"
        ))
        .unwrap();
        for info in &mut answers {
            info.tracking = info.tracking.iter().cycle().take(50).cloned().collect();
            info.sort_tracking();
        }
        app.update(Msg::Loaded {
            id,
            reply: Reply::Shipment(Ok(ShipmentLookup {
                answers,
                body: Vec::new(),
            })),
            at: time::Time::MIDNIGHT,
        });
        // Scrolled to the timeline, so all of the 40 lines hold events.
        for _ in 0..30 {
            app.update(key(KeyCode::Down));
        }
        bench_frames(bencher, &app);
    }

    /// The chooser, with `rows` customers in one answer, the last one highlighted.
    #[divan::bench(args = [10, 10_000])]
    fn choose(bencher: divan::Bencher, rows: usize) {
        let john = decode_customers(SAMPLE).unwrap().remove(0);
        let mut app = app_showing(vec![john; rows]);
        assert!(matches!(app.screen, Screen::Choose(_)));
        app.update(key(KeyCode::End));
        bench_frames(bencher, &app);
    }
}

mod whole_path {
    use super::*;

    /// Response bytes to a drawn frame: decode, `update` with the answer, draw the
    /// detail view over the form and turn it into escape sequences (what the terminal
    /// receives), as after Enter.
    fn bytes_to_frame(bencher: divan::Bencher, body: &'static [u8]) {
        bencher
            .counter(divan::counter::BytesCount::new(body.len()))
            .with_inputs(|| {
                let mut app = new_app();
                let mut terminal = byte_terminal();
                terminal
                    .draw(|frame| skyview::ui::render(&app, frame))
                    .unwrap();
                let id = submit(&mut app);
                (app, terminal, id)
            })
            .bench_local_values(|(mut app, mut terminal, id)| {
                let customers = decode_customers(black_box(body)).unwrap();
                app.update(Msg::Loaded {
                    id,
                    // The whole path: the Raw tab's text is part of readying an answer.
                    reply: Reply::Customer(Ok(Answer::new(Lookup {
                        customers,
                        body: body.to_vec(),
                    }))),
                    at: time::Time::MIDNIGHT,
                });
                terminal
                    .draw(|frame| skyview::ui::render(&app, frame))
                    .unwrap();
                (app, terminal)
            });
    }

    #[divan::bench]
    fn docs_sample(bencher: divan::Bencher) {
        bytes_to_frame(bencher, SAMPLE);
    }

    #[divan::bench]
    fn addresses_300(bencher: divan::Bencher) {
        static BODY: OnceLock<String> = OnceLock::new();
        let body = BODY.get_or_init(|| generated(300, 40));
        bytes_to_frame(bencher, body.as_bytes());
    }

    #[divan::bench(sample_count = 20)]
    fn addresses_10_000(bencher: divan::Bencher) {
        bytes_to_frame(bencher, ten_thousand());
    }
}
