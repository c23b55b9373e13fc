namespace AspNetFtp.Storage.Azure.Uploads;

/// <summary>
/// How large each staged block of one upload is: the profile's <c>BlockSize</c> for the first blocks, then growing by
/// that size every <see cref="GrowthStep"/> blocks, so that the service's <see cref="MaxBlocks"/> blocks hold at least
/// <see cref="MinimumCapacity"/> whatever the base size, while a file of a few GiB keeps the base size.
/// </summary>
internal static class BlockSizePlan
{
    /// <summary>The most blocks a block blob may commit.</summary>
    public const int MaxBlocks = 50_000;

    /// <summary>The largest block the service stages (4000 MiB).</summary>
    public const long MaxBlockSize = 4000L << 20;

    /// <summary>What an upload may reach within <see cref="MaxBlocks"/>: 5 TiB.</summary>
    public const long MinimumCapacity = 5L << 40;

    /// <summary>The base size whose blocks grow every 1,000 blocks; a smaller base grows sooner, a larger later.</summary>
    private const long ReferenceSize = 8L << 20;

    /// <summary>The size of block number <paramref name="index"/> (from 0) of an upload whose base size is <paramref name="baseSize"/>.</summary>
    public static long BlockSize(long baseSize, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseSize);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        long step = GrowthStep(baseSize);
        long multiple = 1 + (index / step);
        return multiple > MaxBlockSize / baseSize ? MaxBlockSize : baseSize * multiple;
    }

    /// <summary>
    /// The number of blocks after which the size grows by <paramref name="baseSize"/>: 1,000 at 8 MiB, proportionally
    /// to the base otherwise, so the sum over <see cref="MaxBlocks"/> blocks (about 8 MiB × 50,000² / 2,000 = 10 TiB) does
    /// not depend on the base.
    /// </summary>
    public static long GrowthStep(long baseSize) => Math.Max(1, 1000 * baseSize / ReferenceSize);
}
