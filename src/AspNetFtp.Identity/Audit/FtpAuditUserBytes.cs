namespace AspNetFtp.Identity.Audit;

/// <summary>One user's transfers over an <see cref="FtpAuditSummary"/>'s range (complete and cut transfers alike).</summary>
/// <param name="UserName">The FTP user.</param>
/// <param name="BytesIn">Bytes the user uploaded.</param>
/// <param name="BytesOut">Bytes the user downloaded.</param>
public sealed record FtpAuditUserBytes(string UserName, long BytesIn, long BytesOut)
{
    /// <summary>Bytes moved either way.</summary>
    public long Total => BytesIn + BytesOut;
}
