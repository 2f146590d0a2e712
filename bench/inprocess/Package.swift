// swift-tools-version: 6.2
// In-process verification throughput, IDTokenKit against vapor/jwt-kit, on one core. A package of its own so
// that jwt-kit (and swift-crypto under it) is a benchmark-only dependency, never part of the project's build.
// bench/jwt-inprocess.sh links the project here as .deps/passwordless-site and runs it.
import PackageDescription

let package = Package(
    name: "inprocess-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".deps/passwordless-site"),
        .package(url: "https://github.com/vapor/jwt-kit", exact: "5.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "verify-bench",
            dependencies: [
                .product(name: "IDTokenKit", package: "passwordless-site"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ])
    ]
)
