import Foundation
@testable import SealKit

/// A randomness source that hands out given bytes in order, to reproduce upstream's
/// deterministic vectors. Fails the test loudly if more bytes are asked for than were given.
final class ScriptedRandom: @unchecked Sendable {
    private var remaining: [UInt8]
    private let lock = NSLock()

    init(_ chunks: [[UInt8]]) { remaining = chunks.flatMap { $0 } }

    var source: RandomByteSource {
        RandomByteSource { [self] count in
            lock.lock(); defer { lock.unlock() }
            precondition(remaining.count >= count, "scripted randomness exhausted")
            defer { remaining.removeFirst(count) }
            return Array(remaining.prefix(count))
        }
    }

    /// The stream behind `*.det-seed-sealkit.*`: SHA-256("sealkit" || u64be(counter)) blocks.
    static func sealkitSeedStream(blocks: Int, startingAt start: UInt64 = 0) -> ScriptedRandom {
        let chunks = (start..<(start + UInt64(blocks))).map { counter -> [UInt8] in
            let counterBytes = (0..<8).reversed().map { UInt8(counter >> (8 * UInt64($0)) & 0xFF) }
            return OpenSSL.sha256(Array("sealkit".utf8) + counterBytes)
        }
        return ScriptedRandom(chunks)
    }
}
