using System.Text;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>What a finished (or killed) child process left behind.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string StdOut, string StdErr, bool TimedOut, TimeSpan Elapsed)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("$ ").AppendLine(CommandLine);
        text.Append("exit ").Append(TimedOut ? "TIMED OUT (killed)" : ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(" after ").Append(Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)).AppendLine(" s");
        text.AppendLine("--- stdout ---").AppendLine(Truncate(StdOut));
        text.AppendLine("--- stderr ---").AppendLine(Truncate(StdErr));
        return text.ToString();
    }

    public override string ToString() => Describe();

    private static string Truncate(string s) => s.Length <= 8000 ? s : s[..4000] + "\n[... truncated ...]\n" + s[^4000..];
}
