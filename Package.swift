// swift-tools-version: 6.0
import PackageDescription

// Module graph (each module one concern; imports show what it needs):
//
//   jwt-inspect ─┬─> IssuerKeys ──┬─> IDTokenKit ──> COpenSSL
//                │                └─> OpenSSLHTTPClient ──> COpenSSL
//                ├─> PastedInput (what a user pasted) ──> IDTokenKit, OpenSSLHTTPClient
//                └─> IDTokenKit
//   IDTokenHummingbird ──> IDTokenKit, Hummingbird
//   IDTokenTesting ──> IDTokenKit, HTTPTypes                 (test issuer, Bearer header for test clients)
//   IssuerKeysAsyncHTTPClient ──> IssuerKeys, OpenSSLHTTPClient (the fetch policy), AsyncHTTPClient
//   build-site ──> SiteServe ──┬─> SiteKit ──> CCmark, OpenSSLHTTPClient (pin downloads), Yams, Mustache
//                              └─> LocalOpenIDProvider ──> IDTokenKit (signing), OpenSSLHTTPClient, Hummingbird
//   SiteServe, LocalOpenIDProvider ──> LoopbackServing (Host checks, URLs read as browsers read them)
let package = Package(
    name: "passwordless-site",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "build-site", targets: ["build-site"]),
        .executable(name: "jwt-inspect", targets: ["jwt-inspect"]),
        // For Swift servers: verify ID tokens, get an issuer's keys, guard Hummingbird routes, test them.
        .library(name: "IDTokenKit", targets: ["IDTokenKit"]),
        .library(name: "IssuerKeys", targets: ["IssuerKeys"]),
        .library(name: "OpenSSLHTTPClient", targets: ["OpenSSLHTTPClient"]),
        .library(name: "IDTokenHummingbird", targets: ["IDTokenHummingbird"]),
        .library(name: "IDTokenTesting", targets: ["IDTokenTesting"]),
        .library(name: "IssuerKeysAsyncHTTPClient", targets: ["IssuerKeysAsyncHTTPClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        // The JOSE / ID-token core: base64url, strict JSON, JOSE header, JWK/JWKS, signatures, claim checks, the
        // verifier. No I/O.
        .target(name: "IDTokenKit", dependencies: ["COpenSSL"]),
        // HTTP/1.1 over OpenSSL TLS: the fetch policy (https, redirects, size cap, timeout), proxies.
        .target(name: "OpenSSLHTTPClient", dependencies: ["COpenSSL"]),
        // Where keys come from: an issuer's discovery document and JWKS, fetched and cached.
        .target(name: "IssuerKeys", dependencies: ["IDTokenKit", "OpenSSLHTTPClient"]),
        // The same fetch policy over the AsyncHTTPClient a server already runs.
        .target(
            name: "IssuerKeysAsyncHTTPClient",
            dependencies: [
                "IssuerKeys", "OpenSSLHTTPClient", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // Hummingbird middleware: Bearer token in, verified claims in the request context; a verified-token cache.
        .target(
            name: "IDTokenHummingbird",
            dependencies: ["IDTokenKit", .product(name: "Hummingbird", package: "hummingbird")]),
        // For adopters' tests: an issuer that signs tokens (good ones and the usual bad ones) with keys in memory.
        .target(
            name: "IDTokenTesting",
            dependencies: ["IDTokenKit", .product(name: "HTTPTypes", package: "swift-http-types")]),
        // jwt-inspect's reading of what a user pasted (a token, `Bearer …`, a redirect URL, the demo's JSON).
        .target(name: "PastedInput", dependencies: ["IDTokenKit", "OpenSSLHTTPClient"]),
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
        // What a server on 127.0.0.1 trusts from a browser: Host names this machine, URLs read as browsers read them.
        .target(name: "LoopbackServing", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
        .target(
            name: "LocalOpenIDProvider",
            dependencies: [
                "IDTokenKit",
                "LoopbackServing",
                "OpenSSLHTTPClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "SiteServe",
            dependencies: [
                "SiteKit",
                "LoopbackServing",
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
                "PastedInput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "TestSupport", dependencies: ["IDTokenKit"], path: "Tests/TestSupport", exclude: ["Fixtures"]),
        // libFuzzer harnesses (`make fuzz`); without -DFUZZING the binary replays inputs instead.
        .target(name: "CLibFuzzer", path: "Tests/Fuzz/CLibFuzzer"),
        .target(name: "FuzzDriver", dependencies: ["CLibFuzzer"], path: "Tests/Fuzz/Driver"),
        .executableTarget(
            name: "id-token-fuzz",
            dependencies: ["IDTokenKit", "IssuerKeys", "OpenSSLHTTPClient", "PastedInput", "FuzzDriver"],
            path: "Tests/Fuzz/Harnesses"),
        .executableTarget(
            name: "site-fuzz", dependencies: ["SiteKit", "LoopbackServing", "FuzzDriver"], path: "Tests/Fuzz/SiteHarnesses"),
        // `make bench-markdown`: the pathological pages at a size and ten times it, against cmark-gfm.
        .executableTarget(
            name: "markdown-pathological", dependencies: ["SiteKit", "TestSupport"], path: "Tests/PathologicalBench"),
        // Many concurrent verifications in a process of their own (IssuerKeysTests runs it).
        .executableTarget(
            name: "remote-keys-load", dependencies: ["IDTokenKit", "IssuerKeys", "OpenSSLHTTPClient"],
            path: "Tests/RemoteKeysLoad"),
        .testTarget(
            name: "SiteKitTests",
            dependencies: ["SiteKit", "CCmark", "TestSupport", .product(name: "Mustache", package: "swift-mustache")]),
        .testTarget(
            name: "IDTokenKitTests", dependencies: ["IDTokenKit", "IDTokenTesting", "COpenSSL", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "LoopbackServingTests", dependencies: ["LoopbackServing", "TestSupport"]),
        .testTarget(name: "OpenSSLHTTPClientTests", dependencies: ["OpenSSLHTTPClient", "TestSupport"]),
        .testTarget(
            name: "IssuerKeysTests",
            dependencies: [
                "IssuerKeys", "IssuerKeysAsyncHTTPClient", "IDTokenKit", "IDTokenTesting", "OpenSSLHTTPClient",
                "TestSupport", "remote-keys-load",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .testTarget(
            name: "IDTokenHummingbirdTests",
            dependencies: [
                "IDTokenHummingbird", "IDTokenKit", "IDTokenTesting", "IssuerKeys", "ExampleAPI", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "build-site", "jwt-inspect", "IDTokenKit", "IssuerKeys", "OpenSSLHTTPClient", "PastedInput",
                "SiteKit", "TestSupport", .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
