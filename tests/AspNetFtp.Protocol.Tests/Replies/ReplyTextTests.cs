using AspNetFtp.Protocol.Replies;

namespace AspNetFtp.Protocol.Tests.Replies;

public sealed class ReplyTextTests
{
    [Fact]
    public void Cr_lf_nul_and_every_other_control_character_become_question_marks() =>
        Assert.Equal("a??b?c?[0m?", ReplyText.Sanitize("a\r\nb\0c\u001b[0m\u0085"));

    [Fact]
    public void An_injected_reply_cannot_start_a_new_line() =>
        Assert.DoesNotContain('\n', ReplyText.Sanitize("file\r\n230 Login successful."));

    [Fact]
    public void Clean_text_is_returned_unchanged()
    {
        const string text = "Directory changed to /a b.";
        Assert.Same(text, ReplyText.Sanitize(text));
    }

    [Fact]
    public void A_257_path_is_wrapped_in_double_quotes() =>
        Assert.Equal("\"/a/b\"", ReplyText.QuotePath("/a/b"));

    [Fact]
    public void A_double_quote_inside_a_257_path_is_doubled() =>
        Assert.Equal("\"/say \"\"hi\"\"\"", ReplyText.QuotePath("/say \"hi\""));

    [Fact]
    public void Truncate_keeps_short_text_and_cuts_long_text_with_an_ellipsis()
    {
        Assert.Equal("abc", ReplyText.Truncate("abc", 3));
        Assert.Equal("abc...", ReplyText.Truncate("abcdef", 3));
    }
}
