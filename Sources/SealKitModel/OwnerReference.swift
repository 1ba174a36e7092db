#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// A reference from an object to its owner (`metadata.ownerReferences[]`).
public struct OwnerReference: Sendable, Hashable {
    /// The owner's API version.
    public var apiVersion: String
    /// The owner's kind.
    public var kind: String
    /// The owner's name.
    public var name: String
    /// The owner's uid.
    public var uid: String
    /// Whether the owner is the managing controller.
    public var controller: Bool?
    /// Whether deleting the owner waits for this object.
    public var blockOwnerDeletion: Bool?

    /// A reference to the object that owns this one (the controller sets one to the SealedSecret).
    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil, blockOwnerDeletion: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }

    init(reader: FieldReader) throws(ManifestError) {
        apiVersion = try reader.string("apiVersion") ?? ""
        kind = try reader.string("kind") ?? ""
        name = try reader.string("name") ?? ""
        uid = try reader.string("uid") ?? ""
        controller = try reader.bool("controller")
        blockOwnerDeletion = try reader.bool("blockOwnerDeletion")
    }

    /// The reference as a node; the first four fields are always written, `""` included.
    public var node: YAMLNode {
        var fields: [(String, YAMLNode)] = [
            ("apiVersion", .string(apiVersion)), ("kind", .string(kind)), ("name", .string(name)), ("uid", .string(uid)),
        ]
        if let controller, controller { fields.append(("controller", .bool(controller))) }
        if let blockOwnerDeletion, blockOwnerDeletion { fields.append(("blockOwnerDeletion", .bool(blockOwnerDeletion))) }
        return .mapping(fields)
    }
}
