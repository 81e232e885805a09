/// The site's front-end, kept as real files in `Theme/Assets/` — `style.css`, `site.js` and the
/// page skeleton `page.html` — so they can be read, diffed and linted as what they are, and
/// compiled into the library (SwiftPM `embedInCode`) so a build needs no resource bundle.
enum Theme {
    /// `style.css`: the site's only stylesheet. Colours are CSS variables with a light and a dark
    /// set; charts and graphs use the same variables, so figures follow the theme.
    static let css = String(decoding: PackageResources.style_css, as: UTF8.self)

    /// `site.js`: the page's behaviour, plain JavaScript with no dependencies (copy buttons,
    /// tabs, predictions, the theme choice, the narrow-screen menu). Every page works without it,
    /// except copying and the choices it offers.
    static let javaScript = String(decoding: PackageResources.site_js, as: UTF8.self)

    /// `theme.js`: the only script a page runs before it is drawn, a few lines that apply the
    /// reader's stored light or dark choice (no flash of the other theme).
    static let themeScript = String(decoding: PackageResources.theme_js, as: UTF8.self)

    /// `search.js`: search over `search-index.js`, with lunr.
    static let searchScript = String(decoding: PackageResources.search_js, as: UTF8.self)

    /// `lunr.js`: lunr 2.3.9 (MIT, Oliver Nightingale; the build Debian ships as `libjs-lunr`),
    /// kept in the package so every machine writes the same site byte for byte.
    static let lunr = String(decoding: PackageResources.lunr_min_js, as: UTF8.self)

    /// The frame every page shares, with `{{title}}`, `{{description}}`, `{{brand}}`,
    /// `{{sidebar}}` and `{{main}}` to fill.
    static let page = Template(String(decoding: PackageResources.page_html, as: UTF8.self))
}

/// A text with `{{name}}` slots, split once and filled many times.
struct Template: Sendable {
    /// The text between slots and the slot names, alternating: text, name, text, …, text.
    private let pieces: [String]

    init(_ text: String) {
        var pieces: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            pieces.append(String(rest[..<open.lowerBound]))
            pieces.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        pieces.append(String(rest))
        self.pieces = pieces
    }

    /// The slot names, in order.
    var slots: [String] { stride(from: 1, to: pieces.count, by: 2).map { pieces[$0] } }

    /// The text with every slot filled from `values`; a slot without a value is a programming
    /// error (the template and its caller disagree).
    func render(_ values: [String: String]) -> String {
        var out = ""
        for (offset, piece) in pieces.enumerated() {
            if offset % 2 == 0 {
                out += piece
            } else {
                guard let value = values[piece] else { preconditionFailure("no value for the template slot {{\(piece)}}") }
                out += value
            }
        }
        return out
    }
}
