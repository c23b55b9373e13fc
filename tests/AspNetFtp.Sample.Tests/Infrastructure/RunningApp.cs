using System.Diagnostics;
using System.Text;

namespace AspNetFtp.Sample.Tests.Infrastructure;

/// <summary>
/// The sample app as a child process: started, awaited until its host says <c>Application started.</c> (every
/// hosted service, the FTP server included, has started and Kestrel listens), killed on dispose.
/// </summary>
internal sealed class RunningApp : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningApp(Process process) => _process = process;

    /// <summary>Everything the app wrote so far (stdout and stderr, prefixed).</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<RunningApp> StartAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        ProcessStartInfo info = ChildProcess.StartInfo(fileName, arguments, environment, workingDirectory);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new RunningApp(process);
        process.OutputDataReceived += (_, e) => app.OnLine("out", e.Data);
        process.ErrorDataReceived += (_, e) => app.OnLine("err", e.Data);
        process.Exited += (_, _) => app._started.TrySetException(new InvalidOperationException("The app exited before it had started."));
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app._started.Task.WaitAsync(StartTimeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException(
                $"The sample app did not start within {StartTimeout.TotalSeconds} s ({e.Message}).\n" +
                $"$ {fileName} {string.Join(' ', info.ArgumentList)}\nexit: {(process.HasExited ? process.ExitCode : "still running")}\n{app.Output}",
                e);
        }

        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.KillAsync(_process);
        _process.Dispose();
    }

    private void OnLine(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.Append(stream).Append("| ").AppendLine(line);
        }

        if (line.Contains("Application started.", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }
}
