namespace AspNetFtp.Identity.Accounts;

/// <summary>The outcome of an account management operation: success with a value, or a message naming the problem.</summary>
public sealed record FtpAccountResult<T>(bool Succeeded, T? Value, string? Error)
{
    /// <summary>
    /// On a failure, the name of the operation's parameter at fault (such as <c>name</c> or <c>homeDirectory</c>), so a
    /// form can show <see cref="Error"/> next to its field; null when no single parameter is (or on success).
    /// </summary>
    public string? Field { get; init; }

    /// <summary>A success carrying <paramref name="value"/>.</summary>
    public static FtpAccountResult<T> Success(T value) => new(true, value, null);

    /// <summary>A failure; <paramref name="error"/> says what was wrong, for the operator.</summary>
    public static FtpAccountResult<T> Failure(string error) => new(false, default, error);

    /// <summary>A failure caused by the parameter named <paramref name="field"/>.</summary>
    public static FtpAccountResult<T> Failure(string error, string field) => new(false, default, error) { Field = field };
}
