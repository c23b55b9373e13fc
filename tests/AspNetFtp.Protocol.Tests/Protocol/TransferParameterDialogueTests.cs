using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>TYPE, MODE, STRU, REST and ALLO (RFC 959 §4.1.2; RFC 3659 §5).</summary>
public sealed class TransferParameterDialogueTests
{
    private static async Task<int> ReplyCodeAsync(string command)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();
        return (await client.CommandAsync(command)).Code;
    }

    [Fact]
    public async Task Type_a_gets_200() => Assert.Equal(200, await ReplyCodeAsync("TYPE A"));

    [Fact]
    public async Task Type_a_n_gets_200() => Assert.Equal(200, await ReplyCodeAsync("TYPE A N"));

    [Fact]
    public async Task Type_i_gets_200() => Assert.Equal(200, await ReplyCodeAsync("TYPE I"));

    [Fact]
    public async Task Type_l_8_gets_200() => Assert.Equal(200, await ReplyCodeAsync("TYPE L 8"));

    [Fact]
    public async Task Type_e_is_not_implemented_for_that_parameter_504() => Assert.Equal(504, await ReplyCodeAsync("TYPE E"));

    [Fact]
    public async Task Type_x_is_a_syntax_error_501() => Assert.Equal(501, await ReplyCodeAsync("TYPE X"));

    [Fact]
    public async Task Type_without_an_argument_is_a_syntax_error_501() => Assert.Equal(501, await ReplyCodeAsync("TYPE"));

    [Fact]
    public async Task Mode_s_gets_200() => Assert.Equal(200, await ReplyCodeAsync("MODE S"));

    [Fact]
    public async Task Mode_b_is_not_implemented_for_that_parameter_504() => Assert.Equal(504, await ReplyCodeAsync("MODE B"));

    [Fact]
    public async Task Mode_q_is_a_syntax_error_501() => Assert.Equal(501, await ReplyCodeAsync("MODE Q"));

    [Fact]
    public async Task Stru_f_gets_200() => Assert.Equal(200, await ReplyCodeAsync("STRU F"));

    [Fact]
    public async Task Stru_r_is_not_implemented_for_that_parameter_504() => Assert.Equal(504, await ReplyCodeAsync("STRU R"));

    [Fact]
    public async Task Rest_with_a_number_gets_350() => Assert.Equal(350, await ReplyCodeAsync("REST 100"));

    [Fact]
    public async Task Rest_abc_gets_501() => Assert.Equal(501, await ReplyCodeAsync("REST abc"));

    [Fact]
    public async Task Rest_with_a_negative_offset_gets_501() => Assert.Equal(501, await ReplyCodeAsync("REST -5"));

    [Fact]
    public async Task Allo_is_accepted_with_202() => Assert.Equal(202, await ReplyCodeAsync("ALLO 1000"));

    [Fact]
    public async Task Pwd_with_an_argument_is_a_syntax_error_501() => Assert.Equal(501, await ReplyCodeAsync("PWD /etc"));
}
