// swift-tools-version: 6.0
import PackageDescription

// Module graph (each module one concern; imports show what it needs):
//
//   jwt-inspect ─┬─> IssuerKeys ──┬─> IDTokenKit ──> COpenSSL
//                │                └─> OpenSSLHTTPClient ──> COpenSSL
//                └─> IDTokenKit
//   IDTokenHummingbird ──> IssuerKeys, IDTokenKit, Hummingbird
//   build-site ──> SiteServe ──┬─> SiteKit ──> CCmark, OpenSSLHTTPClient (pin downloads), Yams, Mustache
//                              └─> LocalOpenIDProvider ──> IDTokenKit (signing), OpenSSLHTTPClient, Hummingbird
let package = Package(
    name: "passwordless-site",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "build-site", targets: ["build-site"]),
        .executable(name: "jwt-inspect", targets: ["jwt-inspect"]),
        .library(name: "SiteKit", targets: ["SiteKit"]),
        .library(name: "IDTokenKit", targets: ["IDTokenKit"]),
        .library(name: "IssuerKeys", targets: ["IssuerKeys"]),
        .library(name: "OpenSSLHTTPClient", targets: ["OpenSSLHTTPClient"]),
        .library(name: "IDTokenHummingbird", targets: ["IDTokenHummingbird"]),
        .library(name: "ExampleAPI", targets: ["ExampleAPI"]),
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
        // The JOSE / ID-token core: base64url, strict JSON, JOSE header, JWK/JWKS, signatures, claim checks, the
        // verifier. No I/O.
        .target(name: "IDTokenKit", dependencies: ["COpenSSL"]),
        // HTTP/1.1 over OpenSSL TLS: the fetch policy (https, redirects, size cap, timeout), proxies.
        .target(name: "OpenSSLHTTPClient", dependencies: ["COpenSSL"]),
        // Where keys come from: an issuer's discovery document and JWKS, fetched and cached.
        .target(name: "IssuerKeys", dependencies: ["IDTokenKit", "OpenSSLHTTPClient"]),
        // Hummingbird middleware: Bearer token in, verified claims in the request context; a verified-token cache.
        .target(
            name: "IDTokenHummingbird",
            dependencies: ["IDTokenKit", .product(name: "Hummingbird", package: "hummingbird")]),
        // The tutorial's example API. Its code lives under content/ so that the tutorial shows it through includes.
        .target(
            name: "ExampleAPI",
            dependencies: [
                "IDTokenHummingbird", "IDTokenKit", "IssuerKeys", .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "content/_api/ExampleAPI"),
        .executableTarget(
            name: "example-api",
            dependencies: ["ExampleAPI", .product(name: "Hummingbird", package: "hummingbird")],
            path: "content/_api/example-api"),
        .target(
            name: "SiteKit",
            dependencies: [
                "CCmark",
                "OpenSSLHTTPClient",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .target(
            name: "LocalOpenIDProvider",
            dependencies: [
                "IDTokenKit",
                "OpenSSLHTTPClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "SiteServe",
            dependencies: [
                "SiteKit",
                "LocalOpenIDProvider",
                "ExampleAPI",
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "jwt-inspect",
            dependencies: [
                "IDTokenKit",
                "IssuerKeys",
                "OpenSSLHTTPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "TestSupport", dependencies: ["IDTokenKit"], path: "Tests/TestSupport"),
        // libFuzzer harnesses (`make fuzz`); without -DFUZZING the binary replays inputs instead.
        .target(name: "CLibFuzzer", path: "Tests/Fuzz/CLibFuzzer"),
        .target(name: "FuzzDriver", dependencies: ["CLibFuzzer"], path: "Tests/Fuzz/Driver"),
        .executableTarget(
            name: "id-token-fuzz", dependencies: ["IDTokenKit", "IssuerKeys", "OpenSSLHTTPClient", "FuzzDriver"],
            path: "Tests/Fuzz/Harnesses"),
        .executableTarget(name: "site-fuzz", dependencies: ["SiteKit", "FuzzDriver"], path: "Tests/Fuzz/SiteHarnesses"),
        // Many concurrent verifications in a process of their own (RemoteKeysTests runs it).
        .executableTarget(
            name: "remote-keys-load", dependencies: ["IDTokenKit", "IssuerKeys", "OpenSSLHTTPClient"],
            path: "Tests/RemoteKeysLoad"),
        .testTarget(
            name: "SiteKitTests",
            dependencies: ["SiteKit", "CCmark", .product(name: "Mustache", package: "swift-mustache")]),
        .testTarget(
            name: "IDTokenKitTests", dependencies: ["IDTokenKit", "IssuerKeys", "COpenSSL", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "OpenSSLHTTPClientTests", dependencies: ["OpenSSLHTTPClient"]),
        .testTarget(
            name: "IDTokenHummingbirdTests",
            dependencies: [
                "IDTokenHummingbird", "IDTokenKit", "IssuerKeys", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "build-site", "jwt-inspect", "remote-keys-load", "IDTokenKit", "IssuerKeys", "OpenSSLHTTPClient", "TestSupport",
            ],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
