//! The first frame's areas by plain arithmetic. ratatui's `Layout` hands its
//! constraints to a solver whose first solution of each new layout costs about 45 µs
//! (its cache helps only the frames after); the form's first frame asked for ten of
//! them, a third of a millisecond of the launch. These give the same areas as the
//! `Layout` each replaces (the tests compare them over every size) and fall back to
//! it where the rows or columns do not fit, which the solver settles its own way.

use ratatui::layout::{Constraint, Flex, Layout, Rect};

/// Rows of the given heights from the top of `area`, as `Layout::vertical` with
/// `Constraint::Length`s lays them out.
pub(super) fn rows<const N: usize>(area: Rect, heights: [u16; N]) -> [Rect; N] {
    let total: u32 = heights.iter().map(|&h| u32::from(h)).sum();
    if total > u32::from(area.height) {
        return Layout::vertical(heights.map(Constraint::Length)).areas(area);
    }
    let mut y = area.y;
    heights.map(|height| {
        let row = Rect::new(area.x, y, area.width, height);
        y += height;
        row
    })
}

/// A first row of `top` rows and the rest below it: `[Length(top), Fill(1)]`.
pub(super) fn top_and_rest(area: Rect, top: u16) -> [Rect; 2] {
    if top > area.height {
        return Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]).areas(area);
    }
    rows(area, [top, area.height - top])
}

/// One row at the top, one at the bottom, the rest between them:
/// `[Length(1), Fill(1), Length(1)]`.
pub(super) fn header_body_footer(area: Rect) -> [Rect; 3] {
    if area.height < 2 {
        return Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
    }
    let body = area.height - 2;
    rows(area, [1, body, 1])
}

/// The rest of the row on the left and `width` columns on the right:
/// `[Fill(1), Length(width)]`.
pub(super) fn rest_and_right(area: Rect, width: u16) -> [Rect; 2] {
    if width > area.width {
        return Layout::horizontal([Constraint::Fill(1), Constraint::Length(width)]).areas(area);
    }
    let left = area.width - width;
    [
        Rect::new(area.x, area.y, left, area.height),
        Rect::new(area.x + left, area.y, width, area.height),
    ]
}

/// A column `width` wide in the middle of `area`: `[Length(width)]` with
/// `Flex::Center`.
pub(super) fn centered_column(area: Rect, width: u16) -> Rect {
    if width > area.width {
        let [column] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(area);
        return column;
    }
    // The solver gives the odd column of spare room to the left.
    let left = (area.width - width).div_ceil(2);
    Rect::new(area.x + left, area.y, width, area.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every small size (where rows or columns stop fitting) and the sizes around the
    /// usual ones, at an offset.
    fn areas() -> impl Iterator<Item = Rect> {
        let widths = (0..=24).chain(74..=82).chain(119..=121);
        widths.flat_map(|width| {
            let heights = (0..=18).chain(23..=25).chain(39..=41);
            heights.map(move |height| Rect::new(3, 2, width, height))
        })
    }

    #[test]
    fn rows_match_the_layout() {
        for area in areas() {
            assert_eq!(
                rows(area, [3; 4]),
                Layout::vertical([Constraint::Length(3); 4]).areas(area),
                "{area:?}"
            );
            assert_eq!(
                rows(area, [1; 3]),
                Layout::vertical([Constraint::Length(1); 3]).areas(area),
                "{area:?}"
            );
        }
    }

    #[test]
    fn the_other_shapes_match_the_layout() {
        for area in areas() {
            assert_eq!(
                top_and_rest(area, 14),
                Layout::vertical([Constraint::Length(14), Constraint::Fill(1)]).areas(area),
                "{area:?}"
            );
            assert_eq!(
                header_body_footer(area),
                Layout::vertical([
                    Constraint::Length(1),
                    Constraint::Fill(1),
                    Constraint::Length(1),
                ])
                .areas(area),
                "{area:?}"
            );
            for width in [0, 1, 6, 9, 13] {
                assert_eq!(
                    rest_and_right(area, width),
                    Layout::horizontal([Constraint::Fill(1), Constraint::Length(width)])
                        .areas(area),
                    "{area:?} {width}"
                );
            }
            for width in [0, 1, 75, 76] {
                let [column] = Layout::horizontal([Constraint::Length(width)])
                    .flex(Flex::Center)
                    .areas(area);
                assert_eq!(centered_column(area, width), column, "{area:?} {width}");
            }
        }
    }
}
