namespace AspNetFtp.Testing;

/// <summary>
/// The published host to start instead of the build output: <c>scripts/test.sh</c> sets <c>ASPNETFTP_TEST_HOST_DLL</c> to
/// a ReadyToRun publish of this tree (the shape the Dockerfile ships), whose account verbs start about twice as fast.
/// </summary>
public static class PublishedHost
{
    public const string Variable = "ASPNETFTP_TEST_HOST_DLL";

    /// <summary>The host assembly the variable names, or null when it is unset; a name of a missing file throws.</summary>
    public static string? Dll() => Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" => null,
        var path when File.Exists(path) => path,
        var path => throw new InvalidOperationException($"{Variable} names {path}, which does not exist"),
    };
}
