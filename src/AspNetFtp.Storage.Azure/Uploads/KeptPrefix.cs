using Azure;

namespace AspNetFtp.Storage.Azure.Uploads;

/// <summary>The first <paramref name="Length"/> bytes of the existing blob (version <paramref name="ETag"/>) that APPE or REST+STOR keep.</summary>
internal sealed record KeptPrefix(long Length, ETag? ETag);
