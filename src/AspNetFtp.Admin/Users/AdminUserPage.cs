namespace AspNetFtp.Admin.Users;

/// <summary>One page of the user list.</summary>
/// <param name="Rows">The page's users, by user name.</param>
/// <param name="Total">How many users match the search in all.</param>
/// <param name="Page">The page number, 1-based (clamped to the last page).</param>
/// <param name="PageSize">Rows per page.</param>
internal sealed record AdminUserPage(IReadOnlyList<AdminUserRow> Rows, int Total, int Page, int PageSize)
{
    /// <summary>Rows per page.</summary>
    public const int DefaultPageSize = 25;

    /// <summary>How many pages the matching users fill (at least one).</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
