using System.Text.Json;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>The defender in the real host, against Python's ftplib: a password guesser on 127.0.0.2 is banned, 127.0.0.1 is not.</summary>
public sealed class DefenderTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ftplib_guessing_passwords_from_127_0_0_2_is_refused_with_421_at_connect_after_the_fifth_guess_while_127_0_0_1_logs_in()
    {
        await using var server = await FtpTestServer.StartAsync(output, s =>
        {
            s.Environment["FtpServer__Defender__Enabled"] = "true";
            // One guess per connection: only the guesses count here, so the ban comes at exactly the fifth.
            s.Environment["FtpServer__Defender__ConnectionWithoutLoginWeight"] = "0";
        });

        ProcessResult result = await server.PythonAsync("""
            import ftplib, json, sys
            host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
            out = {'guesses': [], 'refused': None}
            for i in range(10):
                ftp = ftplib.FTP(timeout=15, source_address=('127.0.0.2', 0))
                try:
                    ftp.connect(host, port)
                except ftplib.error_temp as e:
                    out['refused'] = str(e)
                    break
                try:
                    ftp.login(user, 'guess%d' % i)
                except ftplib.error_perm as e:
                    out['guesses'].append(str(e)[:3])
                ftp.close()
            good = ftplib.FTP(timeout=15, source_address=('127.0.0.1', 0))
            good.connect(host, port)
            out['good'] = good.login(user, password)
            good.quit()
            print(json.dumps(out))
            """);

        string last = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        Assert.False(result.TimedOut, result.Describe());
        JsonElement json = JsonDocument.Parse(last).RootElement;
        Assert.Equal(["530", "530", "530", "530", "530"], json.GetProperty("guesses").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("421 Service not available: this address is banned.", json.GetProperty("refused").GetString());
        Assert.StartsWith("230", json.GetProperty("good").GetString(), StringComparison.Ordinal);
    }
}
