//! Render snapshots of every screen at 80x24 and 120x40, plus styled-cell checks of the
//! colour-critical cells (text snapshots do not show colour).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use skyview::api::{
    ApiError, Customer, Lookup, ShipmentInfo, ShipmentLookup, ShipmentRow, ShipmentsLookup,
    decode_customers, decode_shipments, newest_first,
};
use skyview::app::{
    Answer, App, Cmd, EnvChoice, Msg, Reply, Screen, Settings, ShipmentList, Tab, Target,
};
use skyview::i18n::{Decimal, Lang};
use skyview::query::{FieldId, Prefill};

fn settings(label: &str) -> Settings {
    Settings {
        environments: vec![EnvChoice::new(label, label == "PROD")],
        ..Settings::default()
    }
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn fixture(box_id: u64) -> Vec<Customer> {
    let body = match box_id {
        811_111 => include_str!("../assets/demo/811111.json"),
        822_222 => include_str!("../assets/demo/822222.json"),
        833_333 => include_str!("../assets/demo/833333.json"),
        844_444 => include_str!("../assets/demo/844444.json"),
        _ => panic!("no fixture for {box_id}"),
    };
    decode_customers(body.as_bytes()).unwrap()
}

/// A language and the decimal separator of a region that speaks it.
type Locale = (Lang, Decimal);

/// English, Mexico's Spanish and Brazil's Portuguese: one screen drawn in each, side
/// by side ([`side_by_side`]).
const LOCALES: [Locale; 3] = [
    (Lang::En, Decimal::Dot),
    (Lang::Es, Decimal::Dot),
    (Lang::Pt, Decimal::Comma),
];

fn app_for(box_id: u64) -> App {
    app_in(LOCALES[0], box_id)
}

fn app_in(locale: Locale, box_id: u64) -> App {
    app_typed(locale, &box_id.to_string())
}

/// The demo's form with `customer` in the customer field, in `locale`.
fn app_typed((lang, decimal): Locale, customer: &str) -> App {
    let prefill = Prefill {
        box_id: customer.to_string(),
        ..skyview::demo::prefill()
    };
    let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
    let settings = Settings {
        lang,
        decimal,
        ..settings("DEMO")
    };
    App::new(settings, &prefill, today)
}

fn press(app: &mut App, code: KeyCode) -> Vec<Cmd> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Submits the form and answers with `result`.
fn answered(mut app: App, result: Result<Lookup, ApiError>) -> App {
    let Some(Cmd::Fetch { id, .. }) = press(&mut app, KeyCode::Enter).pop() else {
        panic!("Enter did not fetch");
    };
    app.update(Msg::Loaded {
        id,
        reply: Reply::Customer(result.map(Answer::new)),
        at: time::Time::from_hms(14, 3, 7).unwrap(),
    });
    app
}

fn loaded(box_id: u64) -> App {
    loaded_in(LOCALES[0], box_id)
}

fn loaded_in(locale: Locale, box_id: u64) -> App {
    answered(
        app_in(locale, box_id),
        Ok(Lookup {
            customers: fixture(box_id),
            body: Vec::new(),
        }),
    )
}

fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| skyview::ui::render(app, frame))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Snapshots one screen as `make` draws it in each of [`LOCALES`], side by side at
/// 80x24, named `{name}_languages`: what the translations change, seen at a glance.
fn side_by_side(name: &str, make: impl Fn(Locale) -> App) {
    let screens: Vec<Vec<String>> = LOCALES
        .iter()
        .map(|locale| {
            let text = screen_text(&draw(&make(*locale), 80, 24));
            text.lines().map(str::to_string).collect()
        })
        .collect();
    let header: Vec<String> = LOCALES
        .iter()
        .map(|(lang, _)| format!("{:<80}", lang.code()))
        .collect();
    let rows: Vec<String> = std::iter::once(header.join(" │ "))
        .chain((0..24).map(|row| {
            let cells: Vec<&str> = screens.iter().map(|s| s[row].as_str()).collect();
            cells.join(" │ ")
        }))
        .collect();
    insta::assert_snapshot!(format!("{name}_languages"), rows.join("\n"));
}

/// Snapshots the app at both sizes, named `{name}_{w}x{h}`.
fn snapshot(name: &str, app: &App) {
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| skyview::ui::render(app, frame))
            .unwrap();
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
    }
}

/// The text of the cursor's row before the cursor, after a frame at each size: what
/// typing goes after.
fn before_cursor(app: &App) -> Vec<String> {
    SIZES
        .iter()
        .map(|&(width, height)| {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| skyview::ui::render(app, frame))
                .unwrap();
            let at = terminal.backend_mut().get_cursor_position().unwrap();
            let buffer = terminal.backend().buffer();
            (0..at.x).map(|x| buffer[(x, at.y)].symbol()).collect()
        })
        .collect()
}

/// Asserts that typing goes right after `text` at every size.
fn assert_typing_after(app: &App, text: &str) {
    for before in before_cursor(app) {
        assert!(
            before.ends_with(text),
            "the cursor is not right after {text:?}: {before:?}"
        );
    }
}

fn screen_text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cell where `needle` starts on screen.
fn find(buffer: &Buffer, needle: &str) -> (u16, u16) {
    let first = needle.chars().next().unwrap().to_string();
    let width = buffer.area.width;
    for y in 0..buffer.area.height {
        for x in 0..width {
            let matches = needle.chars().enumerate().all(|(i, c)| {
                let x = x + i as u16;
                x < width && buffer[(x, y)].symbol() == c.to_string()
            });
            if matches && buffer[(x, y)].symbol() == first {
                return (x, y);
            }
        }
    }
    panic!("{needle:?} not on screen:\n{}", screen_text(buffer));
}

#[test]
fn form_prefilled_for_the_demo() {
    snapshot("form", &app_for(811_111));
}

#[test]
fn form_with_secrets_revealed() {
    let mut app = app_for(811_111);
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('r'),
        KeyModifiers::CONTROL,
    )));
    snapshot("form_revealed", &app);
}

#[test]
fn form_with_validation_messages() {
    let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
    let mut app = App::new(settings("TEST"), &Prefill::default(), today);
    for c in "39x".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Tab);
    for c in "not-hex".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    snapshot("form_invalid", &app);
    // Focus went back to the first field refused, the cursor after what it holds.
    assert_typing_after(&app, "39x");
}

#[test]
fn loading_shows_spinner_and_elapsed_time() {
    let mut app = app_for(811_111);
    press(&mut app, KeyCode::Enter);
    app.update(Msg::Tick(vec![(1, Duration::from_millis(1250))]));
    snapshot("loading", &app);
}

#[test]
fn john_doe_profile_addresses_and_phones() {
    let mut app = loaded(811_111);
    snapshot("john_doe_profile", &app);
    press(&mut app, KeyCode::Char('2'));
    snapshot("john_doe_addresses", &app);
    press(&mut app, KeyCode::Char('3'));
    snapshot("john_doe_phones", &app);
}

