using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Audit;

/// <summary>Checks <see cref="FtpAuditOptions"/> at start, naming each key as written (<c>FtpServer:Audit:Retention</c>).</summary>
internal sealed class FtpAuditOptionsValidator : IValidateOptions<FtpAuditOptions>
{
    private const string Prefix = "FtpServer:Audit:";

    public ValidateOptionsResult Validate(string? name, FtpAuditOptions options)
    {
        List<string> failures = [];
        if (options.Retention < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}Retention must be zero (keep forever) or positive, such as 90.00:00:00 for 90 days.");
        }

        if (options.CleanupInterval < TimeSpan.FromSeconds(1) || options.CleanupInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Prefix}CleanupInterval must be between 00:00:01 and 1.00:00:00.");
        }

        if (options.CleanupBatchSize is < 1 or > 100_000)
        {
            failures.Add($"{Prefix}CleanupBatchSize must be between 1 and 100000.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{Prefix}BatchSize must be between 1 and 10000.");
        }

        if (options.FlushInterval < TimeSpan.FromMilliseconds(1) || options.FlushInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}FlushInterval must be between 00:00:00.001 and 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
