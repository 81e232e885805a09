// swift-tools-version:6.1
import PackageDescription

// The house, by folder:
//   Autograd     the engine (tensors, ops with their backward, modules, optimizers, instruments)
//   Figures      plain-value figures a lesson cell can show (charts, graphs), shared by all stages
//   Conformance  replays PyTorch reference traces in the engine
//   LessonKit    parse → plan → execute → verify, for Markdown lessons
//   SiteKit      render verified lessons into a static site
//   freezelab    the thin command-line front, one file per command
let package = Package(
    name: "FreezeLab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "freezelab", targets: ["freezelab"]),
        // Lesson programs are compiled by `swiftc` and linked against this library.
        .library(name: "Autograd", type: .dynamic, targets: ["Autograd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        // Reads the engine's symbol graph for the site's API reference.
        .package(url: "https://github.com/swiftlang/swift-docc-symbolkit", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),

        .target(name: "Figures"),
        .target(name: "Autograd", dependencies: ["Figures", "CBLAS"]),
        .target(name: "Conformance", dependencies: ["Autograd"]),
        .target(name: "LessonKit", dependencies: ["CCmark", "Figures"],
                // The Python half of the cell protocol, a real script compiled into the library.
                resources: [.embedInCode("Execution/Python/freezelab_cells.py")]),
        .target(name: "SiteKit", dependencies: ["LessonKit", "Figures", "CCmark",
                                                .product(name: "SymbolKit", package: "swift-docc-symbolkit")],
                // The front-end stays real files, compiled in so a build needs no bundle.
                resources: [.embedInCode("Theme/Assets/style.css"), .embedInCode("Theme/Assets/site.js"), .embedInCode("Theme/Assets/theme.js"),
                            .embedInCode("Theme/Assets/search.js"), .embedInCode("Theme/Assets/lunr.min.js"),
                            .embedInCode("Theme/Assets/page.html")]),
        // `serve`'s web server: static files from memory or a folder, and live reload.
        .target(name: "SiteServer", dependencies: [.product(name: "FlyingSocks", package: "FlyingFox")],
                resources: [.embedInCode("Assets/live-reload.js")]),
        .executableTarget(name: "freezelab", dependencies: [
            "Autograd", "Conformance", "LessonKit", "SiteKit", "SiteServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "FiguresTests", dependencies: ["Figures"]),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd", "Conformance"],
                    resources: [.copy("Traces"), .copy("RecordedTraces"), .copy("ParityTraces")]),
        .testTarget(name: "LessonKitTests", dependencies: ["LessonKit", "SiteKit"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SiteKitTests", dependencies: ["SiteKit", "LessonKit", "SiteServer"]),
    ]
)
