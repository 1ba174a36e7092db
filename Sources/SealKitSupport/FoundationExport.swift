// SealKit's API is written in Foundation's value types (Data, URL, Date), so a program that
// imports SealKit gets them too: FoundationEssentials where it exists (a smaller binary that
// starts faster), Foundation elsewhere.
#if canImport(FoundationEssentials)
@_exported import FoundationEssentials
#else
@_exported import Foundation
#endif
