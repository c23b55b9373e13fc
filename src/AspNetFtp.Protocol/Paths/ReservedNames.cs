namespace AspNetFtp.Protocol.Paths;

/// <summary>
/// Names the server keeps for itself: the temporary files of atomic uploads. No client command may name
/// one (550) and listings never show one, so a client can neither read nor replace an upload in flight.
/// </summary>
internal static class ReservedNames
{
    /// <summary>How every temporary upload name begins.</summary>
    public const string UploadPrefix = ".aspnetftp-upload-";

    /// <summary>True when <paramref name="name"/> (one path segment) is reserved; case is ignored so no storage's folding lets one through.</summary>
    public static bool IsReserved(string name) => name.StartsWith(UploadPrefix, StringComparison.OrdinalIgnoreCase);
}
