namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>The test classes that share one <see cref="AdminApp"/> (one app and one browser for all of them).</summary>
[CollectionDefinition(Name)]
public sealed class AdminAppCollection : ICollectionFixture<AdminApp>
{
    public const string Name = "Admin app";
}
