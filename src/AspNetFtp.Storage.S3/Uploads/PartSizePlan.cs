namespace AspNetFtp.Storage.S3.Uploads;

/// <summary>
/// The size of each part of a multipart upload. S3 allows 10,000 parts; with a constant part size of 8 MiB that would
/// stop an upload at 78 GiB. So the size doubles every <see cref="PartsPerStep"/> parts (capped at 1 GiB:
/// a part is held in memory while it uploads), which keeps small uploads on small parts (little memory) and lets 10,000 parts hold more than S3's
/// 5 TiB largest object from the smallest base of 5 MiB.
/// </summary>
internal static class PartSizePlan
{
    /// <summary>S3's most parts in one upload.</summary>
    public const int MaxParts = 10_000;

    /// <summary>How many parts keep one size before it doubles.</summary>
    public const int PartsPerStep = 700;

    /// <summary>The largest part this server buffers (S3 allows 5 GiB; an array holds at most 2 GiB).</summary>
    public const long MaxPartSize = 1L << 30;

    /// <summary>S3's largest part, the most one server-side copy part may take.</summary>
    public const long MaxCopyPartSize = 5L << 30;

    /// <summary>The size of part <paramref name="partNumber"/> (1-based) when the plan starts at <paramref name="basePartSize"/>.</summary>
    public static long SizeOf(int partNumber, long basePartSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partNumber, MaxParts);
        int doublings = (partNumber - 1) / PartsPerStep;
        long size = basePartSize;
        for (int i = 0; i < doublings && size < MaxPartSize; i++)
        {
            size *= 2;
        }

        return Math.Min(size, MaxPartSize);
    }

    /// <summary>How many bytes parts 1 to <paramref name="parts"/> hold together.</summary>
    public static long Capacity(int parts, long basePartSize)
    {
        long total = 0;
        for (int part = 1; part <= parts; part++)
        {
            total += SizeOf(part, basePartSize);
        }

        return total;
    }

    /// <summary>
    /// Splits the first <paramref name="length"/> bytes of an object into server-side copy ranges of at most 5 GiB
    /// each and at least 5 MiB (needs <paramref name="length"/> of 5 MiB or more), as inclusive (first, last) bytes.
    /// </summary>
    public static IReadOnlyList<(long First, long Last)> CopyRanges(long length, long maxPart = MaxCopyPartSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        long count = (length + maxPart - 1) / maxPart;
        long each = (length + count - 1) / count;
        List<(long, long)> ranges = [];
        for (long first = 0; first < length; first += each)
        {
            ranges.Add((first, Math.Min(first + each, length) - 1));
        }

        return ranges;
    }
}
