using System.Diagnostics;
using System.Text;

namespace AspNetFtp.Packaging.Tests;

/// <summary>Runs <c>scripts/pack.sh</c> of this checkout into a folder, within a time limit.</summary>
internal static class PackScript
{
    /// <summary>
    /// The longest a pack may take: two small projects restored and built from scratch take about 1.5 minutes on
    /// a loaded two-core machine. Below the 5 minutes after which scripts/test.sh's hang detector kills the run,
    /// so a stuck pack fails with its output instead.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Packs into <paramref name="outputDirectory"/> at <paramref name="version"/>; throws with the script's output if it fails.</summary>
    public static async Task<string> RunAsync(string outputDirectory, string version)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "pack.sh"));
        start.ArgumentList.Add(outputDirectory);
        start.Environment["VERSION"] = version;
        // The test host's own MSBuild settings would steer the script's dotnet to this run's SDK internals.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/pack.sh did not finish within {Timeout}:\n{Read(output)}");
        }

        // The exit event can precede the last asynchronous output lines; this wait returns once both streams closed.
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/pack.sh exited with {process.ExitCode}:\n{Read(output)}");
        }

        return Read(output);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AspNetFtp.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AspNetFtp.slnx not found above " + AppContext.BaseDirectory);
    }
}
