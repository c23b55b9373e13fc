using Microsoft.Win32.SafeHandles;

namespace AspNetFtp.Protocol.Storage;

/// <summary>
/// An entry the jail has opened and located. On Linux it holds an <c>O_PATH</c> handle whose real location
/// was checked after opening, and every name built from it goes through that handle
/// (<c>/proc/self/fd/N/name</c>), so swapping a link or moving a directory after the check cannot redirect
/// the act. Elsewhere it holds only the checked real path (see <see cref="LocalFileSystem"/>).
/// </summary>
internal sealed class PinnedEntry : IDisposable
{
    public PinnedEntry(SafeFileHandle? handle, string realPath)
    {
        Handle = handle;
        RealPath = realPath;
    }

    /// <summary>The pinning handle, or null where the platform offers none.</summary>
    public SafeFileHandle? Handle { get; }

    /// <summary>Where the entry was found to be (used for identities and for containment checks).</summary>
    public string RealPath { get; }

    /// <summary>A name that reaches the pinned entry itself.</summary>
    public string Self => Handle is null ? RealPath : LinuxFileCalls.ProcPath(Handle);

    /// <summary>A name that reaches <paramref name="child"/> inside the pinned directory and nowhere else.</summary>
    public string Child(string child) => Path.Join(Self, child);

    /// <summary>The real path <paramref name="child"/> has inside the pinned directory.</summary>
    public string RealChild(string child) => Path.Join(RealPath, child);

    public void Dispose() => Handle?.Dispose();
}
