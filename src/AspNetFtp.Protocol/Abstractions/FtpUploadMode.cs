namespace AspNetFtp.Protocol.Abstractions;

/// <summary>How the local storage writes STOR, APPE, STOU and REST+STOR (<c>FtpServer:UploadMode</c>).</summary>
public enum FtpUploadMode
{
    /// <summary>Written in place: a cut transfer leaves what arrived in the target (pyftpdlib, vsftpd).</summary>
    Standard,

    /// <summary>
    /// Written to a hidden temporary file in the target's directory and renamed over the target only when the
    /// transfer completed; a cut, aborted or stalled transfer deletes it and leaves the old file as it was.
    /// APPE and REST+STOR copy the kept part of the old file into the temporary file first.
    /// </summary>
    Atomic,

    /// <summary>
    /// As <see cref="Atomic"/> while the transfer runs, but a cut transfer that received bytes is renamed over the
    /// target, so <c>SIZE</c> shows how much arrived and <c>REST</c>+<c>STOR</c> (or APPE) resumes it.
    /// </summary>
    AtomicResume,
}
