using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Data;
using CsCheck;

namespace AspNetFtp.Protocol.Tests.Fuzzing;

/// <summary>The PORT and EPRT argument parsers: only a well-formed address and a port from 1 to 65535 get through.</summary>
public sealed class ActiveAddressFuzzTests
{
    private static readonly Gen<string> Number = Gen.OneOf(
        Gen.Int[0, 2].Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[0, 300].Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf("-1", "+1", "0x7f", "00", "256", "65536", "1e2", " 1", "1 ", "\u0661", "\uFF11", "", "999999999999"));

    private static readonly Gen<string> PortArgument = Gen.OneOf(
        Number.Array[4, 8].Select(parts => string.Join(',', parts)),
        Gen.Select(Number.Array[6], FuzzGen.Trick).Select((parts, t) => string.Join(',', parts) + t),
        FuzzGen.HostileText);

    private static readonly Gen<string> EprtArgument = Gen.OneOf(
        Gen.Select(Gen.OneOf("|", "!", ",", "1", " "), Gen.OneOf("1", "2", "3", "", "01"),
                Gen.OneOf("127.0.0.1", "127.1", "2130706433", "0x7f.0.0.1", "::1", "::ffff:127.0.0.1", "fe80::1%1", "1.2.3.4", "999.0.0.1", "", "[::1]"),
                Number)
            .Select((d, proto, address, port) => $"{d}{proto}{d}{address}{d}{port}{d}"),
        FuzzGen.HostileText);

    [Fact]
    public void Port_accepts_only_six_decimal_bytes_with_a_port_from_1_to_65535() =>
        FuzzRun.Sample("PORT parser", PortArgument, argument =>
        {
            if (!ActiveAddressParser.TryParsePort(argument, out IPEndPoint? target))
            {
                return;
            }

            Assert.Equal(AddressFamily.InterNetwork, target.AddressFamily);
            Assert.InRange(target.Port, 1, 65535);
            string[] parts = argument.Trim().Split(',');
            byte[] address = target.Address.GetAddressBytes();
            int[] expected = [.. address.Select(b => (int)b), target.Port >> 8, target.Port & 0xFF];
            Assert.Equal(expected, parts.Select(p => int.Parse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture)));
        }, PathFuzzTests.Escape);

    [Fact]
    public void Port_round_trips_every_address_and_port() =>
        FuzzRun.Sample("PORT parser (round trip)", Gen.Select(Gen.Byte.Array[4], Gen.Int[1, 65535]), t =>
        {
            (byte[] address, int port) = t;
            string argument = string.Join(',', address.Select(b => b.ToString(CultureInfo.InvariantCulture))) + string.Create(CultureInfo.InvariantCulture, $",{port >> 8},{port & 0xFF}");
            Assert.True(ActiveAddressParser.TryParsePort(argument, out IPEndPoint? target));
            Assert.Equal(new IPEndPoint(new IPAddress(address), port), target);
        });

    [Fact]
    public void Eprt_accepts_only_a_canonical_address_of_the_named_family_and_a_port_from_1_to_65535() =>
        FuzzRun.Sample("EPRT parser", EprtArgument, argument =>
        {
            if (ActiveAddressParser.TryParseEprt(argument, out IPEndPoint? target) != EprtParseResult.Ok)
            {
                Assert.Null(target);
                return;
            }

            string arg = argument.Trim();
            string[] fields = arg.Split(arg[0]);
            Assert.Equal(fields[1] == "1" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6, target!.AddressFamily);
            Assert.InRange(target.Port, 1, 65535);
            Assert.Equal(0L, target.Address.AddressFamily == AddressFamily.InterNetworkV6 ? target.Address.ScopeId : 0L);
            if (target.AddressFamily == AddressFamily.InterNetwork)
            {
                Assert.Equal(target.Address.ToString(), fields[2]);
            }
        }, PathFuzzTests.Escape);
}
