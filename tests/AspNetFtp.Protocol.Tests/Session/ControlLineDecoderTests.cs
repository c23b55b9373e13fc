using System.Buffers;
using System.Text;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Tests.Session;

public sealed class ControlLineDecoderTests
{
    private static (LineOutcome Outcome, string? Line) Decode(byte[] bytes) =>
        ControlLineDecoder.Decode(new ReadOnlySequence<byte>(bytes));

    private static (LineOutcome Outcome, string? Line) Decode(string text) => Decode(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_line_ending_in_cr_decodes_without_the_cr() =>
        Assert.Equal((LineOutcome.Line, "NOOP"), Decode("NOOP\r"));

    [Fact]
    public void A_line_without_a_cr_before_the_lf_is_a_bare_line_feed() =>
        Assert.Equal((LineOutcome.BareLineFeed, null), Decode("NOOP"));

    [Fact]
    public void An_empty_line_without_a_cr_is_a_bare_line_feed() =>
        Assert.Equal((LineOutcome.BareLineFeed, null), Decode(string.Empty));

    [Fact]
    public void A_lone_cr_is_an_empty_line() =>
        Assert.Equal((LineOutcome.Line, string.Empty), Decode("\r"));

    [Fact]
    public void A_nul_anywhere_in_the_line_is_refused() =>
        Assert.Equal((LineOutcome.ContainsNul, null), Decode("RETR a\0b\r"));

    [Fact]
    public void Telnet_interrupt_and_data_mark_before_abor_are_stripped()
    {
        byte[] line = [0xFF, 0xF4, 0xFF, 0xF2, .. "ABOR\r"u8];
        Assert.Equal((LineOutcome.Line, "ABOR"), Decode(line));
    }

    [Fact]
    public void A_data_mark_whose_iac_went_out_of_band_is_stripped_before_abor()
    {
        byte[] line = [0xF2, .. "ABOR\r"u8];
        Assert.Equal((LineOutcome.Line, "ABOR"), Decode(line));
    }

    [Fact]
    public void A_telnet_command_in_the_middle_of_a_line_is_removed()
    {
        byte[] line = [.. "NO"u8, 0xFF, 0xF1, .. "OP\r"u8];
        Assert.Equal((LineOutcome.Line, "NOOP"), Decode(line));
    }

    [Fact]
    public void Utf8_names_decode_as_text() =>
        Assert.Equal((LineOutcome.Line, "CWD café/日本"), Decode("CWD café/日本\r"));

    [Fact]
    public void Invalid_utf8_decodes_with_replacement_characters_instead_of_failing() =>
        Assert.Equal((LineOutcome.Line, "CWD a\uFFFDb"), Decode([.. "CWD a"u8, 0xC3, .. "b\r"u8]));

    [Fact]
    public void A_long_line_beyond_the_stack_buffer_decodes_whole()
    {
        string argument = new('x', 4000);
        Assert.Equal((LineOutcome.Line, "STOR " + argument), Decode("STOR " + argument + "\r"));
    }

    [Fact]
    public void A_line_split_across_buffer_segments_decodes_whole()
    {
        var first = new Segment("RETR fi"u8.ToArray());
        Segment last = first.Append("le.txt\r"u8.ToArray());
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        Assert.Equal((LineOutcome.Line, "RETR file.txt"), ControlLineDecoder.Decode(sequence));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
