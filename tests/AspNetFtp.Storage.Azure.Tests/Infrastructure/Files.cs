using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Storage.Azure.Tests.Infrastructure;

/// <summary>Short ways to drive an <see cref="IFtpFileSystem"/> in tests.</summary>
internal static class Files
{
    public static FtpPath P(string text) =>
        FtpPath.TryResolve(FtpPath.Root, text, out FtpPath path, out FtpPathError error) ? path : throw new ArgumentException(error.ToString(), nameof(text));

    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static async Task WriteAsync(IFtpFileSystem fs, string path, byte[] content, FtpWriteMode mode = FtpWriteMode.Create, long offset = 0)
    {
        await using IFtpUpload upload = await fs.OpenWriteAsync(P(path), mode, offset, CancellationToken.None);
        // Odd-sized writes, as a data connection delivers them.
        for (int start = 0; start < content.Length; start += 70_001)
        {
            await upload.Stream.WriteAsync(content.AsMemory(start, Math.Min(70_001, content.Length - start)));
        }

        await upload.CompleteAsync(CancellationToken.None);
    }

    public static async Task<byte[]> ReadAsync(IFtpFileSystem fs, string path, long offset = 0)
    {
        await using Stream stream = await fs.OpenReadAsync(P(path), offset, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public static async Task<List<FtpFileInfo>> ListAsync(IFtpFileSystem fs, string path)
    {
        List<FtpFileInfo> entries = [];
        await foreach (FtpFileInfo entry in fs.ListAsync(P(path), CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }

    public static async Task<FtpFileSystemError> FailureAsync(Func<Task> action) =>
        (await Assert.ThrowsAsync<FtpFileSystemException>(action)).Error;
}
