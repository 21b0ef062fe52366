import Foundation

/// The roster's OS family names ("linux", "macos", …) from what a host says.
public enum OSName {
    /// The OS family for `uname -s` output from a host: "macos" for Darwin, else the sysname lowercased; nil unless
    /// the answer is one plain word (letters, digits, '_' or '-', at most 32), since it is stored and shown.
    public static func fromUname(_ text: String) -> String? {
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...32).contains(word.unicodeScalars.count),
            word.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
        else { return nil }
        return word == "Darwin" ? "macos" : word.lowercased()
    }
}
