using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Protocol.Commands;

/// <summary>One command as its handler receives it, with what the table's checks already found.</summary>
internal sealed class CommandRequest(string verb, string argument)
{
    public string Verb { get; } = verb;

    /// <summary>Everything after the verb and its space, as sent.</summary>
    public string Argument { get; } = argument;

    /// <summary>The resolved path, for verbs whose row takes one.</summary>
    public FtpPath Path { get; set; } = FtpPath.Root;

    /// <summary>The entry at <see cref="Path"/> when the row looks it up (null when it does not exist and may not).</summary>
    public FtpFileInfo? Entry { get; set; }

    /// <summary>The REST offset this command consumed (0 when none was given).</summary>
    public long RestartOffset { get; set; }
}
