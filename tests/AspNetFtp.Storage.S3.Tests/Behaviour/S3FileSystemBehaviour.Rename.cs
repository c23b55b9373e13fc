using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Storage.S3.Tests.Behaviour;

/// <summary>
/// RNFR/RNTO: server-side copy then delete, which needs the store's CopyObject. The bodies that copy are declared as
/// tests by each subclass (<c>[Fact]</c> on the fake, <see cref="StoreFactAttribute"/> on an emulator that may lack it).
/// </summary>
public abstract partial class S3FileSystemBehaviour
{
    private protected async Task RenamingAFileCopiesItAndDeletesTheOld()
    {
        byte[] data = Bytes(3000);
        await PutAsync("a.txt", data);
        await Fs().CreateDirectoryAsync(P("/d"), default);

        await Fs().RenameAsync(P("/a.txt"), P("/d/b.txt"), default);

        Assert.Null(await GetAsync("a.txt"));
        Assert.Equal(data, await GetAsync("d/b.txt"));
    }

    private protected async Task RenamingOntoAnExistingFileReplacesIt()
    {
        await PutAsync("a", [1]);
        await PutAsync("b", [2, 2]);
        await Fs().RenameAsync(P("/a"), P("/b"), default);
        Assert.Equal([1], await GetAsync("b"));
        Assert.Null(await GetAsync("a"));
    }

    [Fact]
    public async Task Renaming_onto_a_directory_is_AlreadyExists_and_into_a_missing_directory_NotFound()
    {
        await PutAsync("a", [1]);
        await Fs().CreateDirectoryAsync(P("/d"), default);
        Assert.Equal(FtpFileSystemError.AlreadyExists, await ErrorOf(() => Fs().RenameAsync(P("/a"), P("/d"), default).AsTask()));
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOf(() => Fs().RenameAsync(P("/a"), P("/x/a"), default).AsTask()));
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOf(() => Fs().RenameAsync(P("/none"), P("/b"), default).AsTask()));
        Assert.Equal([1], await GetAsync("a"));
    }

    private protected async Task WithAllowDirectoryRenameEverythingUnderTheDirectoryMoves()
    {
        await Fs().CreateDirectoryAsync(P("/d"), default);
        await PutAsync("d/one", [1]);
        await PutAsync("d/sub/two", [2]);

        await Fs(allowDirectoryRename: true).RenameAsync(P("/d"), P("/e"), default);

        Assert.Null(await Fs().GetInfoAsync(P("/d"), default));
        Assert.Equal([1], await GetAsync("e/one"));
        Assert.Equal([2], await GetAsync("e/sub/two"));
        Assert.NotNull(await GetAsync("e/"));
    }

    [Fact]
    public async Task With_AllowDirectoryRename_a_directory_cannot_move_onto_an_existing_name_or_into_itself()
    {
        await Fs().CreateDirectoryAsync(P("/d"), default);
        await Fs().CreateDirectoryAsync(P("/e"), default);
        S3FileSystem fs = Fs(allowDirectoryRename: true);

        Assert.Equal(FtpFileSystemError.AlreadyExists, await ErrorOf(() => fs.RenameAsync(P("/d"), P("/e"), default).AsTask()));
        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOf(() => fs.RenameAsync(P("/d"), P("/d/inner"), default).AsTask()));
    }
}
