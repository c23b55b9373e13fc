using System.Buffers;
using System.Text;
using AspNetFtp.Protocol.Session;
using CsCheck;

namespace AspNetFtp.Protocol.Tests.Fuzzing;

/// <summary>The control channel's line decoding and verb/argument split, fed random bytes and hostile text.</summary>
public sealed class CommandLineFuzzTests
{
    [Fact]
    public void Decoding_any_bytes_never_throws_and_a_line_never_holds_a_NUL() =>
        FuzzRun.Sample("command-line decoder (random bytes)", FuzzGen.HostileBytes, bytes =>
        {
            (LineOutcome outcome, string? line) = ControlLineDecoder.Decode(new ReadOnlySequence<byte>(bytes));
            bool endsWithCr = bytes.Length > 0 && bytes[^1] == (byte)'\r';
            Assert.Equal(endsWithCr, outcome is LineOutcome.Line or LineOutcome.ContainsNul);
            if (outcome == LineOutcome.Line)
            {
                Assert.DoesNotContain('\0', line!);
            }
            else
            {
                Assert.Null(line);
            }
        });

    [Fact]
    public void A_text_line_that_starts_with_an_ASCII_letter_decodes_back_to_itself() =>
        FuzzRun.Sample(
            "command-line decoder (round trip)",
            Gen.Select(Gen.Char['A', 'z'], Gen.String[Gen.Char.Where(c => c != '\0' && !char.IsSurrogate(c)), 0, 80]),
            t =>
            {
                string text = t.Item1 + t.Item2;
                byte[] bytes = [.. Encoding.UTF8.GetBytes(text), (byte)'\r'];
                (LineOutcome outcome, string? line) = ControlLineDecoder.Decode(new ReadOnlySequence<byte>(bytes));
                Assert.Equal(LineOutcome.Line, outcome);
                Assert.Equal(text, line);
            });

    [Fact]
    public void Splitting_any_line_gives_a_verb_without_spaces_and_the_argument_as_sent() =>
        FuzzRun.Sample("command-line split", FuzzGen.HostileText, line =>
        {
            (string verb, string argument) = CommandLine.Split(line);
            Assert.DoesNotContain(' ', verb);
            bool hasSpace = line.Contains(' ', StringComparison.Ordinal);
            Assert.Equal(line.Length, verb.Length + (hasSpace ? 1 + argument.Length : 0));
            Assert.Equal(line[..verb.Length].ToUpperInvariant(), verb);
            Assert.EndsWith(argument, line, StringComparison.Ordinal);
            Assert.True(hasSpace || argument.Length == 0);
        });
}
