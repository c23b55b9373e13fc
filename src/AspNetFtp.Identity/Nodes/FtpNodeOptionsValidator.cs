using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Nodes;

/// <summary>Checks <see cref="FtpNodeOptions"/> at start, naming each key as written (<c>FtpServer:Node:Name</c>).</summary>
internal sealed class FtpNodeOptionsValidator : IValidateOptions<FtpNodeOptions>
{
    private const string Prefix = "FtpServer:Node:";

    public ValidateOptionsResult Validate(string? name, FtpNodeOptions options)
    {
        List<string> failures = [];
        string nodeName = options.EffectiveName;
        if (nodeName.Length > FtpNode.MaxNameLength || nodeName.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            failures.Add($"{Prefix}Name must be at most {FtpNode.MaxNameLength} characters without control characters (it is '{Printable(nodeName)}').");
        }

        if (options.HeartbeatInterval < FtpNodeOptions.MinHeartbeatInterval || options.HeartbeatInterval > FtpNodeOptions.MaxHeartbeatInterval)
        {
            failures.Add($"{Prefix}HeartbeatInterval must be between 00:00:00.100 and 00:01:00.");
        }

        if (options.DeadAfter is { } deadAfter && (deadAfter < options.HeartbeatInterval * 2 || deadAfter > TimeSpan.FromHours(1)))
        {
            failures.Add($"{Prefix}DeadAfter must be at least two heartbeat intervals ({Prefix}HeartbeatInterval) and at most 01:00:00; leave it unset for three intervals.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Printable(string text) =>
        new([.. text.Take(80).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c)]);
}
