//! The language the real app draws in, chosen from the locale and `--lang`. The words
//! expected are the catalog's own, so these hold as the translations arrive.

use skyview::i18n::{Lang, msg};

use super::{Pty, quit_with_ctrl_c};

/// Waits for the demo form in `lang`, then for John Doe's profile after Enter.
fn form_then_profile(pty: &mut Pty, lang: Lang) -> String {
    pty.wait_for_text(&[msg::form::title(lang), "811111"]);
    pty.send("\r");
    pty.wait_for_text(&["John Doe", msg::tab::profile(lang)])
}

#[test]
fn lc_all_c_gives_english() {
    let mut pty = Pty::spawn_with(
        &["--demo"],
        80,
        24,
        &[("LC_ALL", "C"), ("LANG", "es_MX.UTF-8")],
    );
    form_then_profile(&mut pty, Lang::En);
    quit_with_ctrl_c(&mut pty);
}

#[test]
fn lang_pt_wins_over_a_spanish_locale() {
    let mut pty = Pty::spawn_with(
        &["--demo", "--lang", "pt"],
        80,
        24,
        &[("LANG", "es_MX.UTF-8")],
    );
    let screen = form_then_profile(&mut pty, Lang::Pt);
    // Once the two differ, nothing of the Spanish profile shows.
    if msg::tab::profile(Lang::Es) != msg::tab::profile(Lang::Pt) {
        assert!(!screen.contains(msg::tab::profile(Lang::Es)), "{screen}");
    }
    quit_with_ctrl_c(&mut pty);
}

/// A Mexican Spanish locale: the demo's form in Spanish, and John Doe's profile after
/// Enter, with none of its English words.
#[test]
fn a_spanish_locale_draws_the_form_and_the_profile_in_spanish() {
    let mut pty = Pty::spawn_with(&["--demo"], 80, 24, &[("LANG", "es_MX.UTF-8")]);
    let form = pty.wait_for_text(&["Consulta de cliente", "Código de usuario", "811111"]);
    assert!(!form.contains("User code"), "{form}");
    pty.send("\r");
    let profile = pty.wait_for_text(&["John Doe", "TODO VERIFICADO", "Fecha de nac."]);
    for english in ["ALL VERIFIED", "Profile", "Birth date", "Gender"] {
        assert!(!profile.contains(english), "{english:?} shown:\n{profile}");
    }
    quit_with_ctrl_c(&mut pty);
}
