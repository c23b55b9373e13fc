using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Storage.Profiles;

/// <summary>
/// The storage profiles' readiness: a profile with a wrong setting, or one that cannot reach its store, fails the start
/// with a message naming it, unless it is marked <c>Optional</c> (then a warning). Run again by the health check.
/// </summary>
internal sealed class StorageProfilesCheck(FtpStorageProfiles profiles) : IFtpReadinessCheck
{
    public async Task<FtpReadiness> CheckAsync(CancellationToken cancellationToken)
    {
        List<string> broken = [.. profiles.Problems];
        List<string> unavailable = [];
        foreach (string name in profiles.Names)
        {
            FtpReadiness readiness = await profiles.Find(name)!.CheckAsync(cancellationToken);
            if (readiness.Status == FtpReadinessStatus.Ready)
            {
                continue;
            }

            string problem = readiness.Problem ?? $"Storage profile '{name}' cannot reach its store.";
            (profiles.IsOptional(name) ? unavailable : broken).Add(problem);
        }

        return broken.Count > 0 ? FtpReadiness.Broken(string.Join(" ", broken.Concat(unavailable)))
            : unavailable.Count > 0 ? FtpReadiness.Unavailable(string.Join(" ", unavailable))
            : FtpReadiness.Ready;
    }
}
