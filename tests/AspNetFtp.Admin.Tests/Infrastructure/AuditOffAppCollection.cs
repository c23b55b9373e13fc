namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>The tests of an admin whose audit log is off: an app of their own (<see cref="AuditOffAdminApp"/>).</summary>
[CollectionDefinition(Name)]
public sealed class AuditOffAppCollection : ICollectionFixture<AuditOffAdminApp>
{
    public const string Name = "Admin app with the audit log off";
}
