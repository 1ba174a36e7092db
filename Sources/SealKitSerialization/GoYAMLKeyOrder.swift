#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// The order in which go-yaml v2 sorts mapping keys, and so the order of every mapping in
/// kubeseal's YAML output (kubeseal marshals through sigs.k8s.io/yaml with go.yaml.in/yaml/v2):
/// a non-letter before a letter, always (`10` < `1a`), runs of digits by numeric value
/// (`token9` < `token10`), letters by code point (`B` < `a`).
///
/// go-yaml v3 added "after a digit, a letter sorts first"; v2, and so kubeseal, has no such rule.
public enum GoYAMLKeyOrder {
    /// go-yaml v2's `keyList.Less` for two string keys.
    public static func less(_ a: String, _ b: String) -> Bool {
        // ASCII keys (nearly all) are compared over their bytes, without copying them.
        var a = a, b = b
        if let result = a.withUTF8({ x in b.withUTF8 { y in isASCII(x) && isASCII(y) ? less(x.lazy.map(Unicode.Scalar.init), y.lazy.map(Unicode.Scalar.init)) : nil } }) {
            return result
        }
        return less(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80
    }

    static func less<Scalars: RandomAccessCollection<Unicode.Scalar>>(_ a: Scalars, _ b: Scalars) -> Bool where Scalars.Index == Int {
        var position = 0
        while position < a.count, position < b.count {
            let x = a[position], y = b[position]
            if x == y {
                position += 1
                continue
            }
            let xLetter = isLetter(x), yLetter = isLetter(y)
            if xLetter && yLetter { return x.value < y.value }
            // Exactly one letter: the non-letter sorts first (v2's `return bl`).
            if xLetter || yLetter { return yLetter }
            // Neither is a letter: compare the digit runs that start here as numbers.
            var aNumber: Int64 = 0, bNumber: Int64 = 0
            if x == "0" || y == "0" {
                // Inside a run whose shared prefix holds a non-zero digit, go-yaml counts from 1.
                var back = position - 1
                while back >= 0, isDigit(a[back]) {
                    if a[back] != "0" { aNumber = 1; bNumber = 1; break }
                    back -= 1
                }
            }
            var aEnd = position
            while aEnd < a.count, isDigit(a[aEnd]) {
                aNumber = aNumber &* 10 &+ Int64(a[aEnd].value) &- 0x30
                aEnd += 1
            }
            var bEnd = position
            while bEnd < b.count, isDigit(b[bEnd]) {
                bNumber = bNumber &* 10 &+ Int64(b[bEnd].value) &- 0x30
                bEnd += 1
            }
            if aNumber != bNumber { return aNumber < bNumber }
            if aEnd != bEnd { return aEnd < bEnd }
            return x.value < y.value
        }
        return a.count < b.count
    }

    /// Sorts keys as go-yaml does. The comparison is not transitive for some key sets, where
    /// upstream's own order varies from run to run; a stable merge sort over the bytewise order
    /// makes SealKit's output deterministic. For every transitive set (every real one) a stable
    /// sort has one answer, so this is the order go-yaml prints; and it costs n log n
    /// comparisons where an insertion sort cost n² (20,000 keys: 6 s).
    public static func sorted(_ keys: [String]) -> [String] {
        if isSorted(keys) { return keys }
        var items = keys.sorted(by: bytewise).map { ($0, Array($0.unicodeScalars)) }
        var buffer = items
        var width = 1
        while width < items.count {
            var start = 0
            while start < items.count {
                let middle = min(start + width, items.count), end = min(start + 2 * width, items.count)
                var left = start, right = middle, out = start
                while left < middle && right < end {
                    // Take from the right only when strictly smaller: equal keys keep their order.
                    if less(items[right].1, items[left].1) { buffer[out] = items[right]; right += 1 } else { buffer[out] = items[left]; left += 1 }
                    out += 1
                }
                while left < middle { buffer[out] = items[left]; left += 1; out += 1 }
                while right < end { buffer[out] = items[right]; right += 1; out += 1 }
                start = end
            }
            swap(&items, &buffer)
            width *= 2
        }
        return items.map(\.0)
    }

    /// Whether `keys` are in order without repeats, so that ``sorted(_:)`` returns them as they
    /// are: each key comes after its predecessor bytewise and not before it by ``less(_:_:)``,
    /// so the bytewise sort and the insertion would move nothing. A SealedSecret's keys, written
    /// in order, pass in one comparison each.
    public static func isSorted(_ keys: [String]) -> Bool {
        keys.indices.dropFirst().allSatisfy { bytewise(keys[$0 - 1], keys[$0]) && !less(keys[$0], keys[$0 - 1]) }
    }

    /// Bytewise UTF-8 order, Go's order for map keys in JSON.
    public static func bytewise(_ a: String, _ b: String) -> Bool {
        // Over the contiguous UTF-8 storage: the generic UTF8View walk was most of sorting
        // 2,000 keys.
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let shared = min(x.count, y.count)
                var index = 0
                while index < shared {
                    if x[index] != y[index] { return x[index] < y[index] }
                    index += 1
                }
                return x.count < y.count
            }
        }
    }

    /// Go's `unicode.IsLetter`: general category L*.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return ASCII.isLetter(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go's `unicode.IsDigit`: general category Nd.
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return ASCII.isDigit(UInt8(scalar.value)) }
        return scalar.properties.generalCategory == .decimalNumber
    }
}
