namespace AspNetFtp.Admin.AuditLog;

/// <summary>One audit log row as the page shows it, every value text (client text is encoded by the page).</summary>
internal sealed record AuditRow(
    long Id,
    string Time,
    string Kind,
    bool Succeeded,
    string User,
    string Address,
    string Paths,
    string Size,
    string SizeExact,
    string Duration,
    string Actor,
    string Detail);
