//! Numbers as assertions write them, held exactly. An amount is an `f64`; a number is accepted
//! only when that `f64` prints back (by `Display`, which never uses an exponent) as the number that
//! was written, so that no digit is lost between the text, the verdict and the canonical form.
//! That holds for every number of up to 15 significant digits, and for every number the tool
//! itself prints.

/// Why a number written in digits cannot be held exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberError {
    /// What is wrong, for the diagnostic.
    pub reason: String,
}

/// The digits of a plain decimal (`1234`, `0.50`, `007.5`) without leading zeros before the
/// point or trailing zeros after it: the form two ways of writing one number share.
fn normal(plain: &str) -> String {
    let (whole, fraction) = plain.split_once('.').unwrap_or((plain, ""));
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    if fraction.is_empty() {
        whole.to_owned()
    } else {
        format!("{whole}.{fraction}")
    }
}

/// The decimal `plain` with its point moved `shift` places right (`1.5`, 6 → `1500000`).
fn shifted(plain: &str, shift: u32) -> String {
    let (whole, fraction) = plain.split_once('.').unwrap_or((plain, ""));
    let shift = shift as usize;
    let mut digits = format!("{whole}{fraction}");
    let point = whole.len() + shift;
    if digits.len() < point {
        digits.extend(std::iter::repeat_n('0', point - digits.len()));
    }
    let (whole, fraction) = digits.split_at(point);
    format!("{whole}.{fraction}")
}

/// The value of `plain` (ASCII digits with at most one `.` between digits) times ten to the
/// `shift`, if an `f64` holds it exactly.
pub fn exact(plain: &str, shift: u32) -> Result<f64, NumberError> {
    let well_formed = {
        let (whole, fraction) = plain.split_once('.').unwrap_or((plain, "0"));
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        digits(whole) && digits(fraction)
    };
    if !well_formed {
        return Err(NumberError {
            reason: "write a number in digits, with at most one decimal point, such as 1500 or 2.5"
                .to_owned(),
        });
    }
    let written = normal(&shifted(plain, shift));
    let value: f64 = written.parse().map_err(|_| NumberError {
        reason: "it is not a number".to_owned(),
    })?;
    if value.is_finite() && normal(&value.to_string()) == written {
        Ok(value)
    } else {
        Err(NumberError {
            reason: "it has more significant digits than can be held exactly (15 always can)"
                .to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::exact;

    #[test]
    fn numbers_of_up_to_15_significant_digits_are_exact() {
        assert_eq!(exact("124", 0), Ok(124.0));
        assert_eq!(exact("0.50", 0), Ok(0.5));
        assert_eq!(exact("1.5", 6), Ok(1_500_000.0));
        assert_eq!(exact("123456789012345", 0), Ok(123_456_789_012_345.0));
        assert_eq!(exact("100000000000000000000", 0), Ok(1e20));
        assert_eq!(exact("3", 9), Ok(3e9));
    }

    #[test]
    fn numbers_that_would_lose_digits_are_refused() {
        assert!(exact("123456789012345678901", 0).is_err());
        assert!(exact(&"9".repeat(400), 0).is_err());
        assert!(exact(&format!("0.{}1", "0".repeat(400)), 0).is_err());
    }

    #[test]
    fn only_plain_digits_are_numbers() {
        for text in ["1e309", "1.2.3", ".5", "5.", "", "1,000", "-3"] {
            assert!(exact(text, 0).is_err(), "{text}");
        }
    }

    #[test]
    fn every_printed_amount_reads_back() {
        for value in [
            0.0,
            0.1,
            1e-300,
            2f64.powi(53) + 2.0,
            u64::MAX as f64,
            1e300,
            f64::MAX,
        ] {
            assert_eq!(exact(&value.to_string(), 0), Ok(value), "{value}");
        }
    }
}
