using System.Diagnostics;
using System.Security.Cryptography;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace AspNetFtp.Identity.Tests.EndToEnd;

/// <summary>Stops the PostgreSQL server, so it runs alone, after every parallel test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresOutageCollection
{
    public const string Name = "PostgreSQL outage";
}

/// <summary>
/// The fault test: PostgreSQL stops while a session downloads and another logs in. The download completes
/// intact, the login gets 421, and once PostgreSQL is back the next login succeeds without a host restart.
/// </summary>
[Collection(PostgresOutageCollection.Name)]
[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgresOutageTests(PostgreSqlHostFixture fixture, ITestOutputHelper output) : IClassFixture<PostgreSqlHostFixture>
{
    private const int FileSize = 200 * 1024 * 1024;
    private const double BytesPerSecond = 25 * 1024 * 1024;

    [ProviderFact(NeedsPgCtl = true)]
    public async Task A_running_transfer_survives_a_database_outage_logins_get_421_and_recover_without_restart()
    {
        SeededAccount downloader = await fixture.Services.SeedAsync();
        SeededAccount latecomer = await fixture.Services.SeedAsync();
        string home = Directory.CreateDirectory(Path.Combine(fixture.RootDirectory, downloader.UserName)).FullName;
        byte[] expectedHash = await WriteLargeFileAsync(Path.Combine(home, "big.bin"));

        await using HostProcess host = await HostProcess.StartAsync(HostProcess.Environment(fixture.HostEnvironment()), fixture.Directory);
        bool stopped = false;
        try
        {
            await using RawFtpClient session = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port);
            Assert.Equal(230, (await session.AttemptLoginAsync(downloader.UserName, downloader.Password)).Code);
            Assert.Equal(200, (await session.CommandAsync("TYPE I")).Code);
            using var data = await session.OpenPassiveDataAsync();
            Assert.Equal(150, (await session.CommandAsync("RETR big.bin")).Code);
            var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task<(long Bytes, byte[] Hash)> download = ReadSlowlyAsync(data.GetStream(), FileSize / 10, received);

            await received.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var clock = Stopwatch.StartNew();
            stopped = true;
            ProcessResult stop = await PgCtlAsync("stop", "-m", "fast");
            Assert.True(stop.Succeeded, stop.ToString());
            output.WriteLine($"PostgreSQL stopped after {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.False(download.IsCompleted, "the download finished before PostgreSQL stopped; the test proves nothing");

            await using (RawFtpClient login = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port))
            {
                clock.Restart();
                FtpReply reply = await login.AttemptLoginAsync(latecomer.UserName, latecomer.Password, TimeSpan.FromSeconds(90));
                output.WriteLine($"login during the outage: {reply} after {clock.Elapsed.TotalSeconds:0.0} s");
                Assert.True(reply.Code == 421, reply.Text);
            }

            (long bytes, byte[] hash) = await download.WaitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal(FileSize, bytes);
            Assert.Equal(expectedHash, hash);
            FtpReply done = await session.ReadReplyAsync(TimeSpan.FromSeconds(30));
            Assert.True(done.Code == 226, done.Text);

            await StartPostgresAsync();
            stopped = false;
            await using (RawFtpClient login = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port))
            {
                clock.Restart();
                FtpReply reply = await login.AttemptLoginAsync(latecomer.UserName, latecomer.Password, TimeSpan.FromSeconds(90));
                output.WriteLine($"first login after the restart: {reply} after {clock.Elapsed.TotalSeconds:0.0} s");
                Assert.True(reply.Code == 230, reply.Text);
            }

            Assert.False(host.HasExited());
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }
        finally
        {
            if (stopped)
            {
                await StartPostgresAsync();
            }
        }
    }

    private static async Task<ProcessResult> PgCtlAsync(params string[] action)
    {
        string[] command = TestEnvironment.PgCtl!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return await ProcessRunner.RunAsync(command[0], [.. command[1..], .. action], timeout: TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts PostgreSQL and waits (bounded) until it accepts connections.</summary>
    private async Task StartPostgresAsync()
    {
        ProcessResult start = await PgCtlAsync("start");
        output.WriteLine(start.ToString());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(TestEnvironment.PostgresServer + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<byte[]> WriteLargeFileAsync(string path)
    {
        var random = new Random(20261126);
        byte[] block = new byte[1024 * 1024];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20, useAsync: true);
        for (int written = 0; written < FileSize; written += block.Length)
        {
            random.NextBytes(block);
            hash.AppendData(block);
            await file.WriteAsync(block);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Reads at about <see cref="BytesPerSecond"/>, signalling once <paramref name="signalAfter"/> bytes have arrived.</summary>
    private static async Task<(long Bytes, byte[] Hash)> ReadSlowlyAsync(Stream stream, long signalAfter, TaskCompletionSource received)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        var clock = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        int read;
        while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
            if (total >= signalAfter)
            {
                received.TrySetResult();
            }

            TimeSpan due = TimeSpan.FromSeconds(total / BytesPerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cts.Token);
            }
        }

        received.TrySetResult();
        return (total, hash.GetHashAndReset());
    }
}
