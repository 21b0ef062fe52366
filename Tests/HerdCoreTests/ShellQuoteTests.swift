import HerdCore
import Testing

@Suite struct ShellQuoteTests {
    @Test(arguments: [
        ("plain", "plain"), ("", "''"), ("a b", "'a b'"), ("it's", "'it'\\''s'"), ("$HOME", "'$HOME'"),
        (";", "';'"), ("%s\\n", "'%s\\n'"), ("é", "'é'"), ("a\nb", "'a\nb'"),
    ])
    func quotes(_ word: String, _ quoted: String) {
        #expect(ShellQuote.quote(word) == quoted)
    }
}
