#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// String helpers that full Foundation has and FoundationEssentials does not, kept to what
// SealKit needs and defined on Unicode properties, so they behave the same on every platform.

extension StringProtocol {
    /// Without spaces and tabs at either end (Foundation's `.whitespaces`: white space that is
    /// not a line end).
    package func trimmingSpaces() -> String {
        trimming { $0.isWhitespace && !$0.isNewline }
    }

    /// Without white space and line ends at either end (Foundation's `.whitespacesAndNewlines`).
    package func trimmingWhitespace() -> String {
        trimming(\.isWhitespace)
    }

    private func trimming(_ drop: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !drop($0) }), let last = lastIndex(where: { !drop($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension FixedWidthInteger {
    /// The value in hexadecimal, zero-padded to `width` digits (`String(format: "%02X")`).
    package func hexDigits(width: Int, uppercase: Bool = true) -> String {
        let digits = String(self, radix: 16, uppercase: uppercase)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Path arithmetic on `/`-separated strings (NSString's path methods are not in
/// FoundationEssentials).
package enum PathText {
    /// The last component: `a/b.yaml` → `b.yaml`; trailing slashes are ignored.
    package static func lastComponent(_ path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.reversed().drop { $0 == "/" }.reversed()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return trimmed == "/" ? "/" : String(trimmed[trimmed.index(after: slash)...])
    }

    /// The folder part: `a/b.yaml` → `a`, `/b` → `/`, `b` → `` (empty).
    package static func deletingLastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `folder` and `component` joined by one `/`.
    package static func appending(_ component: String, to folder: String) -> String {
        folder.isEmpty ? component : folder.hasSuffix("/") ? folder + component : folder + "/" + component
    }
}

/// Durations written as kubeseal's `--key-ttl` takes them: `87600h`, `3650d`, `10y`, `1y6m`
/// (units: y = 365 days, w, d, h, m = minutes, s).
package enum DurationText {
    /// The seconds `text` stands for, or nil when it is not a positive duration.
    package static func seconds(_ text: String) -> TimeInterval? {
        let units: [Character: TimeInterval] = ["y": 365 * 86400, "w": 7 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1]
        var total: TimeInterval = 0, digits = ""
        for character in text {
            if character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let value = Double(digits) {
                total += value * unit
                digits = ""
            } else {
                return nil
            }
        }
        return digits.isEmpty && total > 0 ? total : nil
    }
}

extension Date {
    /// The instant as RFC 3339 in UTC to the second (`2026-12-01T07:51:57Z`), as
    /// ISO8601DateFormatter printed it.
    package var iso8601Text: String { formatted(.iso8601) }

    /// The day in UTC (`2026-12-01`).
    package var iso8601DateText: String { formatted(Date.ISO8601FormatStyle().year().month().day()) }
}
