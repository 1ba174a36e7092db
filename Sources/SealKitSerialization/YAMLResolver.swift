#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// YAML 1.1 resolution of plain scalars, as go-yaml v2 (and so kubeseal and kubectl) does it.
///
/// It decides two things: what a plain scalar in the input means (`namespace: n` is the boolean
/// false), and which strings must be quoted on output because they would be read back as
/// something else (`"true"`, `"0x1F"`, `"1:20"`).
public enum YAMLResolver {
    /// The type of a plain scalar.
    public enum Resolved: Sendable, Hashable {
        case null
        case bool(Bool)
        /// An integer, with its canonical decimal text (`0x1F` → `31`).
        case int(String)
        case float(Double)
        /// A YAML timestamp such as `2001-12-14`; string fields keep its text as written.
        case timestamp
        case string
    }

    private static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let trues: Set<String> = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    private static let falses: Set<String> = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]
    private static let specialFloats: [String: Double] = [
        ".inf": .infinity, ".Inf": .infinity, ".INF": .infinity,
        "+.inf": .infinity, "+.Inf": .infinity, "+.INF": .infinity,
        "-.inf": -.infinity, "-.Inf": -.infinity, "-.INF": -.infinity,
        ".nan": .nan, ".NaN": .nan, ".NAN": .nan,
    ]

    /// The length of the longest null, boolean or special-float literal.
    private static let longestLiteral = (Array(nulls) + Array(trues) + Array(falses) + Array(specialFloats.keys)).map(\.utf8.count).max() ?? 0

    /// Resolves a plain scalar's text. With an explicit non-string tag the text is resolved the
    /// same way; a `!!str` tag always gives `.string`.
    public static func resolve(_ text: String, tag: String? = nil) -> Resolved {
        if tag == YAMLNode.stringTag { return .string }
        // Only short texts can be one of the literals; a sealed value (700 bytes) is not hashed.
        if text.utf8.count <= longestLiteral {
            if nulls.contains(text) { return .null }
            if trues.contains(text) { return .bool(true) }
            if falses.contains(text) { return .bool(false) }
            if let special = specialFloats[text] { return .float(special) }
        }
        guard let first = text.utf8.first else { return .null }
        // Every other non-string starts with a digit, a sign or a dot.
        guard isDigit(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return .string }
        let utf8 = Array(text.utf8)
        if first == UInt8(ascii: ".") {
            return isDotFloat(utf8) ? .float(Double(String(text.filter { $0 != "_" })) ?? 0) : .string
        }
        guard isDigit(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return .string }
        if isTimestamp(utf8) { return .timestamp }
        let stripped = utf8.filter { $0 != UInt8(ascii: "_") }
        if let integer = goParseInt(stripped[...]) { return .int(integer) }
        if isYAMLStyleFloat(stripped), let value = Double(String(decoding: stripped, as: UTF8.self)), value.isFinite {
            return .float(value)
        }
        // go-yaml's own binary forms: `0b…` and `-0b…` with a signed remainder.
        if stripped.starts(with: Array("0b".utf8)), let value = goParseSigned(stripped.dropFirst(2), radix: 2) {
            return .int(value)
        }
        if stripped.starts(with: Array("-0b".utf8)), let value = goParseSigned(stripped.dropFirst(3), radix: 2) {
            return .int(value.hasPrefix("-") ? String(value.dropFirst()) : "-" + value)
        }
        return .string
    }

    /// Whether a string must be quoted so that a YAML 1.1 reader reads it back as a string:
    /// anything that resolves to another type, and go-yaml's base-60 floats.
    public static func needsQuotes(_ text: String) -> Bool {
        if resolve(text) != .string { return true }
        // A base-60 float starts with a digit or a sign.
        guard let first = text.utf8.first, isDigit(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return false }
        return isBase60Float(Array(text.utf8))
    }

    // MARK: Scanners

    private static func isDigit(_ byte: UInt8) -> Bool { ASCII.isDigit(byte) }

    /// `.5`, `.5E+3`, `.0_10`: a Go float literal starting with `.`; `_` only between digits.
    private static func isDotFloat(_ bytes: [UInt8]) -> Bool {
        var index = 1
        guard scanDigits(bytes, &index, underscores: true) else { return false }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard scanDigits(bytes, &index, underscores: true) else { return false }
        }
        guard index == bytes.count else { return false }
        let value = Double(String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self))
        return value?.isFinite ?? false
    }

    /// One or more digits, optionally with single underscores between digits.
    private static func scanDigits(_ bytes: [UInt8], _ index: inout Int, underscores: Bool) -> Bool {
        let start = index
        while index < bytes.count {
            if isDigit(bytes[index]) {
                index += 1
            } else if underscores, bytes[index] == UInt8(ascii: "_"), index > start,
                      index + 1 < bytes.count, isDigit(bytes[index + 1]) {
                index += 1
            } else {
                break
            }
        }
        return index > start
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    private static func isYAMLStyleFloat(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard scanDigits(bytes, &index, underscores: false) else { return false }
        } else {
            guard scanDigits(bytes, &index, underscores: false) else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                _ = scanDigits(bytes, &index, underscores: false)
            }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard scanDigits(bytes, &index, underscores: false) else { return false }
        }
        return index == bytes.count
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint` for unsigned text.
    /// Returns the canonical decimal text.
    private static func goParseInt(_ bytes: ArraySlice<UInt8>) -> String? {
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            guard let magnitude = goParseUnsigned(bytes.dropFirst()) else { return nil }
            if first == UInt8(ascii: "-") {
                guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return magnitude == 0 ? "0" : "-\(magnitude)"
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return String(magnitude)
        }
        return goParseUnsigned(bytes).map { String($0) }
    }

    /// A signed number in a fixed radix (the remainder after go-yaml's `0b` prefix).
    private static func goParseSigned(_ bytes: ArraySlice<UInt8>, radix: UInt64) -> String? {
        var digits = bytes
        var negative = false
        if let first = digits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, let magnitude = parse(digits, radix: radix) else { return nil }
        guard magnitude <= (negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)) else { return nil }
        return negative && magnitude != 0 ? "-\(magnitude)" : String(magnitude)
    }

    /// Go's `ParseUint(s, 0, 64)`: `0x`, `0o`, `0b` prefixes and leading-zero octal.
    private static func goParseUnsigned(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard let first = bytes.first else { return nil }
        var digits = bytes
        var radix: UInt64 = 10
        if first == UInt8(ascii: "0") {
            let second = bytes.count >= 3 ? bytes[bytes.startIndex + 1] | 0x20 : 0
            switch second {
            case UInt8(ascii: "b"): radix = 2; digits = bytes.dropFirst(2)
            case UInt8(ascii: "o"): radix = 8; digits = bytes.dropFirst(2)
            case UInt8(ascii: "x"): radix = 16; digits = bytes.dropFirst(2)
            default: radix = 8; digits = bytes.dropFirst()
            }
        }
        return parse(digits, radix: radix)
    }

    private static func parse(_ digits: ArraySlice<UInt8>, radix: UInt64) -> UInt64? {
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch byte {
            case 0x30...0x39: digit = UInt64(byte - 0x30)
            case 0x61...0x66: digit = UInt64(byte - 0x61 + 10)
            case 0x41...0x46: digit = UInt64(byte - 0x41 + 10)
            default: return nil
            }
            guard digit < radix else { return nil }
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: radix)
            let (added, overflow2) = multiplied.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = added
        }
        return value
    }

    /// go-yaml's timestamp formats: `2006-1-2`, `2006-1-2T15:4:5[.frac](Z|±07:00)` (also `t`),
    /// `2006-1-2 15:4:5[.frac]`; a real calendar date and a valid time.
    private static func isTimestamp(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func number(maxDigits: Int, exactly: Bool = false) -> Int? {
            let start = index
            var value = 0
            while index < bytes.count, index - start < maxDigits, isDigit(bytes[index]) {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            let count = index - start
            return count == 0 || (exactly && count != maxDigits) ? nil : value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(maxDigits: 4, exactly: true), expect("-"),
              let month = number(maxDigits: 2), expect("-"),
              let day = number(maxDigits: 2) else { return false }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return false }
        if index == bytes.count { return true }

        let separator = bytes[index]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else { return false }
        index += 1
        guard let hour = number(maxDigits: 2), expect(":"), let minute = number(maxDigits: 2), expect(":"),
              let second = number(maxDigits: 2), hour <= 23, minute <= 59, second <= 59 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard number(maxDigits: 9) != nil else { return false }
        }
        if separator == UInt8(ascii: " ") { return index == bytes.count }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "Z") { return index + 1 == bytes.count }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else { return false }
        index += 1
        guard let zoneHour = number(maxDigits: 2, exactly: true), expect(":"),
              let zoneMinute = number(maxDigits: 2, exactly: true), zoneHour <= 23, zoneMinute <= 59 else { return false }
        return index == bytes.count
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// go-yaml v2's `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    private static func isBase60Float(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { return false }
        index += 1
        while index < bytes.count, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
        var groups = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            index += 1
            let start = index
            while index < bytes.count, index - start < 2, isDigit(bytes[index]) { index += 1 }
            let count = index - start
            guard count >= 1, count == 1 || bytes[start] <= UInt8(ascii: "5") else { return false }
            groups += 1
        }
        guard groups > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
        }
        return index == bytes.count
    }
}
