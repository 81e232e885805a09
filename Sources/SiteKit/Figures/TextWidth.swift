/// Estimated widths of sans-serif text, for laying out chart legends and axis labels without
/// a font engine.
///
/// The widths are DejaVu Sans's advance widths (in em), the widest of the usual system sans
/// fonts, so text set in Segoe UI, Roboto, SF or Liberation Sans comes out narrower than the
/// estimate and never runs into what follows it. Pure arithmetic: the same text gives the
/// same width on every machine.
enum TextWidth {
    /// The advance width of `text` at `fontSize` (px).
    static func estimate(_ text: String, fontSize: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + em($1) } * fontSize
    }

    /// Advance widths of printable ASCII, from space (0x20) to `~` (0x7E), in em.
    static let ascii: [Double] = [
        0.318, 0.401, 0.460, 0.838, 0.636, 0.950, 0.780, 0.275,  //   ! " # $ % & '
        0.390, 0.390, 0.500, 0.838, 0.318, 0.361, 0.318, 0.337,  // ( ) * + , - . /
        0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636,  // 0 … 7
        0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531,  // 8 9 : ; < = > ?
        1.000, 0.684, 0.686, 0.698, 0.770, 0.632, 0.575, 0.775,  // @ A … G
        0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787,  // H … O
        0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989,  // P … W
        0.685, 0.611, 0.685, 0.390, 0.337, 0.390, 0.838, 0.500,  // X Y Z [ \ ] ^ _
        0.500, 0.613, 0.635, 0.550, 0.635, 0.615, 0.352, 0.635,  // ` a … g
        0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612,  // h … o
        0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818,  // p … w
        0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,         // x y z { | } ~
    ]

    /// One character's width in em; characters outside ASCII get a generous default.
    static func em(_ scalar: Unicode.Scalar) -> Double {
        let value = Int(scalar.value)
        if value >= 0x20 && value <= 0x7E { return ascii[value - 0x20] }
        switch scalar {
        case "\u{2070}"..."\u{209F}", "\u{00B2}", "\u{00B3}", "\u{00B9}": return 0.40  // super-, subscripts
        case "\u{2009}", "\u{200A}", "\u{202F}": return 0.20                             // thin spaces
        case "\u{2026}", "\u{2014}": return 1.00                                         // … —
        case "\u{2013}", "\u{2212}", "\u{2192}", "\u{2190}": return 0.84                 // – − → ←
        case "\u{0300}"..."\u{036F}", "\u{200B}"..."\u{200D}": return 0                  // combining, zero width
        default: return 0.75
        }
    }
}
