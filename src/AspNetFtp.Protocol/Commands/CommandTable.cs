using System.Diagnostics.CodeAnalysis;

namespace AspNetFtp.Protocol.Commands;

/// <summary>
/// Every verb the server knows, with the checks the session makes before its handler (login, TLS,
/// argument, permission, path, REST, storage capability, data channel: <see cref="CommandChecks"/>). FEAT, HELP and
/// the dispatcher all read this one table.
/// </summary>
internal sealed class CommandTable
{
    private readonly Dictionary<string, FtpCommand> _commands = new(StringComparer.Ordinal);

    public static CommandTable Default { get; } = Build();

    public IEnumerable<FtpCommand> All => _commands.Values.OrderBy(c => c.Verb, StringComparer.Ordinal);

    public void Add(FtpCommand command) => _commands.Add(command.Verb, command);

    /// <summary>The FEAT lines (RFC 2389 §3) of every row, sorted, for the server's TLS and the storage's capabilities.</summary>
    public IEnumerable<string> Features(FeatureContext context) =>
        _commands.Values
            .Where(c => c.Features is not null && (context.Capabilities & c.Requires) == c.Requires)
            .SelectMany(c => c.Features!(context))
            .Order(StringComparer.Ordinal);

    public bool TryGet(string verb, [NotNullWhen(true)] out FtpCommand? command) => _commands.TryGetValue(verb, out command);

    private static CommandTable Build()
    {
        var table = new CommandTable();
        LoginCommands.Register(table);
        SecurityCommands.Register(table);
        InfoCommands.Register(table);
        NavigationCommands.Register(table);
        DataConnectionCommands.Register(table);
        TransferCommands.Register(table);
        ListingCommands.Register(table);
        FileCommands.Register(table);
        return table;
    }
}
