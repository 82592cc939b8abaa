/// The ASCII character a non-ASCII one stands for when someone retypes a URI with a Japanese IME:
/// full-width ＡＢＣ／：, the long-vowel mark ー or a Unicode dash for "-", 。 for ".". Used by the
/// registration check `uri-nonascii` and by the sheet's value cleaning alike.
enum ASCIILookalike {
    static func ascii(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0).map { String(Character($0)) }
        case 0x2010...0x2015, 0x2212, 0x30FC, 0xFF70, 0x2043, 0xFE63: return "-"
        case 0x3002, 0xFF61: return "."
        case 0x2044, 0x2215: return "/"
        default: return nil
        }
    }
}