/// The phone's first number is the dialing country code ("+1", "57"): Spanish and
/// Portuguese label it as SkyPostal's own client does (the glossary); English keeps
/// issue 2's "Area code", the word agents' notes already use.
#[test]
fn the_phone_s_dialing_code_is_labelled_as_skypostal_words_it() {
    for (locale, label) in LOCALES
        .iter()
        .zip(["Area code", "Código de país", "Código do país"])
    {
        let mut app = loaded_in(*locale, 811_111);
        press(&mut app, KeyCode::Char('3'));
        let text = screen_text(&draw(&app, 80, 24));
        assert!(text.contains(label), "{:?}: {text}", locale.0);
    }
}

#[test]
fn unverified_items_are_counted_and_explained() {
    let mut app = loaded(822_222);
    snapshot("unverified_profile", &app);
    press(&mut app, KeyCode::Char('2'));
    snapshot("unverified_addresses", &app);
    press(&mut app, KeyCode::Char('3'));
    snapshot("unverified_phones", &app);
}

#[test]
fn inactive_disabled_customer_with_an_error_object() {
    snapshot("inactive_profile", &loaded(833_333));
}

#[test]
fn non_ascii_names_and_many_addresses() {
    let mut app = loaded(844_444);
    snapshot("non_ascii_profile", &app);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Down);
    snapshot("non_ascii_addresses_scrolled", &app);
}

#[test]
fn a_failure_keeps_the_form_and_says_what_happened() {
    let error = ApiError::Timeout {
        after: Duration::from_secs(15),
        host: "api-box-test.skypostal.com".into(),
    };
    snapshot("error_timeout", &answered(app_for(811_111), Err(error)));
}

#[test]
fn rejected_credentials_and_empty_answers() {
    let rejected = decode_customers(
        br#"[{"_verify":false,"error":{"error_description":"Invalid session: the customer key does not match this box id or has expired","error_location":"customer-get-info","system_error":false}}]"#,
    )
    .unwrap();
    snapshot(
        "error_rejected",
        &answered(
            app_for(811_111),
            Ok(Lookup {
                customers: rejected,
                body: Vec::new(),
            }),
        ),
    );
    snapshot(
        "error_no_customer",
        &answered(
            app_for(811_111),
            Ok(Lookup {
                customers: vec![],
                body: Vec::new(),
            }),
        ),
    );
}

#[test]
fn a_customer_with_no_fields_is_shown_with_its_flags_unknown() {
    let app = answered(
        app_for(811_111),
        Ok(Lookup {
            customers: decode_customers(b"[{}]").unwrap(),
            body: Vec::new(),
        }),
    );
    assert!(matches!(app.screen, Screen::Detail(_)), "not rejected");
    let buffer = draw(&app, 120, 40);
    let screen = screen_text(&buffer);
    for expected in [
        "? VERIFICATION UNKNOWN",
        "? ACTIVE UNKNOWN",
        "? ENABLED UNKNOWN",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    let lines: Vec<&str> = screen.lines().collect();
    for field in ["Verification", "Active", "Enabled"] {
        let (_, y) = find(&buffer, field);
        let row = lines[usize::from(y)];
        assert!(row.contains("? unknown"), "{row}");
    }
    for wrong in ["REJECTED", "rejected", "INACTIVE", "DISABLED", "UNVERIFIED"] {
        assert!(!screen.contains(wrong), "{wrong:?} shown:\n{screen}");
    }
}

#[test]
fn system_error_is_a_red_banner() {
    let mut customers = fixture(811_111);
    customers[0].customer_phone[1]
        .error
        .as_mut()
        .unwrap()
        .system_error = true;
    let app = answered(
        app_for(811_111),
        Ok(Lookup {
            customers,
            body: Vec::new(),
        }),
    );
    snapshot("system_error", &app);
    let buffer = draw(&app, 60, 16);
    let (x, y) = find(&buffer, "SKYPOSTAL SYSTEM ERROR");
    assert_eq!(buffer[(x, y)].bg, Color::Red);
}

#[test]
fn several_customers_to_choose_from() {
    let mut customers = fixture(811_111);
    customers.extend(fixture(844_444));
    snapshot(
        "choose",
        &answered(
            app_for(811_111),
            Ok(Lookup {
                customers,
                body: Vec::new(),
            }),
        ),
    );
}

#[test]
fn too_small_a_terminal_says_so() {
    let buffer = draw(&loaded(811_111), 20, 5);
    assert!(
        screen_text(&buffer).contains("Terminal too"),
        "{}",
        screen_text(&buffer)
    );
}

#[test]
fn verified_is_green_and_unverified_is_red_and_bold() {
    let mut app = loaded(822_222);
    press(&mut app, KeyCode::Char('2'));
    let buffer = draw(&app, 120, 40);
    let (x, y) = find(&buffer, "✔ VERIFIED");
    assert_eq!(buffer[(x, y)].fg, Color::Green);
    let (x, y) = find(&buffer, "✘ UNVERIFIED");
    assert_eq!(buffer[(x, y)].fg, Color::Red);
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
}

#[test]
fn prod_badge_is_red() {
    let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
    let app = App::new(settings("PROD"), &Prefill::default(), today);
    let buffer = draw(&app, 60, 16);
    let (x, y) = find(&buffer, "PROD");
    assert_eq!(buffer[(x, y)].bg, Color::Red);
}

fn key_press(app: &mut App, code: KeyCode) {
    press(app, code);
}

fn loaded_with_body(box_id: u64) -> App {
    loaded_with_body_in(LOCALES[0], box_id)
}

fn loaded_with_body_in(locale: Locale, box_id: u64) -> App {
    let body = match box_id {
        811_111 => include_str!("../assets/demo/811111.json"),
        844_444 => include_str!("../assets/demo/844444.json"),
        _ => panic!("no fixture for {box_id}"),
    };
    answered(
        app_in(locale, box_id),
        Ok(Lookup {
            customers: fixture(box_id),
            body: body.as_bytes().to_vec(),
        }),
    )
}

#[test]
fn help_for_the_customer_and_for_the_form() {
    let mut app = loaded(811_111);
    key_press(&mut app, KeyCode::Char('?'));
    snapshot("help_detail", &app);
    let mut form = app_for(811_111);
    key_press(&mut form, KeyCode::F(1));
    snapshot("help_form", &form);
}

/// Help's title says what its keys do: the arrows and page keys scroll it, any other
/// key closes it; whole at 80 columns in every language, on every screen.
#[test]
fn help_s_title_says_arrows_scroll_and_other_keys_close() {
    let expected = [
        "↑↓ PgUp PgDn scroll · any other key closes",
        "↑↓ PgUp PgDn desplazan · otra tecla cierra",
        "↑↓ PgUp PgDn rolam · outra tecla fecha",
    ];
    for (locale, words) in LOCALES.into_iter().zip(expected) {
        let mut detail = loaded_in(locale, 811_111);
        key_press(&mut detail, KeyCode::Char('?'));
        let mut form = app_in(locale, 811_111);
        key_press(&mut form, KeyCode::F(1));
        let mut choose = answered(
            app_in(locale, 811_111),
            Ok(Lookup {
                customers: [fixture(811_111), fixture(822_222)].concat(),
                body: Vec::new(),
            }),
        );
        key_press(&mut choose, KeyCode::Char('?'));
        for app in [detail, form, choose] {
            let screen = screen_text(&draw(&app, 80, 24));
            // Help is drawn over the screen: the last box's top border is its.
            let title = screen.lines().rfind(|l| l.contains('┌')).unwrap();
            assert!(title.contains(&format!("{words} ─")), "{screen}");
            let footer = screen.lines().last().unwrap();
            assert!(footer.starts_with(" ↑↓ "), "{footer}");
        }
    }
}

/// Help taller than the terminal scrolls: a last line says which lines show, the
/// arrows and End move through it, and any other key still closes it.
#[test]
fn help_scrolls_when_taller_than_the_terminal() {
    let mut app = loaded(811_111);
    key_press(&mut app, KeyCode::Char('?'));
    let top = screen_text(&draw(&app, 80, 16));
    assert!(top.contains("lines 1–"), "{top}");
    key_press(&mut app, KeyCode::End);
    let bottom = screen_text(&draw(&app, 80, 16));
    assert_ne!(top, bottom);
    let (_, total) = bottom.split_once(" of ").unwrap();
    let total = total.split_whitespace().next().unwrap();
    assert!(bottom.contains(&format!("–{total} of {total}")), "{bottom}");
    key_press(&mut app, KeyCode::Home);
    assert_eq!(screen_text(&draw(&app, 80, 16)), top);
    key_press(&mut app, KeyCode::Char('x'));
    assert!(app.overlay.is_none(), "any other key closes help");
}

#[test]
fn help_and_footer_show_the_keys_a_config_remapped() {
    let keys = skyview::config::parse(
        "[keys]\nrefresh = \"f5\"\ncopy_suite = [\"y\", \"ctrl-y\"]\nback = \"backspace\"\nhelp = \"f13\"\n",
    )
    .unwrap()
    .keys
    .key_map()
    .unwrap();
    let mut app = loaded(811_111);
    app.settings.keys = keys;
    snapshot("detail_remapped", &app);
    key_press(&mut app, KeyCode::F(13));
    snapshot("help_detail_remapped", &app);
}

/// The call note's toast names the key that shows the note, as the key map binds it.
#[test]
fn the_note_s_toast_names_the_key_that_shows_it() {
    let footer = |app: &App| {
        let screen = screen_text(&draw(app, 120, 40));
        screen.lines().last().unwrap().to_string()
    };
    let mut app = loaded(811_111);
    key_press(&mut app, KeyCode::Char('w'));
    assert!(footer(&app).contains("(W shows it)"), "{}", footer(&app));
    let mut app = loaded(811_111);
    app.settings.keys = skyview::config::parse("[keys]\nshow_call_note = \"f6\"\n")
        .unwrap()
        .keys
        .key_map()
        .unwrap();
    key_press(&mut app, KeyCode::Char('w'));
    assert!(footer(&app).contains("(F6 shows it)"), "{}", footer(&app));
}

/// The note's box wraps a line longer than itself (a shipment with its latest scan)
/// instead of cutting it: the agent selects the text by hand, so every word of the
/// note must be on screen, in every language, at 80x24.
#[test]
fn the_note_box_shows_every_word_of_the_note_at_80_columns() {
    for locale in LOCALES {
        let mut app = docs_shipment_open_in(locale);
        let note = app.call_note().unwrap().text(app.settings.lang);
        key_press(&mut app, KeyCode::Char('W'));
        let screen = screen_text(&draw(&app, 80, 24));
        let words_on_screen: Vec<&str> = screen
            .split(|c: char| c.is_whitespace() || c == '│')
            .collect();
        for word in note.split_whitespace() {
            assert!(
                words_on_screen.contains(&word),
                "{:?}: {word:?} of the note is not on screen:\n{screen}",
                locale.0
            );
        }
    }
}

/// The note's box: its footer says what closes it (Esc, the note; no other key does,
/// so the text can be selected by hand).
#[test]
fn the_note_box_says_esc_closes_it() {
    let mut app = loaded(811_111);
    key_press(&mut app, KeyCode::Char('W'));
    snapshot("call_note", &app);
    let screen = screen_text(&draw(&app, 80, 24));
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("Esc close the note"), "{footer}");
    assert!(!footer.contains("help"), "{footer}");
    key_press(&mut app, KeyCode::Char('x'));
    assert!(
        app.overlay.is_some(),
        "a key other than Esc closed the note"
    );
    key_press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none(), "Esc did not close the note");
}

