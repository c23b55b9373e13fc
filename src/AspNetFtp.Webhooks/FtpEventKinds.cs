using System.Collections.Frozen;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Webhooks;

/// <summary>
/// The event kinds a hook may name: the type name of every concrete <see cref="FtpEvent"/> record the engine
/// publishes, found in the engine's assembly, so a new event type needs no change here.
/// </summary>
internal static class FtpEventKinds
{
    private static readonly FrozenDictionary<string, string> Known = typeof(FtpEvent).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(FtpEvent)))
        .Select(t => t.Name)
        .ToFrozenDictionary(name => name, name => name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every kind, sorted, for messages.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Known.Values.Order(StringComparer.Ordinal)];

    /// <summary>The kind of <paramref name="ftpEvent"/>: its record's type name.</summary>
    public static string Of(FtpEvent ftpEvent) => ftpEvent.GetType().Name;

    /// <summary>The kind as the engine spells it, when <paramref name="name"/> names one (any case).</summary>
    public static bool TryNormalize(string? name, out string kind)
    {
        if (name is not null && Known.TryGetValue(name.Trim(), out string? found))
        {
            kind = found;
            return true;
        }

        kind = string.Empty;
        return false;
    }
}
