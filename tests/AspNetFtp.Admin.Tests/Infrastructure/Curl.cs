using System.Diagnostics;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>A real FTP client: curl listing the root of the fixture's FTP server, bounded in time, loopback only.</summary>
internal static class Curl
{
    /// <summary>curl's exit code when the server refused the login (it read a 530).</summary>
    public const int LoginDenied = 67;

    public static async Task<(int ExitCode, string StdOut, string StdErr)> ListAsync(AdminApp app, string user, string password)
    {
        var start = new ProcessStartInfo("curl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["--silent", "--show-error", "--max-time", "30", "--connect-timeout", "10",
            "--user", user + ":" + password, $"ftp://127.0.0.1:{AdminApp.Port(app.FtpEndPoint)}/"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("curl did not start.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("curl did not finish within 45 seconds.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
