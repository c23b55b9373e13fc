namespace AspNetFtp.Admin.FtpAccounts;

/// <summary>One option of a Storage select: the value posted (empty: none of its own) and what the administrator reads.</summary>
internal sealed record StorageChoice(string Value, string Label, bool Selected)
{
    /// <summary>A group's options: "Default (local disk)", then each configured profile.</summary>
    public static IReadOnlyList<StorageChoice> ForGroup(IReadOnlyList<string> profiles, string? current) =>
        Build("Default (local disk)", profiles, current);

    /// <summary>An account's options: "Inherit from group" (naming what the group uses), then each configured profile.</summary>
    public static IReadOnlyList<StorageChoice> ForAccount(IReadOnlyList<string> profiles, string? current, string? groupProfile) =>
        Build($"Inherit from group ({groupProfile ?? "default: local disk"})", profiles, current);

    private static List<StorageChoice> Build(string empty, IReadOnlyList<string> profiles, string? current)
    {
        bool none = string.IsNullOrWhiteSpace(current);
        var choices = new List<StorageChoice> { new(string.Empty, empty, none) };
        choices.AddRange(profiles.Select(p => new StorageChoice(p, p, !none && string.Equals(p, current, StringComparison.OrdinalIgnoreCase))));
        if (!none && !choices.Any(c => c.Selected))
        {
            // Kept selected, so saving other fields does not silently move the files; choosing it anew is refused.
            choices.Add(new StorageChoice(current!, $"{current} (not configured)", true));
        }

        return choices;
    }
}
