using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Limits;

/// <summary><c>FtpUser.UploadMode</c> (the group's) wins over <c>FtpServer:UploadMode</c> for that user's sessions; null keeps the server's.</summary>
public sealed class PerUserUploadModeTests
{
    private const string Old = "the old, good content of the file";
    private static readonly byte[] FirstPart = Encoding.ASCII.GetBytes("first 20 bytes here.");

    [Theory]
    [InlineData(FtpUploadMode.Atomic, FtpUploadMode.Standard, "first 20 bytes here.")]
    [InlineData(FtpUploadMode.Standard, FtpUploadMode.Atomic, Old)]
    [InlineData(FtpUploadMode.Standard, null, "first 20 bytes here.")]
    public async Task An_aborted_stor_leaves_what_the_users_own_upload_mode_says(FtpUploadMode server, FtpUploadMode? user, string left)
    {
        await using TestFtpServer ftp = await TestFtpServer.StartAsync(configure: o => o.UploadMode = server);
        ftp.Authenticator.Change(TestAuthenticator.UserName, u => u with { UploadMode = user });
        ftp.Home.WriteFile("f.txt", Old);
        await using RawFtpClient client = await ftp.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        using Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("STOR f.txt")).Code);
        await data.SendAsync(FirstPart, SocketFlags.None);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (!ftp.Server.Sessions.List().Any(s => s.Transfer is { } t && t.Bytes == FirstPart.Length))
            {
                await Task.Delay(20, deadline.Token);
            }
        }

        await client.SendAsync("ABOR");
        Assert.Equal(426, (await client.ReadReplyAsync()).Code);
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);

        Assert.Equal(left, File.ReadAllText(ftp.Home["f.txt"]));
    }
}
