// swift-tools-version: 6.2
// Benchmarks that need peers or tools outside the project: in-process verification against vapor/jwt-kit
// (bench/jwt-inprocess.sh), and the example API under wrk (bench/api-wrk.sh). A package of its own so that
// jwt-kit (and swift-crypto under it) is a benchmark-only dependency, never part of the project's build. The
// scripts link the project here as .deps/passwordless-site.
import PackageDescription

let package = Package(
    name: "inprocess-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".deps/passwordless-site"),
        .package(url: "https://github.com/vapor/jwt-kit", exact: "5.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "verify-bench",
            dependencies: [
                .product(name: "IDTokenKit", package: "passwordless-site"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]),
        // The tutorial's example API, copied in by bench/inprocess-setup.sh (under a name of its own: the project's
        // target of that name is in the same package graph).
        .target(
            name: "BenchedExampleAPI",
            dependencies: [
                .product(name: "IDTokenKit", package: "passwordless-site"),
                .product(name: "IssuerKeys", package: "passwordless-site"),
                .product(name: "IDTokenHummingbird", package: "passwordless-site"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Sources/ExampleAPI"),
        // The example API under load (bench/api-wrk.sh): with the token cache, without it, and the same route open.
        .executableTarget(
            name: "api-bench-server",
            dependencies: [
                "BenchedExampleAPI",
                .product(name: "IDTokenKit", package: "passwordless-site"),
                .product(name: "IssuerKeys", package: "passwordless-site"),
                .product(name: "IDTokenHummingbird", package: "passwordless-site"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),
    ]
)
