namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>An account handed to the host through <c>FtpServer__Users__N__*</c> environment variables.</summary>
internal sealed record FtpTestUser(string Name, string Password, string HomeDirectory, string Permissions = "elradfmwMT", bool RequireTls = false)
{
    /// <summary>The storage profile holding the account's files (<c>FtpServer__Users__N__StorageProfile</c>); null: its home.</summary>
    public string? StorageProfile { get; init; }
}
