// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "passwordless-site",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "build-site", targets: ["build-site"]),
        .executable(name: "jwt-inspect", targets: ["jwt-inspect"]),
        .library(name: "SiteKit", targets: ["SiteKit"]),
        .library(name: "IDTokenKit", targets: ["IDTokenKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),
        .target(
            name: "SiteKit",
            dependencies: [
                "CCmark",
                "COpenSSL",
                "IDTokenKit",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .target(name: "IDTokenKit", dependencies: ["COpenSSL"]),
        .target(
            name: "LocalOpenIDProvider",
            dependencies: [
                "IDTokenKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "SiteServe",
            dependencies: [
                "SiteKit",
                "LocalOpenIDProvider",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "build-site",
            dependencies: [
                "SiteKit",
                "SiteServe",
                "LocalOpenIDProvider",
                "IDTokenKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "jwt-inspect",
            dependencies: [
                "IDTokenKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "TestSupport", dependencies: ["IDTokenKit"], path: "Tests/TestSupport"),
        // libFuzzer harnesses (`make fuzz`); without -DFUZZING the binary replays inputs instead.
        .target(name: "CLibFuzzer", path: "Tests/Fuzz/CLibFuzzer"),
        .executableTarget(name: "id-token-fuzz", dependencies: ["IDTokenKit", "CLibFuzzer"], path: "Tests/Fuzz/Harnesses"),
        .testTarget(name: "SiteKitTests", dependencies: ["SiteKit"]),
        .testTarget(name: "IDTokenKitTests", dependencies: ["IDTokenKit", "COpenSSL", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "CLITests", dependencies: ["build-site", "jwt-inspect", "IDTokenKit", "TestSupport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
