namespace AspNetFtp.Identity.Audit;

/// <summary>What <see cref="IFtpAuditLog.QueryAsync"/> returns: every filter given must match (exact, case as stored).</summary>
public sealed record FtpAuditQuery
{
    /// <summary>Largest <see cref="PageSize"/>.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Only rows of this user.</summary>
    public string? UserName { get; init; }

    /// <summary>Only rows of this kind (<c>LoginFailed</c>, <c>FileReceived</c>, ...).</summary>
    public string? Kind { get; init; }

    /// <summary>Only rows from this client address (<c>127.0.0.1</c>, <c>2001:db8::1</c>).</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>Only rows at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only rows before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The page, from 1; newest rows first.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Rows per page, 1 to <see cref="MaxPageSize"/>. Default 50.</summary>
    public int PageSize { get; init; } = 50;
}
