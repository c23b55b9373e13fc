using System.Text;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// Security issue 6: a name made on disk by another program may hold CR, LF or ESC. No listing may split it
/// into two entries or pass a terminal escape on: every control character is shown as <c>?</c>.
/// </summary>
public sealed class ControlCharacterListingDialogueTests
{
    private const string ForgedName = "evil\r\n-rw-r--r-- 1 ftp ftp 0 Jan 1 00:00 forged";
    private const string MaskedForgedName = "evil??-rw-r--r-- 1 ftp ftp 0 Jan 1 00:00 forged";
    private const string EscapeName = "esc\u001b[31mred\u0085.txt";
    private const string MaskedEscapeName = "esc?[31mred?.txt";
    private static readonly DateTime Modified = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static async Task<TestFtpServer> StartWithAsync(string directory, string name)
    {
        TestFtpServer server = await TestFtpServer.StartAsync();
        string path = server.Home.WriteFile(Path.Combine(directory, name), "x");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetLastWriteTimeUtc(path, Modified);
        return server;
    }

    private static string[] Lines(byte[] listing)
    {
        string text = Encoding.UTF8.GetString(listing);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return text[..^2].Split("\r\n");
    }

    [Fact]
    public async Task List_shows_a_name_with_cr_lf_as_one_line_with_question_marks()
    {
        await using TestFtpServer server = await StartWithAsync("d", ForgedName);
        await using RawFtpClient client = await server.LoginAsync();

        string[] lines = Lines(await client.DownloadAsync("LIST d"));

        Assert.Equal(new[] { "-rw-r--r--   1 ftp      ftp                  1 Jan  2  2020 " + MaskedForgedName }, lines);
    }

    [Fact]
    public async Task Nlst_shows_a_name_with_cr_lf_as_one_line_with_question_marks()
    {
        await using TestFtpServer server = await StartWithAsync("d", ForgedName);
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(new[] { MaskedForgedName }, Lines(await client.DownloadAsync("NLST d")));
    }

    [Fact]
    public async Task Mlsd_shows_a_name_with_cr_lf_as_one_line_with_question_marks()
    {
        await using TestFtpServer server = await StartWithAsync("d", ForgedName);
        await using RawFtpClient client = await server.LoginAsync();

        string line = Assert.Single(Lines(await client.DownloadAsync("MLSD d")));

        Assert.StartsWith("type=file;size=1;modify=20200102030405;perm=adfrw;", line, StringComparison.Ordinal);
        Assert.EndsWith("; " + MaskedForgedName, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stat_of_a_directory_shows_a_name_with_cr_lf_as_one_line_with_question_marks()
    {
        await using TestFtpServer server = await StartWithAsync("d", ForgedName);
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("STAT d");

        Assert.Equal(213, reply.Code);
        Assert.Equal(
            ["213-Status of /d:", "-rw-r--r--   1 ftp      ftp                  1 Jan  2  2020 " + MaskedForgedName, "213 End of status."],
            reply.Lines);
    }

    [Fact]
    public async Task List_and_nlst_show_a_terminal_escape_in_a_name_as_question_marks()
    {
        await using TestFtpServer server = await StartWithAsync("d", EscapeName);
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(new[] { "-rw-r--r--   1 ftp      ftp                  1 Jan  2  2020 " + MaskedEscapeName }, Lines(await client.DownloadAsync("LIST d")));
        Assert.Equal(new[] { MaskedEscapeName }, Lines(await client.DownloadAsync("NLST d")));
    }

    [Fact]
    public async Task Mlst_of_a_path_with_a_terminal_escape_answers_with_question_marks()
    {
        await using TestFtpServer server = await StartWithAsync("d", EscapeName);
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("MLST d/" + EscapeName);

        Assert.Equal(250, reply.Code);
        Assert.Equal(3, reply.Lines.Count);
        Assert.Equal("250-Listing /d/" + MaskedEscapeName, reply.Lines[0]);
        Assert.StartsWith(" type=file;size=1;modify=20200102030405;perm=adfrw;", reply.Lines[1], StringComparison.Ordinal);
        Assert.EndsWith("; /d/" + MaskedEscapeName, reply.Lines[1], StringComparison.Ordinal);
        Assert.Equal("250 End.", reply.Lines[2]);
    }
}
