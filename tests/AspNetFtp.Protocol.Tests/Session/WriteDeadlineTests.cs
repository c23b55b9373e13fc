using AspNetFtp.Protocol.Session;
using Microsoft.Extensions.Time.Testing;

namespace AspNetFtp.Protocol.Tests.Session;

/// <summary>The control channel's write deadline at its exact boundaries, on a fake clock.</summary>
public sealed class WriteDeadlineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private int _expired;

    private WriteDeadline Create() => new(_time, () => _expired++);

    [Fact]
    public void A_write_still_pending_at_its_deadline_expires_exactly_then_and_once()
    {
        using WriteDeadline deadline = Create();
        deadline.Arm(Limit);

        _time.Advance(Limit - TimeSpan.FromTicks(1));
        Assert.Equal(0, _expired);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, _expired);
        _time.Advance(Limit * 3);
        Assert.Equal(1, _expired);
    }

    [Fact]
    public void A_write_that_finished_in_time_never_expires()
    {
        using WriteDeadline deadline = Create();
        deadline.Arm(Limit);
        _time.Advance(Limit / 2);

        deadline.Clear();
        _time.Advance(Limit * 3);

        Assert.Equal(0, _expired);
    }

    [Fact]
    public void Each_write_gets_its_own_full_deadline()
    {
        using WriteDeadline deadline = Create();
        deadline.Arm(Limit);
        _time.Advance(TimeSpan.FromSeconds(5));
        deadline.Clear();
        deadline.Arm(Limit);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, _expired);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _expired);
    }
}
