namespace AspNetFtp.Host.ProcessManagement;

/// <summary>A path the server refuses to follow or write through: a symbolic link, or not the kind of entry expected.</summary>
internal sealed class UnsafePathException(string path, string reason) : IOException($"'{path}' {reason}")
{
    public string PathName { get; } = path;

    public string Reason { get; } = reason;
}
