//! The ways a PNG cannot be made ([`crate::export::png`]), each with the
//! data its message needs, kept with the other errors so that no error
//! reaches up the pipeline; the caller words the advice (the binary in
//! terms of its flags).

use std::fmt;

/// Why a PNG could not be made.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PngError {
    /// The image would be over the pixel budget
    /// ([`crate::export::png::PIXEL_BUDGET`]) at the scale asked for.
    TooLarge {
        /// Its width in pixels.
        width: u64,
        /// Its height in pixels.
        height: u64,
        /// The budget, in pixels.
        budget: u64,
        /// The largest scale, rounded down to a hundredth, that fits.
        fits_scale: f32,
    },
    /// The canvas is so large that no legible scale (0.1 or more) fits the
    /// budget.
    TooLargeAtAnyScale {
        /// The canvas width, in poster pixels.
        width: f32,
        /// The canvas height, in poster pixels.
        height: f32,
    },
    /// The pixmap for a band could not be allocated.
    OutOfMemory {
        /// The image's width in pixels.
        width: u32,
        /// Its height in pixels.
        height: u32,
    },
    /// The scale is not a positive number.
    BadScale(f32),
    /// The PNG encoder failed.
    Encoding(String),
    /// The SVG drawn could not be read back (a bug).
    ReadBack(String),
}

impl PngError {
    /// Whether the request, not the machine, is at fault: a scale too
    /// large for the budget.
    pub fn is_too_large(&self) -> bool {
        matches!(
            self,
            PngError::TooLarge { .. } | PngError::TooLargeAtAnyScale { .. } | PngError::BadScale(_)
        )
    }
}

impl fmt::Display for PngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PngError::TooLarge {
                width,
                height,
                budget,
                ..
            } => {
                let pixels = *width as f64 * *height as f64;
                write!(
                    f,
                    // Rounded up to a tenth: over the budget never reads as the budget.
                    "the PNG would be {width} x {height} pixels ({:.1} megapixels), over the budget of {} megapixels",
                    (pixels / 1e5).ceil() / 10.0,
                    budget / 1_000_000
                )
            }
            PngError::TooLargeAtAnyScale { width, height } => write!(
                f,
                "the poster is {width} x {height} pixels: too large for a legible PNG at any scale"
            ),
            PngError::OutOfMemory { width, height } => {
                write!(f, "could not allocate a {width} x {height} image")
            }
            PngError::BadScale(s) => write!(f, "the scale must be a positive number, not {s}"),
            PngError::Encoding(e) => write!(f, "PNG encoding failed: {e}"),
            PngError::ReadBack(e) => write!(
                f,
                "the SVG could not be read back for rendering (a bug in roadmapper; please report it with the input): {e}"
            ),
        }
    }
}

impl std::error::Error for PngError {}
