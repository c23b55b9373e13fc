using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Storage;

/// <summary>The behavioural suite on the <c>AzureBlob</c> kind, against the emulator scripts/test.sh starts.</summary>
public sealed class AzureStorageBehaviourTests(ITestOutputHelper output) : StorageBehaviourSuite(output)
{
    protected override StorageBackend CreateBackend() => new AzureStorageBackend();
}
