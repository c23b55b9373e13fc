namespace AspNetFtp.Protocol.Abstractions;

/// <summary>What an <see cref="IFtpReadinessCheck"/> found.</summary>
public enum FtpReadinessStatus
{
    /// <summary>All that the check covers is there.</summary>
    Ready,

    /// <summary>Not reachable now (a database that is down); the server starts anyway and logs a warning.</summary>
    Unavailable,

    /// <summary>Missing or wrong until someone acts (tables never created); the start fails.</summary>
    Broken,
}
