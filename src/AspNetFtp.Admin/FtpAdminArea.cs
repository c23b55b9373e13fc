namespace AspNetFtp.Admin;

/// <summary>The Razor Pages area holding the admin's pages (its URLs are rewritten to the mount point).</summary>
internal static class FtpAdminArea
{
    public const string Name = "FtpAdmin";
}
