using System.Net;
using System.Net.Sockets;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>A start that fails after the FTP server published its first events prints the one clear error, and no exception.</summary>
public sealed class FailedStartOutputTests(ITestOutputHelper output)
{
    /// <summary>In this suite's port range (15000-15999), below the ephemeral range.</summary>
    private const int BusyAdminPort = 15080;

    [Fact]
    public async Task A_start_whose_admin_port_is_in_use_prints_the_bind_error_and_no_exception_from_the_audit_log()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, BusyAdminPort));
        occupant.Listen();
        string directory = TestRun.NewDirectory("busy-admin");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_NOLOGO"] = "1",
            ["FtpServer__Port"] = "0",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{BusyAdminPort}",
        };
        var (fileName, prefix, _) = RepoLayout.HostCommand;

        // The program without a verb: FTP, its audit log on the embedded database, and the web admin, which cannot bind.
        ProcessResult result = await ClientRunner.RunAsync(fileName, prefix, TimeSpan.FromSeconds(90), environment: environment, workingDirectory: directory);
        output.WriteLine(result.Describe());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: Failed to bind to address http://127.0.0.1:{BusyAdminPort}: address already in use.", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.StdErr + result.StdOut, StringComparison.Ordinal);
    }
}
