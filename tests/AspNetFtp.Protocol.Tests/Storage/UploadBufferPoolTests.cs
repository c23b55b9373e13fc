using AspNetFtp.Protocol.Storage;

namespace AspNetFtp.Protocol.Tests.Storage;

/// <summary>An object-storage profile's upload buffers: reused from one upload to the next, never more kept than one upload holds.</summary>
public sealed class UploadBufferPoolTests
{
    private const int MiB = 1 << 20;

    [Fact]
    public void A_returned_buffer_is_the_one_the_next_rent_of_its_length_gets()
    {
        var pool = new UploadBufferPool(keep: 3);
        byte[] first = pool.Rent(5 * MiB);
        pool.Return(first);

        Assert.Same(first, pool.Rent(5 * MiB));
    }

    [Fact]
    public void Buffers_returned_past_the_limit_are_dropped()
    {
        var pool = new UploadBufferPool(keep: 2);
        byte[][] rented = [pool.Rent(1024), pool.Rent(1024), pool.Rent(1024), pool.Rent(1024)];
        foreach (byte[] buffer in rented)
        {
            pool.Return(buffer);
        }

        Assert.Equal(2, pool.Kept);
    }

    [Fact]
    public void A_rent_of_another_length_gets_a_buffer_of_exactly_that_length_and_drops_the_kept_ones()
    {
        var pool = new UploadBufferPool(keep: 3);
        pool.Return(pool.Rent(5 * MiB));

        byte[] larger = pool.Rent(6 * MiB);

        Assert.Equal(6 * MiB, larger.Length);
        Assert.Equal(0, pool.Kept);
    }
}
