using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Storage;

/// <summary>The behavioural suite on the <c>S3</c> kind, against the emulator scripts/test.sh starts.</summary>
public sealed class S3StorageBehaviourTests(ITestOutputHelper output) : StorageBehaviourSuite(output)
{
    protected override StorageBackend CreateBackend() => new S3StorageBackend();
}
