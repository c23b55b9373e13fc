namespace AspNetFtp.Sample.Tests.Infrastructure;

/// <summary>What a finished (or killed) command left behind.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string StdOut, string StdErr, bool TimedOut, TimeSpan Elapsed)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>The command, how it ended and the tail of its output: enough to tell why a step failed.</summary>
    public string Describe() =>
        $"$ {CommandLine}\n" +
        (TimedOut ? $"killed after {Elapsed.TotalSeconds:F0} s (timeout)\n" : $"exit {ExitCode} after {Elapsed.TotalSeconds:F0} s\n") +
        $"--- stdout (tail) ---\n{Tail(StdOut)}\n--- stderr (tail) ---\n{Tail(StdErr)}";

    private static string Tail(string text) => text.Length <= 6000 ? text : "..." + text[^6000..];
}
