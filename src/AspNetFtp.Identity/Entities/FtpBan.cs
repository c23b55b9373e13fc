namespace AspNetFtp.Identity.Entities;

/// <summary>An address refused at connect, shared by every node that uses the database.</summary>
public class FtpBan
{
    /// <summary>The longest address text: an IPv6 address with a prefix length.</summary>
    public const int MaxAddressLength = 64;

    /// <summary>The longest reason kept, in characters.</summary>
    public const int MaxReasonLength = 256;

    /// <summary>The longest name of who made the ban, in characters.</summary>
    public const int MaxCreatedByLength = 256;

    /// <summary>The key.</summary>
    public int Id { get; set; }

    /// <summary>The canonical text of the address, or of an IPv6 prefix as the connection limits count it; unique.</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>Why the address was banned.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>When the ban started, in UTC.</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>When the ban ends, in UTC; null: until lifted.</summary>
    public DateTime? ExpiresUtc { get; set; }

    /// <summary>How many times this address has been banned, this ban included.</summary>
    public int Offences { get; set; }

    /// <summary>Who banned it: null for the defender, else the administrator's or command-line user's name.</summary>
    public string? CreatedBy { get; set; }
}
