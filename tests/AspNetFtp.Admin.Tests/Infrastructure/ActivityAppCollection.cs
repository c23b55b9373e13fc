namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>
/// The dashboard and audit log tests: an <see cref="AdminApp"/> of their own, so its audit log holds exactly the
/// scripted activity (<see cref="ScriptedActivity"/>) and nothing the other collection's tests did.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ActivityAppCollection : ICollectionFixture<AdminApp>
{
    public const string Name = "Admin app with scripted activity";
}
