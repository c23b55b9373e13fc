using AspNetFtp.Storage.Azure.Uploads;

namespace AspNetFtp.Storage.Azure.Tests.Uploads;

/// <summary>The block sizes of an upload: the base size for files of a few GiB, growing so that 5 TiB fits in 50,000 blocks.</summary>
public sealed class BlockSizePlanTests
{
    [Theory]
    [InlineData(1L << 20)]
    [InlineData(4L << 20)]
    [InlineData(8L << 20)]
    [InlineData(256L << 20)]
    public void Fifty_thousand_blocks_hold_at_least_five_tebibytes_whatever_the_base_size(long baseSize)
    {
        long total = 0;
        long previous = 0;
        for (int index = 0; index < BlockSizePlan.MaxBlocks; index++)
        {
            long size = BlockSizePlan.BlockSize(baseSize, index);
            Assert.True(size >= previous, $"block {index} shrank");
            Assert.True(size <= BlockSizePlan.MaxBlockSize, $"block {index} is {size} bytes");
            total += size;
            previous = size;
        }

        Assert.True(total >= 5L << 40, $"{total} bytes");
    }

    [Fact]
    public void A_ten_gibibyte_upload_with_eight_mebibyte_blocks_never_needs_a_block_above_sixteen_mebibytes()
    {
        long total = 0;
        int index = 0;
        long largest = 0;
        while (total < 10L << 30)
        {
            long size = BlockSizePlan.BlockSize(8L << 20, index++);
            largest = Math.Max(largest, size);
            total += size;
        }

        Assert.Equal(16L << 20, largest);
        Assert.Equal(8L << 20, BlockSizePlan.BlockSize(8L << 20, 999));
        Assert.Equal(16L << 20, BlockSizePlan.BlockSize(8L << 20, 1000));
    }
}