/// The rows inside the first box drawn with `┌` on screen, each as the cells just
/// inside its left and right borders.
fn inside_the_borders(buffer: &Buffer) -> Vec<(String, String)> {
    let (left, top) = find(buffer, "┌");
    let right = (left + 1..buffer.area.width)
        .find(|&x| buffer[(x, top)].symbol() == "┐")
        .expect("a box with no top right corner");
    (top + 1..buffer.area.height)
        .take_while(|&y| buffer[(left, y)].symbol() == "│")
        .map(|y| {
            (
                buffer[(left + 1, y)].symbol().to_string(),
                buffer[(right - 1, y)].symbol().to_string(),
            )
        })
        .collect()
}

/// Every box drawn over the screen keeps one blank column inside each border: no
/// text sits flush against it.
#[test]
fn boxes_keep_a_column_of_padding_inside_their_borders() {
    // Each box, by the key that opens it on John Doe.
    let boxes = [
        ("help", KeyCode::Char('?')),
        ("check", KeyCode::Char('k')),
        ("note", KeyCode::Char('W')),
        ("copy", KeyCode::Char('c')),
        ("recent", KeyCode::F(3)),
    ];
    for (name, opens) in boxes {
        let mut app = loaded(811_111);
        key_press(&mut app, opens);
        for (width, height) in SIZES.into_iter().chain([(80, 16)]) {
            let buffer = draw(&app, width, height);
            let rows = inside_the_borders(&buffer);
            assert!(!rows.is_empty(), "{name}: no box");
            assert!(
                rows.iter().all(|(left, right)| left == " " && right == " "),
                "{name} at {width}x{height}: text against a border\n{}",
                screen_text(&buffer)
            );
        }
    }
}

#[test]
fn recent_lookups_list() {
    let mut app = loaded(811_111);
    key_press(&mut app, KeyCode::Esc);
    let app = answered(
        app,
        Ok(Lookup {
            customers: vec![],
            body: Vec::new(),
        }),
    );
    let mut app = answered(
        app,
        Err(ApiError::Timeout {
            after: Duration::from_secs(15),
            host: "h".into(),
        }),
    );
    key_press(&mut app, KeyCode::F(3));
    key_press(&mut app, KeyCode::Down);
    snapshot("recent", &app);
    let text = screen_text(&draw(&app, 60, 16));
    assert!(
        !text.contains("YpbCNpzq"),
        "a customer key is on screen:\n{text}"
    );
}

#[test]
fn copy_menu_and_toast() {
    let mut app = loaded(811_111);
    key_press(&mut app, KeyCode::Char('c'));
    key_press(&mut app, KeyCode::Down);
    snapshot("copy_menu", &app);
    key_press(&mut app, KeyCode::Esc);
    key_press(&mut app, KeyCode::Char('y'));
    snapshot("toast", &app);
}

