// swift-tools-version:6.1
import PackageDescription

/// Cowrite: a songwriting REPL. The core (MusicTheory, SongModel) is pure Swift;
/// the C libraries sit behind system-library targets used only at the edges.

/// The library modules are optimized in debug builds too: the tests render audio and run
/// the generators over many seeds, and unoptimized DSP loops render about eleven times
/// slower than a release build. Checks stay on (`-O` keeps overflow traps and
/// preconditions); only the test targets and the executables build at `-Onone`.
let optimized: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Cowrite",
    products: [
        .executable(name: "cowrite", targets: ["cowrite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .target(name: "MusicTheory", swiftSettings: optimized),
        .target(name: "SongModel", dependencies: ["MusicTheory"], swiftSettings: optimized),
        .systemLibrary(name: "CFluidSynth", path: "Sources/CFluidSynth"),
        .systemLibrary(name: "CSndfile", path: "Sources/CSndfile"),
        .systemLibrary(name: "CEbur128", path: "Sources/CEbur128"),
        // libogg: the pages of an Ogg file, to add tags to the Vorbis comment header.
        .systemLibrary(name: "COgg", path: "Sources/COgg"),
        // OpenSSL's libcrypto: the SHA-256 that names an imported file in provenance.
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
        // Sample loops the C compiler vectorizes and Swift's does not (SampleKernels.c says why).
        .target(name: "CSampleKernels", cSettings: [.unsafeFlags(["-O2", "-ffp-contract=off"])]),
        .target(name: "Engine", dependencies: ["MusicTheory", "SongModel"], swiftSettings: optimized),
        .target(name: "AudioRender", dependencies: ["MusicTheory", "SongModel", "CFluidSynth", "CSndfile", "CEbur128", "COgg", "CSampleKernels"], swiftSettings: optimized),
        .target(name: "REPL", dependencies: ["MusicTheory", "SongModel", "Engine", "AudioRender", "CReadline", "CCrypto"], swiftSettings: optimized),
        .executableTarget(
            name: "cowrite",
            dependencies: [
                "REPL", "AudioRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "cowrite-bench", dependencies: ["Engine", "SongModel", "MusicTheory", "REPL", "AudioRender"]),
        // libFuzzer targets (`make fuzz` builds them with -sanitize=fuzzer -DFUZZING);
        // a plain build makes the same targets replay corpus files.
        .executableTarget(name: "cowrite-soak", dependencies: ["REPL", "SongModel", "Engine", "AudioRender", "CFluidSynth"]),
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "cowrite-fuzz", dependencies: ["REPL", "SongModel", "MusicTheory", "CFuzzerDriver"]),
        .testTarget(
            name: "MusicTheoryTests",
            dependencies: [
                "MusicTheory",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "SongModelTests",
            dependencies: [
                "SongModel", "OutsideTools",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        // ffmpeg and the Python tools, as the test targets run them.
        .target(name: "OutsideTools", path: "Tests/OutsideTools"),
        .testTarget(
            name: "EngineTests",
            dependencies: ["Engine", "SongModel", "MusicTheory", "OutsideTools"],
            exclude: ["Pinned"]
        ),
        .testTarget(
            name: "AudioRenderTests",
            dependencies: ["AudioRender", "CSampleKernels", "Engine", "SongModel", "MusicTheory", "OutsideTools"]
        ),
        .testTarget(
            name: "REPLTests",
            dependencies: ["REPL", "SongModel", "MusicTheory", "cowrite", "OutsideTools"],
            exclude: ["Golden", "Scripts"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
