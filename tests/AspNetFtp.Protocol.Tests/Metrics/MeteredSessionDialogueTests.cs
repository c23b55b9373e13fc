using System.Text;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Metrics;

/// <summary>The engine counts into the AspNetFtp meter itself: the counts after one scripted session.</summary>
public sealed class MeteredSessionDialogueTests
{
    private static double Sum(MetricRecorder recorder, string instrument, params (string Key, string Value)[] tags) =>
        recorder.Of(instrument)
            .Where(m => tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value)))
            .Sum(m => m.Value);

    [Fact]
    public async Task A_scripted_session_is_counted_connection_logins_bytes_and_transfers_by_direction_and_result()
    {
        using var recorder = new MetricRecorder();
        await using (TestFtpServer server = await TestFtpServer.StartAsync(metrics: recorder.Metrics))
        {
            server.Home.WriteFile("down.txt", "0123456789");
            await using RawFtpClient client = await server.ConnectAsync();
            Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
            Assert.Equal(530, (await client.CommandAsync("PASS wrong")).Code);
            Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
            Assert.Equal(230, (await client.CommandAsync("PASS " + TestAuthenticator.Password)).Code);
            Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
            await client.UploadAsync("STOR up.txt", Encoding.ASCII.GetBytes("abcdefghijklmnopqrst"));
            Assert.Equal("0123456789", Encoding.ASCII.GetString(await client.DownloadAsync("RETR down.txt")));
            Assert.Equal(550, (await client.CommandAsync("RETR missing.txt")).Code);
            Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
            Assert.True(await client.IsClosedByServerAsync());
        }

        Assert.Equal(1, Sum(recorder, "ftp.connections.accepted"));
        Assert.Equal(0, Sum(recorder, "ftp.connections.refused"));
        Assert.Equal(1, Sum(recorder, "ftp.logins", ("result", "failed")));
        Assert.Equal(1, Sum(recorder, "ftp.logins", ("result", "succeeded")));
        Assert.Equal(20, Sum(recorder, "ftp.bytes.received"));
        Assert.Equal(10, Sum(recorder, "ftp.bytes.sent"));
        Assert.Equal(1, Sum(recorder, "ftp.transfers", ("direction", FtpMetrics.Upload), ("result", FtpMetrics.Complete)));
        Assert.Equal(1, Sum(recorder, "ftp.transfers", ("direction", FtpMetrics.Download), ("result", FtpMetrics.Complete)));
        Assert.Equal(2, Sum(recorder, "ftp.transfers"));
        Assert.Equal(2, recorder.Of("ftp.transfer.duration").Count);
        Assert.Equal([1.0, -1.0], recorder.Of("ftp.sessions.active").Select(m => m.Value));
    }

    [Fact]
    public async Task A_connection_over_the_limit_is_counted_as_refused_with_its_reason()
    {
        using var recorder = new MetricRecorder();
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxConnections = 1, metrics: recorder.Metrics);
        await using RawFtpClient first = await server.ConnectAsync();

        await using RawFtpClient second = await RawFtpClient.ConnectAsync(server.EndPoint);
        Assert.Equal(421, (await second.ReadReplyAsync()).Code);

        Assert.Equal(1, Sum(recorder, "ftp.connections.refused", ("reason", FtpMetrics.TooManyConnections)));
        Assert.Equal(1, Sum(recorder, "ftp.connections.accepted"));
    }
}