#[test]
fn identity_and_tax_numbers_masked_until_revealed() {
    let mut app = loaded(811_111);
    let text = screen_text(&draw(&app, 60, 16));
    assert!(text.contains("••••1111"), "{text}");
    assert!(!text.contains("11111111"), "{text}");
    key_press(&mut app, KeyCode::Char('v'));
    snapshot("profile_revealed", &app);
    let text = screen_text(&draw(&app, 60, 16));
    assert!(text.contains("11111111"), "{text}");
}

#[test]
fn filtered_addresses() {
    let mut app = loaded(844_444);
    key_press(&mut app, KeyCode::Char('2'));
    key_press(&mut app, KeyCode::Char('/'));
    for c in "SANTIAGO".chars() {
        key_press(&mut app, KeyCode::Char(c));
    }
    snapshot("filter_addresses", &app);
    assert_typing_after(&app, "Filter / SANTIAGO");
    // At 80 columns, with the shipments still loading, the last tab stays in view.
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("4 Shipments (…)   5 Raw"), "{text}");
}

#[test]
fn raw_tab_shows_the_body_pretty_printed() {
    let mut app = loaded_with_body(811_111);
    key_press(&mut app, KeyCode::Char('5'));
    snapshot("raw", &app);
    key_press(&mut app, KeyCode::PageDown);
    let text = screen_text(&draw(&app, 60, 16));
    assert!(text.contains("lines "), "{text}");
}

#[test]
fn lock_screen_says_why() {
    let mut app = loaded(811_111);
    app.update(Msg::IdleLock);
    snapshot("locked", &app);
    let text = screen_text(&draw(&app, 60, 16));
    assert!(!text.contains("John"), "{text}");
}

/// After an e-mail lookup the lock screen lists the e-mail among what it wiped, and
/// no longer says the customer field is kept.
#[test]
fn lock_screen_lists_the_e_mail_it_wiped() {
    let mut app = loaded(811_111);
    app.form.set_value(FieldId::BoxId, "johndoe@email.com");
    app.update(Msg::IdleLock);
    let text = screen_text(&draw(&app, 100, 16));
    assert!(
        text.contains("the customer key and the e-mail typed were wiped"),
        "{text}"
    );
    assert!(
        text.contains("the user code and app key are kept"),
        "{text}"
    );
    assert!(!text.contains("johndoe"), "{text}");
}

/// A sentence too long for the row wraps with the paragraph's indent, in every
/// language: no line of the lock screen starts at the left edge.
#[test]
fn the_lock_screen_s_wrapped_lines_keep_their_indent() {
    for locale in LOCALES {
        let mut app = loaded_in(locale, 811_111);
        app.form.set_value(FieldId::BoxId, "johndoe@email.com");
        app.update(Msg::IdleLock);
        let buffer = draw(&app, 80, 24);
        let text = screen_text(&buffer);
        let rows: Vec<&str> = text.lines().collect();
        let title = usize::from(find(&buffer, "■").1);
        let last = rows.iter().rposition(|row| !row.trim().is_empty()).unwrap();
        // From the title to the footer's row, which is not the paragraph's.
        for row in &rows[title..last] {
            assert!(
                row.trim().is_empty() || row.starts_with(' '),
                "{:?}: {row:?} starts at the edge:\n{text}",
                locale.0
            );
        }
    }
}

fn prod_app() -> App {
    let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
    let prefill = skyview::demo::prefill();
    let settings = Settings {
        environments: vec![EnvChoice::new("TEST", false), EnvChoice::new("PROD", true)],
        ..Settings::default()
    };
    let mut app = App::new(settings, &prefill, today);
    key_press(&mut app, KeyCode::F(2));
    app
}

#[test]
fn prod_header_on_every_screen() {
    let app = prod_app();
    snapshot("prod_form", &app);
    let mut detail = answered(
        prod_app(),
        Ok(Lookup {
            customers: fixture(811_111),
            body: Vec::new(),
        }),
    );
    snapshot("prod_detail", &detail);
    let buffer = draw(&detail, 80, 24);
    // The whole header row is PROD's colour.
    for x in 0..80 {
        assert_eq!(buffer[(x, 0)].bg, Color::Red, "column {x}");
    }
    for screen in [KeyCode::F(1), KeyCode::Esc, KeyCode::F(3)] {
        key_press(&mut detail, screen);
        let text = screen_text(&draw(&detail, 80, 24));
        assert!(text.lines().next().unwrap().contains("PROD"), "{text}");
    }
    detail.update(Msg::IdleLock);
    let text = screen_text(&draw(&detail, 80, 24));
    assert!(text.lines().next().unwrap().contains("PROD"), "{text}");
}

/// While a required caller check has not passed, what it asks about shows no
/// character on any tab: the birth date, the identity number, the ZIP and the
/// phones; each says why it is hidden.
#[test]
fn a_required_check_hides_what_it_asks_about_on_every_tab() {
    let mut app = loaded(811_111);
    app.settings.caller_check.required = true;
    let profile = screen_text(&draw(&app, 120, 40));
    press(&mut app, KeyCode::Char('2'));
    let addresses = screen_text(&draw(&app, 120, 40));
    press(&mut app, KeyCode::Char('3'));
    let phones = screen_text(&draw(&app, 120, 40));
    assert!(
        profile.contains("••••-••-••  (hidden: caller check)"),
        "{profile}"
    );
    for shown in ["1980", "11111111", "••••1111"] {
        assert!(!profile.contains(shown), "{shown}:\n{profile}");
    }
    for shown in ["998877", "123456789"] {
        assert!(!addresses.contains(shown), "{shown}:\n{addresses}");
    }
    for shown in ["123456789", "987654321"] {
        assert!(!phones.contains(shown), "{shown}:\n{phones}");
    }
    for screen in [&profile, &addresses, &phones] {
        assert!(screen.contains("•••••  (hidden: caller check)"), "{screen}");
    }
}

/// A label of wide characters (a config may name its environment in any script) is
/// measured in columns: its badge shows it whole.
#[test]
fn a_wide_environment_label_shows_whole() {
    let today = time::Date::from_calendar_date(2026, time::Month::November, 27).unwrap();
    let app = App::new(settings("本番環境"), &skyview::demo::prefill(), today);
    let screen = screen_text(&draw(&app, 80, 24));
    let header = screen.lines().next().unwrap().replace(' ', "");
    assert!(header.ends_with("本番環境"), "{screen}");
}

/// `NO_COLOR` / `--no-color`: not one cell of any screen has a colour, and PROD's
/// header still stands out (reverse video).
#[test]
fn no_color_means_no_colour_anywhere() {
    let mut apps = vec![prod_app(), loaded(822_222)];
    let mut unverified = loaded(822_222);
    key_press(&mut unverified, KeyCode::Char('2'));
    apps.push(unverified);
    let mut menu = loaded(811_111);
    key_press(&mut menu, KeyCode::Char('c'));
    apps.push(menu);
    let mut toast = loaded(811_111);
    key_press(&mut toast, KeyCode::Char('y'));
    apps.push(toast);
    let mut invalid = app_for(811_111);
    invalid.form.set_value(FieldId::BoxId, "x");
    key_press(&mut invalid, KeyCode::Enter);
    apps.push(invalid);
    for mut app in apps {
        app.settings.color = false;
        for (width, height) in SIZES {
            let buffer = draw(&app, width, height);
            for cell in &buffer.content {
                assert_eq!(
                    (cell.fg, cell.bg, cell.underline_color),
                    (Color::Reset, Color::Reset, Color::Reset),
                    "{:?} has a colour:\n{}",
                    cell.symbol(),
                    screen_text(&buffer)
                );
            }
        }
    }
    let mut prod = prod_app();
    prod.settings.color = false;
    let buffer = draw(&prod, 80, 24);
    let (x, y) = find(&buffer, "PROD");
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    snapshot("prod_no_color", &prod);
}

