using System.Globalization;
using System.Text;

namespace AspNetFtp.Storage.Azure.Uploads;

/// <summary>
/// The block IDs of one upload: the base64 of a fixed-length text naming the upload and the block's number, so every
/// ID of a blob has the same length (the service requires it) and no two uploads' IDs meet.
/// </summary>
internal sealed class BlockIds
{
    /// <summary>The length of every ID this class makes (base64 of 48 bytes).</summary>
    public const int Length = 64;

    private readonly string _upload = Guid.NewGuid().ToString("N");

    /// <summary>The ID of block number <paramref name="index"/>.</summary>
    public string Of(int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"aspnetftp-{_upload}{index:D6}")));
}
