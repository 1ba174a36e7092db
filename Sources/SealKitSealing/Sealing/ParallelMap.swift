#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import Dispatch

/// Maps over items on all cores (Dispatch's concurrentPerform), keeping the order.
package enum ParallelMap {
    package static func run<Item: Sendable, Output: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Output) -> [Output] {
        let results = ResultBox<Output>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.set(index, transform(items[index]))
        }
        return results.values
    }

    private final class ResultBox<Output: Sendable>: @unchecked Sendable {
        private let lock = Lock()
        private var storage: [Output?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Output) { lock.withLock { storage[index] = value } }
        /// Every index was set: concurrentPerform runs each iteration exactly once before returning.
        var values: [Output] { lock.withLock { storage.compactMap { $0 } } }
    }
}