/// Ten thousand addresses: filtering and drawing stay fast, since only visible
/// items are drawn and the searchable text is built once.
#[test]
fn ten_thousand_addresses_filter_and_draw_fast() {
    let mut customers = fixture(844_444);
    let template = customers[0].customer_address[0].clone();
    customers[0].customer_address = (0..10_000)
        .map(|i| {
            let mut address = template.clone();
            address.address_01 = skyview::api::Text::new(&format!("Calle {i}"));
            address
        })
        .collect();
    let mut app = answered(
        app_for(844_444),
        Ok(Lookup {
            customers,
            body: Vec::new(),
        }),
    );
    key_press(&mut app, KeyCode::Char('2'));
    let started = std::time::Instant::now();
    key_press(&mut app, KeyCode::Char('/'));
    for c in "calle 99".chars() {
        key_press(&mut app, KeyCode::Char(c));
        draw(&app, 120, 40);
    }
    let elapsed = started.elapsed();
    let Screen::Detail(detail) = &app.screen else {
        panic!("not on the detail view");
    };
    let filter = detail.active_filter().unwrap();
    assert_eq!(filter.total(), 10_000);
    // "calle 99", "calle 990".."calle 999", "calle 9900".."calle 9999"
    assert_eq!(filter.matches.len(), 111);
    let text = screen_text(&draw(&app, 120, 40));
    assert!(text.contains("Addresses (111 of 10000)"), "{text}");
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
}

// ---- Where a click lands (moved here from the app's tests: it is layout) ----------

/// What a left click at (`column`, `row`) of an 80x24 frame means, mouse on.
fn click_at(app: &mut App, column: u16, row: u16) -> Option<Target> {
    app.settings.mouse = true;
    let event = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    match skyview::ui::mouse_msg(app, Rect::new(0, 0, 80, 24), event) {
        Some(Msg::Click(target)) => target,
        _ => panic!("a left click is not a click"),
    }
}

#[test]
fn clicks_land_on_form_fields_and_tab_titles() {
    let mut app = app_for(811_111);
    // Rows 8-10 of an 80x24 screen are the box id field.
    assert_eq!(
        click_at(&mut app, 10, 9),
        Some(Target::Field(FieldId::BoxId))
    );
    let mut app = loaded(844_444);
    // The tab row is row 3: " 1 Profile  2 Addresses (4) …".
    assert_eq!(click_at(&mut app, 15, 3), Some(Target::Tab(Tab::Addresses)));
    assert_eq!(click_at(&mut app, 2, 3), Some(Target::Tab(Tab::Profile)));
}

#[test]
fn clicks_land_on_list_rows_and_outside_a_box() {
    let john = fixture(811_111).remove(0);
    let mut app = answered(
        app_for(811_111),
        Ok(Lookup {
            customers: vec![john.clone(), john],
            body: Vec::new(),
        }),
    );
    // Body starts at row 1; two intro rows; the list from row 3.
    assert_eq!(click_at(&mut app, 10, 4), Some(Target::Customer(1)));
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(click_at(&mut app, 0, 0), Some(Target::OutsideOverlay));
}

#[test]
fn the_mouse_means_nothing_unless_the_setting_is_on() {
    let app = app_for(811_111);
    let event = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 10,
        row: 9,
        modifiers: KeyModifiers::NONE,
    };
    assert!(skyview::ui::mouse_msg(&app, Rect::new(0, 0, 80, 24), event).is_none());
}

// ---- Finding the caller by e-mail

/// A key the partner call hands over: it must never be drawn.
const RECEIVED_KEY: &str = "RcvdKeyRcvdKeyRcvdKeyRcvdKeyRcvdKeyRcvdKey0=";

/// The demo's form with an e-mail in the customer field (the typed key stays, unused).
fn email_app() -> App {
    email_app_in(LOCALES[0])
}

fn email_app_in(locale: Locale) -> App {
    app_typed(locale, "JohnDoe@Email.com")
}

fn partner_answer(app: &mut App, accounts: &[(u64, &str)]) -> Vec<Cmd> {
    let json: Vec<String> = accounts
        .iter()
        .map(|(box_id, first)| {
            format!(
                r#"{{"_verify":true,"customer_box_id":{box_id},"customer_key":"{RECEIVED_KEY}",
                    "customer_first_name":"{first}","customer_last_name":"Doe"}}"#
            )
        })
        .collect();
    let lookup = skyview::api::PartnerLookup {
        accounts: serde_json::from_str(&format!("[{}]", json.join(","))).unwrap(),
        upper_cased: false,
    };
    // The query the demo's form sends, as the runtime readies the answer for it.
    let query = std::sync::Arc::new(skyview::query::EmailQuery {
        user_code: 396,
        app_key: skyview::api::Secret::new(skyview::demo::DEMO_APP_KEY),
        email: "JohnDoe@Email.com".to_string(),
    });
    app.update(Msg::Loaded {
        id: 1,
        reply: Reply::Partner(Ok(skyview::app::PartnerAnswer::new(lookup, &query))),
        at: time::Time::from_hms(14, 3, 7).unwrap(),
    })
}

/// The screen at 120x40, checked to hold no key but the ones shown on purpose.
fn keyless_screen(app: &App) -> String {
    let text = screen_text(&draw(app, 120, 40));
    for key in [RECEIVED_KEY, skyview::demo::DEMO_CUSTOMER_KEY] {
        assert!(!text.contains(key), "a customer key is on screen:\n{text}");
    }
    text
}

#[test]
fn form_with_an_e_mail_needs_no_key() {
    let mut app = email_app();
    snapshot("form_email", &app);
    // Ctrl-R does not bring the unused key back.
    key_press(&mut app, KeyCode::Char('r'));
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('r'),
        KeyModifiers::CONTROL,
    )));
    assert!(keyless_screen(&app).contains("not needed for an e-mail lookup"));
}

