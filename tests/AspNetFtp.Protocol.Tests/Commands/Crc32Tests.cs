using System.Text;
using AspNetFtp.Protocol.Commands;

namespace AspNetFtp.Protocol.Tests.Commands;

public sealed class Crc32Tests
{
    [Fact]
    public void The_crc_of_the_standard_check_string_is_cbf43926() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void The_crc_of_nothing_is_zero() =>
        Assert.Equal(0u, Crc32.Compute([]));

    [Fact]
    public void The_crc_of_the_quick_brown_fox_is_414fa339() =>
        Assert.Equal(0x414FA339u, Crc32.Compute(Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog")));

    [Fact]
    public async Task The_streamed_crc_equals_the_one_shot_crc_across_buffer_boundaries()
    {
        byte[] data = [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31))];
        using var stream = new MemoryStream(data);

        Assert.Equal(Crc32.Compute(data), await Crc32.ComputeAsync(stream, CancellationToken.None));
    }
}
