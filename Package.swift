// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "mgaudit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mgaudit", targets: ["mgaudit"]),
        // `mgaudit serve` runs it: the HTTP server's libraries load only for the desk.
        .executable(name: "mgaudit-serve", targets: ["mgaudit-serve"]),
        .library(name: "MGAuditCore", targets: ["MGAuditCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "MGAuditCore",
            dependencies: [
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "MGAuditServe",
            dependencies: [
                "MGAuditCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
                .product(name: "Plot", package: "Plot"),
            ]
        ),
        // The options and console the two executables share.
        .target(
            name: "MGAuditCLI",
            dependencies: [
                "MGAuditCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "mgaudit",
            dependencies: [
                "MGAuditCore",
                "MGAuditCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "mgaudit-serve",
            dependencies: [
                "MGAuditCore",
                "MGAuditCLI",
                "MGAuditServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "MGAuditTestSupport",
            path: "Tests/MGAuditTestSupport"
        ),
        .testTarget(
            name: "MGAuditCoreTests",
            dependencies: ["MGAuditCore", "MGAuditTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MGAuditEndToEndTests",
            dependencies: ["mgaudit", "mgaudit-serve", "MGAuditTestSupport"],
            // Golden reports are read from the source tree (GoldenFile uses #filePath), not the bundle.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "MGAuditServeTests",
            dependencies: ["MGAuditCore", "MGAuditServe", "MGAuditTestSupport"]
        ),
    ]
)
