using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Storage;

/// <summary>The behavioural suite on a <c>Local</c> storage profile (the reference behaviour).</summary>
public sealed class LocalStorageBehaviourTests(ITestOutputHelper output) : StorageBehaviourSuite(output)
{
    protected override StorageBackend CreateBackend() => new LocalStorageBackend();
}
