namespace AspNetFtp.Identity.Audit;

/// <summary>The audit log's settings: the <c>FtpServer:Audit</c> section.</summary>
public sealed class FtpAuditOptions
{
    /// <summary>The configuration section, under <c>FtpServer</c>.</summary>
    public const string SectionName = "Audit";

    /// <summary>Whether FTP events are written to the audit log. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long rows are kept; older ones are deleted every <see cref="CleanupInterval"/>. Default 90 days; zero keeps them forever.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often rows past <see cref="Retention"/> are deleted (in batches of <see cref="CleanupBatchSize"/>). Default one hour.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement by the cleanup, so a large backlog never holds one long lock. Default 1000.</summary>
    public int CleanupBatchSize { get; set; } = 1000;

    /// <summary>Events written per batch (one <c>SaveChanges</c>). Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>The longest an event waits in a partial batch before the batch is written. Default 2 seconds.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);
}
