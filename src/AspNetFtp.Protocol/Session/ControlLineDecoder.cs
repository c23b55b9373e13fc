using System.Buffers;
using System.Text;

namespace AspNetFtp.Protocol.Session;

/// <summary>
/// Turns the bytes of one control line (LF excluded) into text: requires the CR, strips Telnet IAC
/// sequences (clients send IAC IP IAC DM before ABOR), refuses NUL, decodes UTF-8 (RFC 2640).
/// </summary>
internal static class ControlLineDecoder
{
    private const byte Iac = 0xFF;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static (LineOutcome Outcome, string? Line) Decode(ReadOnlySequence<byte> line)
    {
        int length = (int)line.Length;
        byte[]? rented = null;
        Span<byte> bytes = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            line.CopyTo(bytes);
            if (length == 0 || bytes[length - 1] != (byte)'\r')
            {
                return (LineOutcome.BareLineFeed, null);
            }

            bytes = bytes[..(length - 1)];
            int written = StripTelnet(bytes);
            bytes = bytes[..written];
            if (bytes.IndexOf((byte)0) >= 0)
            {
                return (LineOutcome.ContainsNul, null);
            }

            return (LineOutcome.Line, Utf8.GetString(bytes));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Removes IAC command pairs in place; IAC IAC stands for a literal 0xFF, which UTF-8 never uses.</summary>
    internal static int StripTelnet(Span<byte> bytes)
    {
        if (bytes.IndexOf(Iac) < 0 && (bytes.Length == 0 || bytes[0] is not (0xF2 or 0xF4)))
        {
            return bytes.Length;
        }

        int o = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == Iac)
            {
                // Skip IAC and the command byte after it (IP, DM, ...). A lone trailing IAC is dropped.
                i++;
                continue;
            }

            // DM (0xF2) can arrive without its IAC when the IAC went out-of-band as urgent data.
            if (o == 0 && bytes[i] is 0xF2 or 0xF4)
            {
                continue;
            }

            bytes[o++] = bytes[i];
        }

        return o;
    }
}
