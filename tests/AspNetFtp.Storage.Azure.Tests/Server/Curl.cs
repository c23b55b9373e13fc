using System.Diagnostics;

namespace AspNetFtp.Storage.Azure.Tests.Server;

/// <summary>curl as a real FTP client: one run with a bounded wait, or a running upload fed through its standard input.</summary>
internal static class Curl
{
    public static ProcessStartInfo Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string argument in new[] { "-sS", "--max-time", "60" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs curl to its end (60 s at most) and returns its exit code and standard error.</summary>
    public static async Task<(int ExitCode, string Error)> RunAsync(params string[] arguments)
    {
        using Process process = Process.Start(Start(arguments))!;
        process.StandardInput.Close();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await error);
    }
}
