namespace AspNetFtp.Identity.Accounts;

/// <summary>A value to set, so that "set to null" differs from "not given" (a null <see cref="FtpSetting{T}"/>?).</summary>
/// <param name="Value">The new value.</param>
public readonly record struct FtpSetting<T>(T Value);
