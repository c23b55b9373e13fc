namespace AspNetFtp.Storage.S3.Tests.Behaviour;

/// <summary>
/// A test against the S3 emulator that needs an operation some emulators lack. It runs unless
/// <c>ASPNETFTP_TEST_S3_LACKS</c> (comma-separated <see cref="StoreFeature"/> names) names that operation; then it is
/// reported as skipped with the reason, never passed. Unset, nothing is lacking: the emulator scripts/test.sh starts
/// (fauxqs 2.4.1 behind scripts/emulators/s3-emulator.mjs, docs/storage-emulators.md) answers ListMultipartUploads
/// from the uploads its launcher saw open.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
    public const string LacksVariable = "ASPNETFTP_TEST_S3_LACKS";

    /// <summary>What the emulator scripts/test.sh starts lacks: nothing these tests need.</summary>
    public const string DefaultLacks = "";

    private StoreFeature _needs;

    public StoreFeature Needs
    {
        get => _needs;
        set
        {
            _needs = value;
            StoreFeature lacking = Lacking() & value;
            if (lacking != StoreFeature.None)
            {
                Skip = $"The S3 emulator lacks {lacking} ({LacksVariable}); the strict fake's test of the same behaviour runs.";
            }
        }
    }

    public static StoreFeature Lacking()
    {
        StoreFeature lacking = StoreFeature.None;
        foreach (string name in (Environment.GetEnvironmentVariable(LacksVariable) ?? DefaultLacks).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse(name, ignoreCase: true, out StoreFeature feature))
            {
                lacking |= feature;
            }
        }

        return lacking;
    }
}
