namespace AspNetFtp.Protocol.Abstractions;

/// <summary>A storage profile's setting is missing or wrong; the message names the profile and the key.</summary>
public sealed class FtpStorageProfileException : Exception
{
    /// <summary>A profile setting is wrong.</summary>
    public FtpStorageProfileException()
    {
    }

    /// <summary>A profile setting is wrong, as <paramref name="message"/> says.</summary>
    public FtpStorageProfileException(string message)
        : base(message)
    {
    }

    /// <summary>A profile setting is wrong, as <paramref name="message"/> says, found through <paramref name="innerException"/>.</summary>
    public FtpStorageProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
