namespace AspNetFtp.Host.Startup;

/// <summary>Migrating the account database or creating the first administrator failed at start-up.</summary>
internal sealed class AccountDatabaseException(string message, Exception inner) : Exception(message, inner);
