using AspNetFtp.Storage.S3.Uploads;

namespace AspNetFtp.Storage.S3.Tests.Unit;

public sealed class PartSizePlanTests
{
    private const long MiB = 1L << 20;
    private const long TiB = 1L << 40;

    [Theory]
    [InlineData(5 * MiB)]
    [InlineData(8 * MiB)]
    [InlineData(64 * MiB)]
    [InlineData(1024 * MiB)]
    public void Ten_thousand_parts_hold_at_least_S3s_largest_object_of_five_TiB(long basePartSize)
    {
        Assert.True(PartSizePlan.Capacity(PartSizePlan.MaxParts, basePartSize) >= 5 * TiB);
    }

    [Fact]
    public void Parts_keep_the_configured_size_for_the_first_step_then_double()
    {
        Assert.Equal(8 * MiB, PartSizePlan.SizeOf(1, 8 * MiB));
        Assert.Equal(8 * MiB, PartSizePlan.SizeOf(PartSizePlan.PartsPerStep, 8 * MiB));
        Assert.Equal(16 * MiB, PartSizePlan.SizeOf(PartSizePlan.PartsPerStep + 1, 8 * MiB));
        Assert.Equal(32 * MiB, PartSizePlan.SizeOf((2 * PartSizePlan.PartsPerStep) + 1, 8 * MiB));
    }

    [Fact]
    public void A_part_never_grows_past_one_GiB_the_most_held_in_memory()
    {
        Assert.Equal(1024 * MiB, PartSizePlan.SizeOf(PartSizePlan.MaxParts, 5 * MiB));
        Assert.Equal(1024 * MiB, PartSizePlan.SizeOf(PartSizePlan.MaxParts, 1024 * MiB));
    }

    [Fact]
    public void A_one_GiB_upload_with_the_default_eight_MiB_parts_stays_on_eight_MiB_parts()
    {
        Assert.Equal(8 * MiB, PartSizePlan.SizeOf(128, 8 * MiB));
    }

    [Fact]
    public void Copy_ranges_cover_every_byte_once_in_parts_of_five_GiB_at_most_and_five_MiB_at_least()
    {
        long length = (12L << 30) + 7;
        IReadOnlyList<(long First, long Last)> ranges = PartSizePlan.CopyRanges(length);
        Assert.Equal(3, ranges.Count);
        Assert.Equal(0, ranges[0].First);
        Assert.Equal(length - 1, ranges[^1].Last);
        for (int i = 0; i < ranges.Count; i++)
        {
            long size = ranges[i].Last - ranges[i].First + 1;
            Assert.InRange(size, 5 * MiB, 5L << 30);
            if (i > 0)
            {
                Assert.Equal(ranges[i - 1].Last + 1, ranges[i].First);
            }
        }
    }

    [Fact]
    public void A_copy_up_to_five_GiB_is_one_range()
    {
        Assert.Equal([(0L, (5L << 30) - 1)], PartSizePlan.CopyRanges(5L << 30));
    }
}
