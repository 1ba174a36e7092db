// One import for a program that embeds SealKit: the layers below are modules of their own (so
// the compiler keeps the layer map), and every public type of them is SealKit's API.
@_exported import SealKitSupport
@_exported import SealKitCrypto
@_exported import SealKitSerialization
@_exported import SealKitModel
@_exported import SealKitFiles
@_exported import SealKitCluster
@_exported import SealKitSealing
