// swift-tools-version:6.2
// The modules that read partner bytes, built with libFuzzer coverage and AddressSanitizer for the
// fuzz targets in Targets/ (see run.sh, which links each target against these). The sources are
// the project's own, linked here by symlink, so fuzzing builds nothing else.
import PackageDescription

let instrumented: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "HandoverFuzz",
    products: [.library(name: "HandoverFormats", type: .static, targets: ["HandoverFormats"])],
    targets: [
        .target(name: "HandoverModel", swiftSettings: instrumented),
        .target(name: "HandoverFormats", dependencies: ["HandoverModel"], swiftSettings: instrumented),
    ]
)