#[test]
fn each_step_of_an_e_mail_lookup_says_what_runs_and_no_received_key_is_drawn() {
    let mut app = email_app();
    press(&mut app, KeyCode::Enter);
    app.update(Msg::Tick(vec![(1, Duration::from_millis(1250))]));
    snapshot("finding_email", &app);
    assert!(keyless_screen(&app).contains("Finding JohnDoe@Email.com… 1.2 s"));

    partner_answer(&mut app, &[(811_111, "John")]);
    assert!(keyless_screen(&app).contains("Loading customer 811111…"));
    app.update(Msg::Loaded {
        id: 2,
        reply: Reply::Customer(Ok(Answer::new(Lookup {
            customers: fixture(811_111),
            body: include_bytes!("../assets/demo/811111.json").to_vec(),
        }))),
        at: time::Time::from_hms(14, 3, 7).unwrap(),
    });
    assert!(keyless_screen(&app).contains("John Doe"));
    for tab in ['2', '3', '4'] {
        key_press(&mut app, KeyCode::Char(tab));
        keyless_screen(&app);
    }
    key_press(&mut app, KeyCode::Char('c'));
    keyless_screen(&app);
    key_press(&mut app, KeyCode::Esc);
    key_press(&mut app, KeyCode::Esc);
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('r'),
        KeyModifiers::CONTROL,
    )));
    keyless_screen(&app);
    key_press(&mut app, KeyCode::F(3));
    assert!(keyless_screen(&app).contains("JohnDoe@Email.com"));
}

#[test]
fn several_accounts_are_listed_by_name_and_box_id() {
    let mut app = email_app();
    press(&mut app, KeyCode::Enter);
    partner_answer(&mut app, &[(811_111, "John"), (899_999, "Jane")]);
    snapshot("email_accounts", &app);
    let text = keyless_screen(&app);
    assert!(
        text.contains("Jane Doe") && text.contains("899999"),
        "{text}"
    );
}

/// On a small terminal, End and PgDn stop where the last row reaches the bottom, on
/// every tab: never an empty page, never a single line left.
#[test]
fn scrolling_stops_where_the_last_row_reaches_the_bottom() {
    let mut app = loaded_with_body(811_111);
    app.update(Msg::Resize { rows: 16 });
    for tab in ['1', '5'] {
        key_press(&mut app, KeyCode::Char(tab));
        let top = screen_text(&draw(&app, 60, 16));
        key_press(&mut app, KeyCode::End);
        let end = screen_text(&draw(&app, 60, 16));
        for _ in 0..50 {
            key_press(&mut app, KeyCode::PageDown);
        }
        let paged = screen_text(&draw(&app, 60, 16));
        assert_eq!(end, paged, "End and PgDn stop at the same place");
        assert_ne!(top, end, "tab {tab} scrolled");
        // The page is full: no more blank rows than the layout's own.
        let blank = end.lines().filter(|r| r.trim().is_empty()).count();
        assert!(blank <= 3, "tab {tab} shows a part-empty page:\n{end}");
        // One step up shows one row more at the top at once.
        key_press(&mut app, KeyCode::Up);
        assert_ne!(
            screen_text(&draw(&app, 60, 16)),
            end,
            "tab {tab}: Up after End"
        );
    }
}

/// A long name never pushes the suite (what the agent reads back) off the header,
/// nor `cust_id` at 80 columns: the name is what gets shortened, with `…`.
#[test]
fn a_long_name_is_shortened_and_the_suite_stays() {
    let mut customers = fixture(811_111);
    customers[0].customer_first_name = skyview::api::Text::new(&"Maximiliana ".repeat(20));
    let app = answered(
        app_for(811_111),
        Ok(Lookup {
            customers,
            body: Vec::new(),
        }),
    );
    for (width, height) in [(44, 16), (80, 24)] {
        let screen = screen_text(&draw(&app, width, height));
        let header = screen.lines().nth(1).unwrap();
        assert!(
            header.contains("suite MX811111"),
            "{width}x{height}:\n{screen}"
        );
        // At 44 columns cust_id has given way for the name.
        assert_eq!(header.contains("cust_id 51736850"), width >= 80, "{header}");
        assert!(
            header.contains("Maximiliana") && header.contains('…'),
            "{header}"
        );
    }
}

/// At 44 to 56 columns the name stays in the header, whole: `cust_id` gives way
/// first, then the environment's label, then the suite; PROD never does. The
/// Shipments tab title stays on screen (issue 16, defect 10).
#[test]
fn at_narrow_widths_the_name_stays_and_the_rest_gives_way_in_order() {
    let app = loaded(811_111);
    for width in 44..=56 {
        let screen = screen_text(&draw(&app, width, 16));
        let header = screen.lines().nth(1).unwrap();
        assert!(header.contains("John Doe"), "{width}:\n{screen}");
        let tabs = screen.lines().nth(3).unwrap();
        assert!(tabs.contains("4 Ship"), "{width}:\n{screen}");
    }
    let header = |app: &App, width| {
        screen_text(&draw(app, width, 16))
            .lines()
            .nth(1)
            .unwrap()
            .to_string()
    };
    let wide = header(&app, 80);
    assert!(
        wide.contains("John Doe · suite MX811111 · cust_id 51736850 · DEMO"),
        "{wide}"
    );
    let narrow = header(&app, 44);
    assert!(narrow.contains("John Doe · suite MX811111"), "{narrow}");
    assert!(!narrow.contains("cust_id"), "{narrow}");
    let prod = header(
        &answered(
            prod_app(),
            Ok(Lookup {
                customers: fixture(811_111),
                body: Vec::new(),
            }),
        ),
        44,
    );
    assert!(
        prod.contains("John Doe") && prod.contains("▲ PROD"),
        "{prod}"
    );
}

// ---- Shipments ---------------------------------------------------------------------------

const DOCS_SHIPMENTS: &[u8] =
    include_bytes!("../assets/samples/customer-get-shipments.response.json");
const DOCS_SHIPMENT: &str = include_str!("../assets/samples/get-shipment-info.response.json");

/// Answers the shipments request (id 2, sent when the customer came up) with `rows`
/// and goes to the Shipments tab.
fn with_shipments(mut app: App, rows: Result<Vec<ShipmentRow>, ApiError>) -> App {
    let Screen::Detail(detail) = &app.screen else {
        panic!("no customer");
    };
    let window = detail.shipments.window;
    app.update(Msg::Loaded {
        id: 2,
        reply: Reply::Shipments(rows.map(|mut rows| {
            newest_first(&mut rows);
            ShipmentList::from_lookup(
                ShipmentsLookup {
                    window,
                    rows,
                    body: Vec::new(),
                },
                app.settings.lang,
                app.settings.decimal,
            )
        })),
        at: time::Time::from_hms(14, 3, 8).unwrap(),
    });
    press(&mut app, KeyCode::Char('4'));
    app
}

fn john_doe_shipments() -> App {
    john_doe_shipments_in(LOCALES[0])
}

fn john_doe_shipments_in(locale: Locale) -> App {
    with_shipments(loaded_in(locale, 811_111), decode_shipments(DOCS_SHIPMENTS))
}

#[test]
fn shipments_of_john_doe() {
    snapshot("shipments_john_doe", &john_doe_shipments());
    let buffer = draw(&john_doe_shipments(), 80, 24);
    let text = screen_text(&buffer);
    assert!(
        text.contains("Received 2026-08-30 – 2026-11-27 (90 days)"),
        "{text}"
    );
    for heading in ["Received", "AWB", "Merchant", "Status", "Invoice"] {
        find(&buffer, heading);
    }
    find(&buffer, "BILLED (PAY)");
}

