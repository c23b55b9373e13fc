namespace AspNetFtp.Identity.Accounts;

/// <summary>The outcome of an account management operation: success with a value, or a message naming the problem.</summary>
public sealed record FtpAccountResult<T>(bool Succeeded, T? Value, string? Error)
{
    /// <summary>A success carrying <paramref name="value"/>.</summary>
    public static FtpAccountResult<T> Success(T value) => new(true, value, null);

    /// <summary>A failure; <paramref name="error"/> says what was wrong, for the operator.</summary>
    public static FtpAccountResult<T> Failure(string error) => new(false, default, error);
}
