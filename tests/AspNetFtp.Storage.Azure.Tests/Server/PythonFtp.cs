using System.Diagnostics;

namespace AspNetFtp.Storage.Azure.Tests.Server;

/// <summary>Python's ftplib as a real FTP client: a script run to its end (90 s at most) with its arguments.</summary>
internal static class PythonFtp
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, params string[] arguments)
    {
        string path = Path.Combine(Path.GetTempPath(), "azftp-" + Guid.NewGuid().ToString("N") + ".py");
        await File.WriteAllTextAsync(path, script);
        try
        {
            var start = new ProcessStartInfo("timeout") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string argument in new[] { "90", "python3", "-u", path }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(100));
            await process.WaitForExitAsync(cts.Token);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
