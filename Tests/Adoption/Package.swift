// swift-tools-version: 6.0
// A server package of an adopter's, outside the project: it depends on the project by path, as an app depends on
// a released version, and sees only what the products make public. CI builds it and runs its route tests.
import PackageDescription

let package = Package(
    name: "adoption",
    platforms: [.macOS(.v15)],
    dependencies: [
        // A link to the project root, made by `make adoption`, gives the dependency the identity its repository name
        // would (a path dependency is known by its folder's name).
        .package(path: ".deps/passwordless-site"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .target(
            name: "App",
            dependencies: [
                .product(name: "IDTokenHummingbird", package: "passwordless-site"),
                .product(name: "IDTokenKit", package: "passwordless-site"),
                .product(name: "IssuerKeys", package: "passwordless-site"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                .product(name: "IDTokenTesting", package: "passwordless-site"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        // Every Swift sample of the README's server section and the DocC articles (scripts/extract-doc-snippets).
        .testTarget(
            name: "DocSnippets",
            dependencies: [
                "App",
                .product(name: "IDTokenHummingbird", package: "passwordless-site"),
                .product(name: "IDTokenKit", package: "passwordless-site"),
                .product(name: "IssuerKeys", package: "passwordless-site"),
                .product(name: "IDTokenTesting", package: "passwordless-site"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
