namespace AspNetFtp.Protocol.Session;

/// <summary>Splits one decoded control line into its verb (upper case) and its argument (everything after the first space, as sent).</summary>
internal static class CommandLine
{
    public static (string Verb, string Argument) Split(string line)
    {
        int space = line.IndexOf(' ', StringComparison.Ordinal);
        string verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
        string argument = space < 0 ? string.Empty : line[(space + 1)..];
        return (verb, argument);
    }
}
