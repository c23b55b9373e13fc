using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Quotas;

/// <summary>
/// What one running upload holds of its user's quota on this node: the file it may add (a new name) and the bytes
/// received so far past the <c>credit</c> (the bytes of the replaced file that go away). Every read of the data
/// connection reserves its bytes in the user's shared <see cref="QuotaLedger.Account"/> before they are written, so
/// the user's uploads running together cannot pass the quota; the end of the upload (complete, cut, aborted or
/// refused) commits what the target became and gives everything back, once.
/// </summary>
internal sealed class QuotaReservation
{
    private readonly FtpUser _user;
    private readonly QuotaLedger.Account _account;
    private readonly long? _quotaBytes;
    private readonly long _credit;
    private long _received;
    private long _heldBytes;
    private long _heldFiles;
    private int _ended;

    public QuotaReservation(FtpUser user, QuotaLedger.Account account, long? quotaBytes, long credit, bool heldFile)
    {
        _user = user;
        _account = account;
        _quotaBytes = quotaBytes;
        _credit = credit;
        _heldFiles = heldFile ? 1 : 0;
    }

    /// <summary>Whether the upload limits bytes (a transfer without a byte quota reserves only its file).</summary>
    public bool LimitsBytes => _quotaBytes is not null;

    /// <summary>Counts <paramref name="count"/> more bytes received; false (nothing reserved) when they would pass the quota.</summary>
    public bool TryReceive(int count)
    {
        _received += count;
        if (_quotaBytes is not long quota)
        {
            return true;
        }

        long needed = Math.Max(0, _received - _credit);
        if (needed <= _heldBytes)
        {
            return true;
        }

        if (!_account.TryReserve(needed - _heldBytes, quota))
        {
            return false;
        }

        _heldBytes = needed;
        return true;
    }

    /// <summary>Commits <paramref name="delta"/> (what the target became against what it was) and gives the reservation back; only the first call counts.</summary>
    public ValueTask EndAsync(FtpQuotaUsage delta, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        long bytes = _heldBytes;
        long files = _heldFiles;
        _heldBytes = 0;
        _heldFiles = 0;
        return _account.CommitAsync(_user, delta, bytes, files, cancellationToken);
    }
}
