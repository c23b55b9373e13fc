using Amazon.S3;
using AspNetFtp.Storage.S3.Profiles;
using AspNetFtp.Storage.S3.Tests.Behaviour;

namespace AspNetFtp.Storage.S3.Tests.Emulator;

/// <summary>The shared semantics against the real S3 emulator, each instance under its own random prefix.</summary>
public sealed class EmulatorS3FileSystemTests : S3FileSystemBehaviour, IDisposable
{
    private readonly AmazonS3Client _client = S3Emulator.CreateClient();

    private protected override IAmazonS3 Client => _client;

    private protected override S3ProfileOptions Options { get; } = S3Emulator.Options();

    [StoreFact(Needs = StoreFeature.CopyObject)]
    public Task Renaming_a_file_copies_it_to_the_new_key_and_deletes_the_old() => RenamingAFileCopiesItAndDeletesTheOld();

    [StoreFact(Needs = StoreFeature.CopyObject)]
    public Task Renaming_onto_an_existing_file_replaces_it() => RenamingOntoAnExistingFileReplacesIt();

    [StoreFact(Needs = StoreFeature.CopyObject)]
    public Task With_AllowDirectoryRename_a_directory_and_everything_under_it_move() => WithAllowDirectoryRenameEverythingUnderTheDirectoryMoves();

    public void Dispose() => _client.Dispose();
}
