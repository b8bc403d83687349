//! Arrows on the scenario map: every arrow leaves its box at the bottom,
//! turns in the space below that row, passes any rows between through the
//! gaps beside their boxes, and enters its box at the top. Arrows sharing a
//! space or a gap are given lanes a few pixels apart, so they run side by
//! side instead of on top of each other; corners are rounded.

/// A row of boxes.
#[derive(Debug)]
pub(super) struct Row {
    /// Its top.
    pub(super) y: usize,
    /// Its boxes' left and right edges, left to right.
    pub(super) boxes: Vec<(usize, usize)>,
}

/// Where the boxes are.
#[derive(Debug)]
pub(super) struct Grid {
    /// The rows, top to bottom.
    pub(super) rows: Vec<Row>,
    /// A box's height.
    pub(super) box_h: usize,
    /// The space between rows (and above the first and below the last).
    pub(super) gutter: usize,
    /// The drawing's width.
    pub(super) width: usize,
}

/// Pixels between lanes.
const LANE: usize = 6;
/// Corner radius.
const RADIUS: f64 = 6.0;

/// Draws arrows on a grid, keeping count of the lanes used.
pub(super) struct Router<'g> {
    grid: &'g Grid,
    /// Lanes used in the space above each row (index r: above row r; the
    /// last: below the last row).
    spaces: Vec<usize>,
    /// Lanes used in each gap of each row.
    gaps: Vec<Vec<usize>>,
}

impl<'g> Router<'g> {
    /// A router with no lane used.
    pub(super) fn new(grid: &'g Grid) -> Self {
        Self {
            grid,
            spaces: vec![0; grid.rows.len() + 1],
            gaps: grid
                .rows
                .iter()
                .map(|r| vec![0; r.boxes.len() + 1])
                .collect(),
        }
    }

    /// The height of the next free lane in space `s` (above row `s`).
    fn space_y(&mut self, s: usize) -> usize {
        let lanes = (self.grid.gutter - 20) / LANE;
        let lane = self.spaces[s] % lanes.max(1);
        self.spaces[s] += 1;
        let top = if s == 0 {
            0
        } else {
            self.grid.rows[s - 1].y + self.grid.box_h
        };
        top + 10 + lane * LANE
    }

    /// The gaps of row `r` (their left and right edges).
    fn gap_edges(&self, r: usize) -> Vec<(usize, usize)> {
        let row = &self.grid.rows[r];
        let mut edges = Vec::with_capacity(row.boxes.len() + 1);
        let mut left = 0;
        for &(x, x2) in &row.boxes {
            edges.push((left, x));
            left = x2;
        }
        edges.push((left, self.grid.width));
        edges
    }

    /// The x of a lane in the gap of row `r` nearest to `want`.
    fn gap_x(&mut self, r: usize, want: usize) -> usize {
        let edges = self.gap_edges(r);
        let (g, &(left, right)) = edges
            .iter()
            .enumerate()
            .min_by_key(|(_, (l, r))| ((l + r) / 2).abs_diff(want))
            .expect("a row has gaps");
        let room = right.saturating_sub(left);
        let lanes = (room.saturating_sub(12) / LANE).max(1);
        let lane = self.gaps[r][g] % lanes;
        self.gaps[r][g] += 1;
        // Lanes spread out from the middle of the gap: 0, +1, -1, +2 …
        let offset = (lane.div_ceil(2) * LANE) as isize * if lane % 2 == 1 { 1 } else { -1 };
        ((left + right) / 2).saturating_add_signed(offset)
    }

    /// The path of an arrow from `from` (the bottom of a box in row
    /// `from_row`) to `to` (the top of a box in row `to_row`).
    pub(super) fn path(
        &mut self,
        from: (usize, usize),
        from_row: usize,
        to: (usize, usize),
        to_row: usize,
    ) -> String {
        let mut points = vec![from];
        let mut y = self.space_y(from_row + 1);
        points.push((from.0, y));
        // The rows to pass, and the space each leads into.
        let passes: Vec<(usize, usize)> = if to_row > from_row {
            (from_row + 1..to_row).map(|r| (r, r + 1)).collect()
        } else {
            (to_row..=from_row).rev().map(|r| (r, r)).collect()
        };
        for (row, space) in passes {
            let x = self.gap_x(row, to.0);
            points.push((x, y));
            y = self.space_y(space);
            points.push((x, y));
        }
        points.push((to.0, y));
        points.push(to);
        rounded(&points)
    }
}

/// An SVG path through `points` with straight lines and rounded corners.
fn rounded(points: &[(usize, usize)]) -> String {
    let mut points: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (x as f64, y as f64)).collect();
    points.dedup();
    let mut d = format!("M{},{}", points[0].0, points[0].1);
    for w in points.windows(3) {
        let (a, b, c) = (w[0], w[1], w[2]);
        let (l1, l2) = (dist(a, b), dist(b, c));
        let r = RADIUS.min(l1 / 2.0).min(l2 / 2.0);
        if r < 0.5 {
            d.push_str(&format!(" L{},{}", b.0, b.1));
            continue;
        }
        let p = toward(b, a, r);
        let q = toward(b, c, r);
        d.push_str(&format!(
            " L{:.1},{:.1} Q{},{} {:.1},{:.1}",
            p.0, p.1, b.0, b.1, q.0, q.1
        ));
    }
    if let Some(last) = points.last().filter(|_| points.len() > 1) {
        d.push_str(&format!(" L{},{}", last.0, last.1));
    }
    d
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// The point `r` from `from` toward `to`.
fn toward(from: (f64, f64), to: (f64, f64), r: f64) -> (f64, f64) {
    let l = dist(from, to);
    if l == 0.0 {
        return from;
    }
    (
        from.0 + (to.0 - from.0) * r / l,
        from.1 + (to.1 - from.1) * r / l,
    )
}
