using System.Diagnostics;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Storage;

/// <summary>
/// A FIFO in the home (made by anyone with local access to it) must not hold a server thread: opening one
/// for reading, or for writing without a reader, waits for the other end forever. Each open is bounded
/// here; a hung open is released in <see cref="Dispose"/> by opening the FIFO read-write.
/// </summary>
public sealed class LocalFileSystemSpecialFileTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly TempDirectory _root = new();
    private readonly LocalFileSystem _fs;

    public LocalFileSystemSpecialFileTests()
    {
        _fs = new LocalFileSystem(_root.Path);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [_root["fifo"]]) { UseShellExecute = false })!;
        Assert.True(mkfifo.WaitForExit(Bound));
        Assert.Equal(0, mkfifo.ExitCode);
    }

    public void Dispose()
    {
        // Opening read-write never blocks on Linux and gives a blocked open its other end.
        using (new FileStream(_root["fifo"], FileMode.Open, FileAccess.ReadWrite))
        {
        }

        _root.Dispose();
    }

    private static FtpPath P(string text) => FtpPath.Parse(text);

    private static async Task<FtpFileSystemError> BoundedErrorOfAsync<T>(Func<ValueTask<T>> open)
    {
        Task<T> opening = Task.Run(async () => await open());
        var error = await Assert.ThrowsAsync<FtpFileSystemException>(() => opening.WaitAsync(Bound));
        return error.Error;
    }

    [Fact]
    public async Task Reading_a_fifo_is_refused_as_not_a_file_instead_of_waiting_for_a_writer()
    {
        Assert.Equal(FtpFileSystemError.NotAFile,
            await BoundedErrorOfAsync(() => _fs.OpenReadAsync(P("/fifo"), 0, CancellationToken.None)));
    }

    [Fact]
    public async Task Writing_a_fifo_without_a_reader_is_refused_as_not_a_file_instead_of_waiting_for_one()
    {
        Assert.Equal(FtpFileSystemError.NotAFile,
            await BoundedErrorOfAsync(() => _fs.OpenWriteAsync(P("/fifo"), FtpWriteMode.Create, 0, CancellationToken.None)));
    }

    [Fact]
    public async Task Appending_through_a_link_to_a_fifo_is_refused_as_not_a_file_instead_of_waiting_for_a_reader()
    {
        File.CreateSymbolicLink(_root["link"], "fifo");

        Assert.Equal(FtpFileSystemError.NotAFile,
            await BoundedErrorOfAsync(() => _fs.OpenWriteAsync(P("/link"), FtpWriteMode.Append, 0, CancellationToken.None)));
    }

    [Fact]
    public async Task Writing_a_fifo_that_has_a_reader_is_refused_as_not_a_file_and_sends_it_nothing()
    {
        // Read-write keeps a reader on the FIFO without blocking, so the server's open succeeds and must be refused after.
        using var reader = new FileStream(_root["fifo"], FileMode.Open, FileAccess.ReadWrite);

        Assert.Equal(FtpFileSystemError.NotAFile,
            await BoundedErrorOfAsync(() => _fs.OpenWriteAsync(P("/fifo"), FtpWriteMode.Create, 0, CancellationToken.None)));
    }
}
