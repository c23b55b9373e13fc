using AspNetFtp.Protocol.Commands;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Protocol.Tests.Commands;

/// <summary>The one table that FEAT, HELP and the pre-handler checks read.</summary>
public sealed class CommandTableTests
{
    private static readonly IReadOnlyList<FtpCommand> Commands = [.. CommandTable.Default.All];

    [Fact]
    public void Every_verb_is_upper_case_and_has_help() =>
        Assert.All(Commands, c =>
        {
            Assert.Equal(c.Verb.ToUpperInvariant(), c.Verb);
            Assert.False(string.IsNullOrWhiteSpace(c.Help));
        });

    [Theory]
    [InlineData("USER")]
    [InlineData("PASS")]
    [InlineData("QUIT")]
    [InlineData("FEAT")]
    [InlineData("AUTH")]
    [InlineData("SYST")]
    [InlineData("NOOP")]
    [InlineData("HELP")]
    public void Commands_needed_before_login_do_not_need_a_login(string verb)
    {
        Assert.True(CommandTable.Default.TryGet(verb, out FtpCommand? command));
        Assert.False(command.NeedsLogin);
    }

    [Theory]
    [InlineData("RETR", FtpPermissions.Read)]
    [InlineData("STOR", FtpPermissions.Write)]
    [InlineData("STOU", FtpPermissions.Write)]
    [InlineData("APPE", FtpPermissions.Append)]
    [InlineData("DELE", FtpPermissions.Delete)]
    [InlineData("RMD", FtpPermissions.Delete)]
    [InlineData("MKD", FtpPermissions.MakeDirectory)]
    [InlineData("RNFR", FtpPermissions.Rename)]
    [InlineData("RNTO", FtpPermissions.Rename)]
    [InlineData("CWD", FtpPermissions.ChangeDirectory)]
    [InlineData("CDUP", FtpPermissions.ChangeDirectory)]
    [InlineData("LIST", FtpPermissions.List)]
    [InlineData("MLSD", FtpPermissions.List)]
    [InlineData("MFMT", FtpPermissions.ChangeTime)]
    public void Each_guarded_command_names_its_permission_letter(string verb, FtpPermissions expected)
    {
        Assert.True(CommandTable.Default.TryGet(verb, out FtpCommand? command));
        Assert.Equal(expected, command.Permission);
    }

    [Theory]
    [InlineData("NOOP")]
    [InlineData("ABOR")]
    [InlineData("STAT")]
    public void Commands_answered_during_a_transfer_are_marked_so(string verb)
    {
        Assert.True(CommandTable.Default.TryGet(verb, out FtpCommand? command));
        Assert.True(command.AllowedDuringTransfer);
    }

    [Fact]
    public void Only_quit_and_the_informational_commands_are_allowed_before_tls() =>
        Assert.Equal(["AUTH", "CLNT", "FEAT", "HELP", "NOOP", "OPTS", "QUIT", "SYST"],
            Commands.Where(c => c.AllowedBeforeTls).Select(c => c.Verb));
}
