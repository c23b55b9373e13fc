using System.Diagnostics;
using System.Net;

namespace AspNetFtp.Storage.S3.Tests.EndToEnd;

/// <summary>Runs the system's curl against the test server (bounded in time).</summary>
internal static class CurlProcess
{
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("curl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-sS");
        start.ArgumentList.Add("--max-time");
        start.ArgumentList.Add("60");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("curl did not start.");
    }

    /// <summary>Runs curl to its end; fails the test with its error output unless it exits with 0.</summary>
    public static async Task RunAsync(params string[] arguments)
    {
        using Process curl = Start(arguments);
        curl.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        Task<string> errors = curl.StandardError.ReadToEndAsync(timeout.Token);
        Task<string> output = curl.StandardOutput.ReadToEndAsync(timeout.Token);
        await curl.WaitForExitAsync(timeout.Token);
        Assert.True(curl.ExitCode == 0, $"curl {string.Join(' ', arguments)} exited with {curl.ExitCode}: {await errors}");
        await output;
    }

    public static string Url(IPEndPoint server, string user, string path) =>
        $"ftp://{user}:{S3FtpHost.Password}@{server.Address}:{server.Port}{path}";
}
