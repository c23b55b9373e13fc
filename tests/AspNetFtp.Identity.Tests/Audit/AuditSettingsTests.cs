using AspNetFtp.Identity.Audit;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Tests.Audit;

/// <summary>The audit log's settings and text rule, without a database.</summary>
public sealed class AuditSettingsTests
{
    [Fact]
    public void The_defaults_keep_ninety_days_and_are_valid()
    {
        var options = new FtpAuditOptions();

        Assert.Equal((true, TimeSpan.FromDays(90)), (options.Enabled, options.Retention));
        Assert.True(new FtpAuditOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_negative_retention_and_a_zero_batch_are_refused_naming_their_keys()
    {
        ValidateOptionsResult result = new FtpAuditOptionsValidator().Validate(null, new FtpAuditOptions { Retention = TimeSpan.FromDays(-1), BatchSize = 0 });

        Assert.Equal(
            ["FtpServer:Audit:Retention must be zero (keep forever) or positive, such as 90.00:00:00 for 90 days.",
             "FtpServer:Audit:BatchSize must be between 1 and 10000."],
            result.Failures!);
    }

    [Fact]
    public void Stored_text_masks_controls_and_bidirectional_overrides_and_keeps_other_text()
    {
        Assert.Equal("a?b?c?d?e", AuditText.Clean("a\0b\u001bc\u202Ed\u2028e", 100));
        Assert.Equal("ünï 名前 😀", AuditText.Clean("ünï 名前 😀", 100));
    }

    [Fact]
    public void Stored_text_is_cut_to_its_column_without_splitting_a_surrogate_pair_and_lone_surrogates_are_masked()
    {
        Assert.Equal("ab", AuditText.Clean("ab😀", 3));
        Assert.Equal("ab😀", AuditText.Clean("ab😀c", 4));
        Assert.Equal("a?b", AuditText.Clean("a\uD800b", 10));
    }
}