#[test]
fn shipments_loading_then_none_in_the_window() {
    let mut app = loaded(811_111);
    press(&mut app, KeyCode::Char('4'));
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("4 Shipments (loading…)"), "{text}");
    assert!(text.contains("Fetching the shipments…"), "{text}");
    let mut app = with_shipments(loaded(811_111), Ok(vec![]));
    snapshot("shipments_empty", &app);
    let text = screen_text(&draw(&app, 120, 40));
    assert!(
        text.contains("No shipments received between 2026-08-30 and 2026-11-27."),
        "{text}"
    );
    press(&mut app, KeyCode::Char('d'));
    snapshot("shipments_dates_form", &app);
    assert_typing_after(&app, "From 2026-08-30");
    press(&mut app, KeyCode::Tab);
    assert_typing_after(&app, "To 2026-11-27");
}

#[test]
fn a_failed_shipments_call_shows_in_the_tab_only() {
    let error = ApiError::Status {
        code: 500,
        reason: "Internal Server Error".into(),
        snippet: String::new(),
        retry_after: None,
    };
    let mut app = with_shipments(loaded(811_111), Err(error));
    snapshot("shipments_failed", &app);
    let text = screen_text(&draw(&app, 120, 40));
    assert!(text.contains("4 Shipments (⚠)"), "{text}");
    assert!(text.contains("HTTP 500 Internal Server Error"), "{text}");
    press(&mut app, KeyCode::Char('1'));
    let profile = screen_text(&draw(&app, 120, 40));
    assert!(!profile.contains("HTTP 500"), "{profile}");
    assert!(profile.contains("John Doe"), "{profile}");
}

#[test]
fn a_system_error_on_the_shipments_is_a_red_banner_in_the_tab() {
    let rows = decode_shipments(
        br#"[{"_verify":false,"error":{"error_description":"Timeout expired","system_error":true}}]"#,
    );
    let app = with_shipments(loaded(811_111), rows);
    let buffer = draw(&app, 80, 24);
    let (x, y) = find(&buffer, "SKYPOSTAL SYSTEM ERROR");
    assert_eq!(buffer[(x, y)].bg, Color::Red);
}

#[test]
fn a_required_invoice_is_red_and_bold_with_a_symbol_and_an_unverified_row_stays() {
    let rows = decode_shipments(
        br#"[{"_verify":true,"trck_nmr_fol":1,"merchant":"Nike","shipment_status":"REC",
              "date_received":"/Date(1764000000000-0500)/","invoice_required":1},
             {"_verify":false,"trck_nmr_fol":2,"merchant":"Zara",
              "date_received":"/Date(1763000000000-0500)/",
              "error":{"error_description":"Weight not captured","error_location":"x"}}]"#,
    );
    let app = with_shipments(loaded(811_111), rows);
    let buffer = draw(&app, 80, 24);
    let (x, y) = find(&buffer, "✘ Required");
    let cell = &buffer[(x + 2, y)];
    assert_eq!(cell.fg, Color::Red);
    assert!(cell.modifier.contains(Modifier::BOLD));
    let text = screen_text(&buffer);
    assert!(text.contains("4 Shipments (2)"), "{text}");
    assert!(text.contains("Weight not captured"), "{text}");
}

/// A status of 32 characters or more is cut, so the Invoice column and its
/// `✘ Required` stay on screen at 80 columns; an impossible value (`1e308`, a
/// negative weight) is flagged in its own cell and leaves every other column where it
/// was (issue 16, defect 5).
#[test]
fn a_long_status_or_an_impossible_value_keeps_every_column_that_must_stay() {
    let rows = decode_shipments(
        br#"[{"_verify":true,"trck_nmr_fol":1,"merchant":"Nike","shipment_content":"Shoes",
              "shipment_status":"AWAITING-CUSTOMS-CLEARANCE-AT-DESTINATION-HUB",
              "date_received":"/Date(1764000000000-0500)/","invoice_required":1,
              "shipment_value":1e308,"weight_charged":-2.5},
             {"_verify":true,"trck_nmr_fol":2,"merchant":"Zara","shipment_content":"Shirt",
              "shipment_status":"REC","date_received":"/Date(1763000000000-0500)/",
              "shipment_value":12.5,"weight_charged":1.25}]"#,
    );
    let app = with_shipments(loaded(811_111), rows);
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("Invoice"), "{text}");
    assert!(text.contains("✘ Required"), "{text}");
    let wide = screen_text(&draw(&app, 160, 24));
    for expected in [
        "Contents",
        "Value",
        "Weight",
        "⚠ USD 1e308",
        "⚠ -2.50 lb",
        "USD 12.50",
        "1.25 lb",
    ] {
        assert!(wide.contains(expected), "{expected}:\n{wide}");
    }
}

/// A suite typed with letters that are not the box's own (they are not sent) shows
/// the box's customer with a warning that says so.
#[test]
fn a_suite_with_other_letters_shows_the_box_with_a_warning() {
    let mut app = loaded(811_111);
    app.form.set_value(FieldId::BoxId, "co811111");
    let text = screen_text(&draw(&app, 120, 40));
    assert!(
        text.contains("⚠ you typed CO811111; this box is MX811111"),
        "{text}"
    );
    app.form.set_value(FieldId::BoxId, "MX811111");
    let text = screen_text(&draw(&app, 120, 40));
    assert!(!text.contains("you typed"), "{text}");
}

/// An answer about another shipment than the one opened says so above it.
#[test]
fn a_shipment_answer_about_another_awb_is_flagged() {
    let mut app = john_doe_shipments();
    let Some(Cmd::Fetch { id, .. }) = press(&mut app, KeyCode::Enter).pop() else {
        panic!("Enter did not fetch the shipment");
    };
    let mut answers: Vec<ShipmentInfo> = serde_json::from_str(DOCS_SHIPMENT).unwrap();
    answers[0].trck_nmr_fol = skyview::api::Text::new("99999999");
    app.update(Msg::Loaded {
        id,
        reply: Reply::Shipment(Ok(ShipmentLookup {
            answers,
            body: Vec::new(),
        })),
        at: time::Time::from_hms(14, 3, 9).unwrap(),
    });
    let text = screen_text(&draw(&app, 120, 40));
    assert!(
        text.contains("⚠ SkyPostal answered about shipment 99999999, not 13869085"),
        "{text}"
    );
}

/// John Doe's first shipment, opened and answered with the docs' sample.
fn docs_shipment_open() -> App {
    docs_shipment_open_in(LOCALES[0])
}

fn docs_shipment_open_in(locale: Locale) -> App {
    let mut app = john_doe_shipments_in(locale);
    let Some(Cmd::Fetch { id, .. }) = press(&mut app, KeyCode::Enter).pop() else {
        panic!("Enter did not fetch the shipment");
    };
    let mut answers: Vec<ShipmentInfo> = serde_json::from_str(DOCS_SHIPMENT).unwrap();
    answers.iter_mut().for_each(ShipmentInfo::sort_tracking);
    app.update(Msg::Loaded {
        id,
        reply: Reply::Shipment(Ok(ShipmentLookup {
            answers,
            body: Vec::new(),
        })),
        at: time::Time::from_hms(14, 3, 9).unwrap(),
    });
    app
}

