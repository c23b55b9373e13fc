using AspNetFtp.EndToEnd.Tests.Infrastructure;

namespace AspNetFtp.EndToEnd.Tests.Storage;

/// <summary>
/// One storage the behavioural suite runs on: it adds its profile to the server's settings (users' files under a
/// per-user place) and looks at the store directly, past the FTP server, to see what really is there.
/// </summary>
public abstract class StorageBackend : IAsyncDisposable
{
    /// <summary>The profile name the suite's users are put on.</summary>
    public const string Profile = "suite";

    /// <summary>The kind's name, for test output.</summary>
    public abstract string Name { get; }

    /// <summary>Adds the <see cref="Profile"/> profile (its root holds one place per user, <c>{username}</c>) to the server's settings.</summary>
    internal abstract void Configure(FtpServerSettings settings, string scratch);

    /// <summary>Makes what the profile needs before the server starts (a container); nothing by default.</summary>
    public virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>The value of a variable scripts/test.sh exports; a clear failure when the emulators were not started.</summary>
    protected static string Emulator(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: the storage emulators run under scripts/test.sh (or source scripts/emulators.sh; start_s3_emulator; start_azurite).");

    /// <summary>
    /// Everything the store holds for <paramref name="user"/>, by path relative to the user's root (<c>a/b.txt</c>,
    /// a directory marker as <c>dir/</c>), plus what an unfinished upload left: <c>upload:&lt;path&gt;</c> for a
    /// multipart upload or uncommitted blocks, or a temporary upload file by its name.
    /// </summary>
    public abstract Task<IReadOnlyList<string>> ListEverythingAsync(string user);

    /// <summary>The bytes the store holds at <paramref name="path"/> for <paramref name="user"/>, or null.</summary>
    public abstract Task<byte[]?> ReadAsync(string user, string path);

    /// <summary>Writes an object straight into the store (seeding large trees without FTP).</summary>
    public abstract Task PutAsync(string user, string path, byte[] content);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
