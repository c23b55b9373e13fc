using System.Collections.Concurrent;
using AspNetFtp.Protocol.Data;

namespace AspNetFtp.Protocol.Tests.Data;

public sealed class PassivePortPoolTests
{
    [Fact]
    public void Without_ranges_every_rent_asks_the_kernel_for_any_port()
    {
        var pool = new PassivePortPool(null);

        Assert.True(pool.UsesEphemeralPorts);
        Assert.True(pool.TryRent(out int first));
        Assert.True(pool.TryRent(out int second));
        Assert.Equal(0, first);
        Assert.Equal(0, second);
        Assert.Equal(0, pool.InUseCount);
    }

    [Fact]
    public void Rented_ports_come_from_the_ranges()
    {
        PortRanges ranges = PortRanges.Parse("40000-40009,40100");
        var pool = new PassivePortPool(ranges);

        for (int i = 0; i < ranges.Count; i++)
        {
            Assert.True(pool.TryRent(out int port));
            Assert.True(ranges.Contains(port), $"{port} is outside {ranges}");
        }
    }

    [Fact]
    public void Concurrent_renting_never_hands_out_a_port_twice()
    {
        var pool = new PassivePortPool(PortRanges.Parse("30000-30999"));
        var rented = new ConcurrentBag<int>();

        Parallel.For(0, 1200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (pool.TryRent(out int port))
            {
                rented.Add(port);
            }
        });

        Assert.Equal(1000, rented.Count);
        Assert.Equal(1000, rented.Distinct().Count());
        Assert.Equal(1000, pool.InUseCount);
    }

    [Fact]
    public void An_exhausted_pool_refuses_to_rent()
    {
        var pool = new PassivePortPool(PortRanges.Parse("40000-40001"));
        Assert.True(pool.TryRent(out _));
        Assert.True(pool.TryRent(out _));

        Assert.False(pool.TryRent(out int port));
        Assert.Equal(0, port);
    }

    [Fact]
    public void A_returned_port_can_be_rented_again()
    {
        var pool = new PassivePortPool(PortRanges.Parse("40000-40002"));
        Assert.True(pool.TryRent(out int a));
        Assert.True(pool.TryRent(out _));
        Assert.True(pool.TryRent(out _));

        pool.Return(a);

        Assert.Equal(2, pool.InUseCount);
        Assert.True(pool.TryRent(out int again));
        Assert.Equal(a, again);
    }

    [Fact]
    public void Concurrent_renting_and_returning_keeps_every_port_unique_while_held()
    {
        var pool = new PassivePortPool(PortRanges.Parse("41000-41015"));
        var held = new ConcurrentDictionary<int, int>();
        int duplicates = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (!pool.TryRent(out int port))
            {
                return;
            }

            if (!held.TryAdd(port, 0))
            {
                Interlocked.Increment(ref duplicates);
            }

            held.TryRemove(port, out int _);
            pool.Return(port);
        });

        Assert.Equal(0, duplicates);
        Assert.Equal(0, pool.InUseCount);
    }
}
