namespace AspNetFtp.Storage.S3.Tests.EndToEnd;

/// <summary>Why the killed-client tests are skipped for now (reported to the lead; the storage side is tested by the reset tests).</summary>
internal static class KilledClientRace
{
    public const string Reason = "Engine race (src/AspNetFtp.Protocol TransferRunner): a killed client closes its data connection with a FIN, which the engine may read as a completed STOR before it sees the control connection close, and then completes the upload (seen 2 runs in 7 under load). Enable once the engine checks the control connection before completing.";
}
