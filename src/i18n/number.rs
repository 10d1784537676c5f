//! The decimal separator, by the locale's region as CLDR has it. Nothing else of a
//! number changes with the language: no grouping separator is ever added, and
//! amounts keep their currency code and weights their unit, so a separator can never
//! change what a figure means.

use super::Lang;

/// The mark between a number's whole part and its decimals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Decimal {
    /// `10.50`: English, Latin-American Spanish (`es-419`), Mexico, Peru, the US…
    #[default]
    Dot,
    /// `10,50`: Portuguese everywhere; Spanish in Argentina, Colombia, Chile…
    Comma,
}

/// The Spanish-speaking regions whose CLDR locale writes a decimal comma (`es_CO`);
/// Spanish elsewhere, and without a region, follows `es-419`'s dot.
const SPANISH_COMMA_REGIONS: [&str; 14] = [
    "AR", "BO", "CL", "CO", "CR", "EA", "EC", "ES", "GQ", "IC", "PH", "PY", "UY", "VE",
];

impl Decimal {
    /// The separator of `lang` as spoken in `region` (`CO`, `419`; `None` when the
    /// locale names none).
    pub fn of(lang: Lang, region: Option<&str>) -> Self {
        match lang {
            Lang::En => Self::Dot,
            Lang::Es if region.is_some_and(|r| SPANISH_COMMA_REGIONS.contains(&r)) => Self::Comma,
            Lang::Es => Self::Dot,
            Lang::Pt => Self::Comma,
        }
    }

    /// `value` with `places` decimals and this separator: `10,50`.
    pub fn fixed(self, value: f64, places: usize) -> String {
        self.figure(&format!("{value:.places$}"))
    }

    /// `figure`, as Rust formats numbers (`10.50`, `2.5e12`), with this separator.
    pub fn figure(self, figure: &str) -> String {
        match self {
            Self::Dot => figure.to_string(),
            Self::Comma => figure.replace('.', ","),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_picks_the_separator_as_cldr_has_it() {
        for (lang, region, decimal) in [
            (Lang::Es, Some("MX"), Decimal::Dot),
            (Lang::Es, Some("CO"), Decimal::Comma),
            (Lang::Es, Some("AR"), Decimal::Comma),
            (Lang::Es, Some("ES"), Decimal::Comma),
            (Lang::Es, Some("419"), Decimal::Dot),
            (Lang::Es, None, Decimal::Dot),
            (Lang::Pt, Some("BR"), Decimal::Comma),
            (Lang::Pt, Some("PT"), Decimal::Comma),
            (Lang::Pt, None, Decimal::Comma),
            (Lang::En, Some("US"), Decimal::Dot),
            (Lang::En, None, Decimal::Dot),
        ] {
            assert_eq!(Decimal::of(lang, region), decimal, "{lang:?} {region:?}");
        }
    }

    #[test]
    fn only_the_separator_changes() {
        assert_eq!(Decimal::Comma.figure("10.50"), "10,50");
        assert_eq!(Decimal::Comma.figure("-1234567.89"), "-1234567,89");
        assert_eq!(Decimal::Dot.figure("10.50"), "10.50");
        assert_eq!(Decimal::Comma.fixed(1.25, 1), "1,2");
        assert_eq!(Decimal::Dot.fixed(10.5, 2), "10.50");
    }
}
