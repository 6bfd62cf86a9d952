//! How big a chart is drawn: computed from the data, fixed, or fixed to the 16:9 slide aspect.

use super::ChartError;

/// The largest side the server will draw, in pixels.
pub const MAX_SIDE: u32 = 8_000;
/// The largest area the server will draw (an RGB buffer of this size is 96 MB).
pub const MAX_PIXELS: u64 = 32_000_000;

/// The requested size of a chart. Missing sides are computed from the number of rows and columns
/// (with legible minimums); `slide_aspect` then makes the picture 16:9.
///
/// | width | height | slide_aspect | result |
/// |---|---|---|---|
/// | set | set | any | exactly that size; the grid is fitted inside |
/// | set | - | true | width × width·9/16 |
/// | - | set | true | height·16/9 × height |
/// | set | - | false | that width, the height the rows need |
/// | - | set | false | that height, the width the columns need |
/// | - | - | false | the natural size of the data |
/// | - | - | true | the natural size, padded to 16:9 |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChartSize {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub slide_aspect: bool,
}

impl ChartSize {
    /// The natural size of the data.
    pub const AUTO: ChartSize = ChartSize { width: None, height: None, slide_aspect: false };
    /// The natural size of the data, padded to 16:9: the team heatmap's default.
    pub const SLIDE: ChartSize = ChartSize { width: None, height: None, slide_aspect: true };
    /// 1920 × 1080: the organisation roll-up's default, legible when projected.
    pub const FULL_HD: ChartSize = ChartSize::exact(1920, 1080);

    /// Exactly `width` × `height` pixels.
    pub const fn exact(width: u32, height: u32) -> ChartSize {
        ChartSize { width: Some(width), height: Some(height), slide_aspect: false }
    }

    /// Fills in the side the aspect ratio determines (width and height both set win over it).
    pub(crate) fn with_aspect_applied(self) -> ChartSize {
        if !self.slide_aspect {
            return self;
        }
        match (self.width, self.height) {
            (Some(w), None) => ChartSize::exact(w, (u64::from(w) * 9 / 16) as u32),
            (None, Some(h)) => ChartSize::exact((u64::from(h) * 16 / 9).min(u64::from(u32::MAX)) as u32, h),
            _ => self,
        }
    }
}

/// Pads `width` × `height` to 16:9 by growing the shorter side.
pub(crate) fn pad_to_slide(width: u32, height: u32) -> (u32, u32) {
    let (w, h) = (u64::from(width), u64::from(height));
    if w * 9 >= h * 16 {
        (width, (w * 9).div_ceil(16) as u32)
    } else {
        ((h * 16).div_ceil(9) as u32, height)
    }
}

/// Refuses sizes the server should not allocate.
pub(crate) fn check_limits(width: u32, height: u32) -> Result<(), ChartError> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ChartError::TooLarge { width, height, max_side: MAX_SIDE, max_pixels: MAX_PIXELS });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_size_aspect_fills_the_missing_side() {
        let size = ChartSize { width: Some(1600), height: None, slide_aspect: true };
        assert_eq!(size.with_aspect_applied(), ChartSize::exact(1600, 900));
        let size = ChartSize { width: None, height: Some(720), slide_aspect: true };
        assert_eq!(size.with_aspect_applied(), ChartSize::exact(1280, 720));
        assert_eq!(ChartSize::SLIDE.with_aspect_applied(), ChartSize::SLIDE);
    }

    #[test]
    fn chart_size_pads_to_slide() {
        assert_eq!(pad_to_slide(1600, 600), (1600, 900));
        assert_eq!(pad_to_slide(800, 900), (1600, 900));
        assert_eq!(pad_to_slide(1920, 1080), (1920, 1080));
    }

    #[test]
    fn chart_size_limits() {
        check_limits(1920, 1080).unwrap();
        assert!(matches!(check_limits(8001, 10), Err(ChartError::TooLarge { .. })));
        assert!(matches!(check_limits(8000, 8000), Err(ChartError::TooLarge { .. })));
    }
}
