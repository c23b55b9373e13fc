using AspNetFtp.Protocol.Replies;

namespace AspNetFtp.Protocol.Tests.Replies;

public sealed class ControlCharactersTests
{
    [Fact]
    public void Every_c0_control_del_and_c1_control_becomes_a_question_mark()
    {
        string controls = string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c));

        Assert.Equal(new string('?', 65), ControlCharacters.Mask(controls));
    }

    [Fact]
    public void Printable_text_including_non_ascii_letters_is_kept_as_the_same_instance()
    {
        const string text = "Größe 日本 ~ \u00A0 done";

        Assert.Same(text, ControlCharacters.Mask(text));
    }

    [Fact]
    public void A_forged_listing_line_and_a_terminal_escape_are_masked_in_place() =>
        Assert.Equal("evil??-rw-r--r-- forged ?[31mred", ControlCharacters.Mask("evil\r\n-rw-r--r-- forged \u001b[31mred"));

    [Fact]
    public void A_right_to_left_override_that_disguises_a_name_is_masked() =>
        Assert.Equal("invoice?gpj.exe", ControlCharacters.Mask("invoice\u202Egpj.exe"));

    [Fact]
    public void Every_bidirectional_control_and_the_unicode_line_separators_become_question_marks()
    {
        const string controls = "\u061C\u200E\u200F\u2028\u2029\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";

        Assert.Equal(new string('?', controls.Length), ControlCharacters.Mask(controls));
    }

    [Fact]
    public void A_zero_width_joiner_inside_an_emoji_name_is_kept() =>
        Assert.Equal("family-\U0001F468\u200D\U0001F469.jpg", ControlCharacters.Mask("family-\U0001F468\u200D\U0001F469.jpg"));
}
