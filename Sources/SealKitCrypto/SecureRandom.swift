internal import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// Random bytes from OpenSSL's CSPRNG.
public enum SecureRandom {
    /// `count` bytes from OpenSSL's CSPRNG.
    public static func bytes(count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return buffer }
        let ok = buffer.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard ok == 1 else { throw OpenSSL.failure("RAND_bytes") }
        return buffer
    }

    /// A uniformly distributed integer in `0..<upperBound`, by rejection sampling (no modulo bias).
    public static func uniform(below upperBound: UInt32) throws -> UInt32 {
        // A programming error, not input: the only caller passes an alphabet's size, never 0.
        precondition(upperBound > 0, "upperBound must be positive")
        // Reject the top partial range so every residue is equally likely.
        let limit = UInt32.max - (UInt32.max % upperBound + 1) % upperBound
        while true {
            let raw = try bytes(count: 4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            if raw <= limit { return raw % upperBound }
        }
    }
}

/// Where the hybrid cipher takes its randomness from. Production always uses the CSPRNG; tests
/// use a fixed stream to reproduce upstream's byte-exact vectors.
package struct RandomByteSource: Sendable {
    private let generate: @Sendable (Int) throws -> [UInt8]

    package init(_ generate: @escaping @Sendable (Int) throws -> [UInt8]) {
        self.generate = generate
    }

    package func bytes(_ count: Int) throws -> [UInt8] {
        try generate(count)
    }

    /// OpenSSL's CSPRNG.
    package static let system = RandomByteSource { try SecureRandom.bytes(count: $0) }
}

extension RandomByteSource {
    /// Hands out `chunks` in order, each to a request of its size: randomness drawn up front, in
    /// sequence, so that values sealed in parallel get the bytes they would have got in turn.
    package static func replaying(_ chunks: [[UInt8]]) -> RandomByteSource {
        let queue = ChunkQueue(chunks)
        return RandomByteSource { count in try queue.next(count) }
    }

    private final class ChunkQueue: @unchecked Sendable {
        private let lock = Lock()
        private var chunks: [[UInt8]]
        private var index = 0

        init(_ chunks: [[UInt8]]) { self.chunks = chunks }

        func next(_ count: Int) throws -> [UInt8] {
            try lock.withLock {
                guard index < chunks.count, chunks[index].count == count else { throw CryptoError.openSSL(operation: "RAND_bytes", detail: "the randomness drawn in advance does not fit the request") }
                defer { SecureMemory.wipe(&chunks[index]); index += 1 }
                return chunks[index]
            }
        }
    }
}