#[test]
fn a_shipment_with_its_timeline() {
    let mut app = docs_shipment_open();
    snapshot("shipment_panel", &app);
    let text = screen_text(&draw(&app, 120, 40));
    let billed = text
        .find("2018-02-04 21:59:14 −05:00  MIA   BILLED")
        .unwrap();
    let received = text.find("MIA   RECEIVED").unwrap();
    assert!(billed < received, "newest first:\n{text}");
    assert!(!text.contains("79265562"), "the identity number is masked");
    press(&mut app, KeyCode::Char('v'));
    assert!(screen_text(&draw(&app, 120, 40)).contains("79265562"));
}

/// A timeline of 100,000 events: each key in the panel draws only what is visible
/// (the events' rows are measured once), so paging through it stays fast, and End
/// still reaches its oldest event (issue 16, defect 6).
#[test]
fn a_hundred_thousand_events_scroll_without_rebuilding_every_line() {
    let mut app = john_doe_shipments();
    let Some(Cmd::Fetch { id, .. }) = press(&mut app, KeyCode::Enter).pop() else {
        panic!("Enter did not fetch the shipment");
    };
    let mut answers: Vec<ShipmentInfo> = serde_json::from_str(DOCS_SHIPMENT).unwrap();
    let template = answers[0].tracking[0].clone();
    answers[0].tracking = (0..100_000)
        .map(|i| {
            let mut event = template.clone();
            event.track_obs = skyview::api::Text::new(&format!("EVENT {i}"));
            event
        })
        .collect();
    app.update(Msg::Loaded {
        id,
        reply: Reply::Shipment(Ok(ShipmentLookup {
            answers,
            body: Vec::new(),
        })),
        at: time::Time::from_hms(14, 3, 9).unwrap(),
    });
    draw(&app, 120, 40);
    let started = std::time::Instant::now();
    for _ in 0..100 {
        press(&mut app, KeyCode::PageDown);
        draw(&app, 120, 40);
    }
    let elapsed = started.elapsed();
    press(&mut app, KeyCode::End);
    let end = screen_text(&draw(&app, 120, 40));
    assert!(end.contains("EVENT 99999"), "{end}");
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
}

/// The same shipment in English, Spanish and Portuguese: Brazil writes its amounts
/// and weights with a decimal comma, Mexico with a dot; the currency code and the
/// unit stay.
#[test]
fn one_screen_in_three_languages_side_by_side() {
    side_by_side("shipment_panel", docs_shipment_open_in);
    let portuguese = screen_text(&draw(&docs_shipment_open_in(LOCALES[2]), 80, 24));
    assert!(portuguese.contains("USD 6,50"), "{portuguese}");
    assert!(portuguese.contains("0,44 lb"), "{portuguese}");
    let spanish = screen_text(&draw(&docs_shipment_open_in(LOCALES[1]), 80, 24));
    assert!(spanish.contains("USD 6.50"), "{spanish}");
}

/// In a shipment too, End stops where the last line reaches the bottom, and one Up
/// then moves the view at once.
#[test]
fn a_shipment_scrolls_no_further_than_its_last_line() {
    let mut app = docs_shipment_open();
    draw(&app, 60, 16);
    press(&mut app, KeyCode::End);
    let end = screen_text(&draw(&app, 60, 16));
    assert!(
        end.contains("PROCESSING PAYMENT"),
        "the last event shows:\n{end}"
    );
    press(&mut app, KeyCode::Up);
    assert_ne!(screen_text(&draw(&app, 60, 16)), end, "Up after End");
}

/// A value that word-wraps takes more rows than its width alone says (here each
/// long word fills a row of its own): End still brings the last Profile row to the
/// bottom, not below it, whatever the window's height.
#[test]
fn end_shows_the_last_row_when_long_values_wrap() {
    let mut customers = fixture(811_111);
    customers[0].customer_campaign =
        skyview::api::Text::new(&"Supercalifragilisticexpia ".repeat(12));
    let mut app = answered(
        app_for(811_111),
        Ok(Lookup {
            customers,
            body: Vec::new(),
        }),
    );
    for rows in 16..=30 {
        app.update(Msg::Resize { rows });
        key_press(&mut app, KeyCode::Home);
        draw(&app, 44, rows);
        key_press(&mut app, KeyCode::End);
        let end = screen_text(&draw(&app, 44, rows));
        assert!(
            end.contains("Business"),
            "44x{rows}: the last row is cut off:\n{end}"
        );
    }
}

/// John Doe with the body as received, so the Raw tab has it all.
fn john_with_body() -> App {
    let body = std::fs::read("assets/demo/811111.json").unwrap();
    answered(
        app_for(811_111),
        Ok(Lookup {
            customers: fixture(811_111),
            body,
        }),
    )
}

#[test]
fn nothing_on_file_shows_on_any_tab_while_the_caller_check_is_open() {
    let mut app = john_with_body();
    let stored = [
        "1980-08-19",
        "11111111",
        "998877",
        "123456789",
        "987654321",
        "6789",
        "4321",
        "age ",
    ];
    for tab in ['1', '2', '3', '4', '5'] {
        press(&mut app, KeyCode::Char(tab));
        // Before the box, the tab shows what it has (the Raw tab all of it).
        let before = screen_text(&draw(&app, 120, 40));
        if tab == '5' {
            assert!(before.contains("998877"), "{before}");
        }
        press(&mut app, KeyCode::Char('k'));
        for (width, height) in SIZES {
            let shown = screen_text(&draw(&app, width, height));
            assert!(shown.contains("Check the caller"), "{shown}");
            for value in stored {
                assert!(!shown.contains(value), "{value} on tab {tab}:\n{shown}");
            }
        }
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn the_caller_check_box() {
    let mut app = loaded(811_111);
    press(&mut app, KeyCode::Char('k'));
    for c in "19/08/1980".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    snapshot("caller_check_typing", &app);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    for c in "1234".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    snapshot("caller_check_answered", &app);
}

/// A check under way says so in the header as soon as one answer was given: which
/// matched, which did not, and how many of the matches needed are there.
#[test]
fn the_header_shows_a_check_under_way() {
    let header = |app: &App| {
        let screen = screen_text(&draw(app, 80, 24));
        screen.lines().nth(2).unwrap().to_string()
    };
    let mut app = loaded(811_111);
    press(&mut app, KeyCode::Char('k'));
    for c in "19/08/1980".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(
        header(&app).contains("caller check 1 of 2: birth date ✔"),
        "{}",
        header(&app)
    );
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for c in "12345".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    let line = header(&app);
    assert!(
        line.contains("caller check 1 of 2: birth date ✔ ZIP code ✘"),
        "{line}"
    );
    let buffer = draw(&app, 80, 24);
    let (x, y) = find(&buffer, "ZIP code ✘");
    assert_eq!(buffer[(x + 9, y)].fg, Color::Red, "a mismatch is red");
    let (x, y) = find(&buffer, "birth date ✔");
    assert_eq!(buffer[(x + 11, y)].fg, Color::Green, "a match is green");
    // Too narrow for the names: the marks stay.
    let narrow = screen_text(&draw(&app, 50, 24));
    let line = narrow.lines().nth(2).unwrap();
    assert!(line.contains("caller check 1 of 2: ✔ ✘"), "{line}");
}

#[path = "render/languages.rs"]
mod languages;
