using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Commands;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Listing;
using AspNetFtp.Protocol.Replies;
using AspNetFtp.Protocol.Security;
using CsCheck;

namespace AspNetFtp.Protocol.Tests.Fuzzing;

/// <summary>LIST and MLSD lines written for entries with hostile names: one line per entry, no control character.</summary>
public sealed class ListingFuzzTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private static readonly Gen<FtpFileInfo> Entry = Gen.Select(
        FuzzGen.HostileText, Gen.Bool, Gen.Long[0, long.MaxValue], Gen.Int[0, 0xFFF], Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks],
        Gen.OneOf(Gen.Const((string?)null), FuzzGen.HostileText.Select(s => (string?)s)))
        .Select((name, dir, length, mode, ticks, link) => new FtpFileInfo(name, dir, length, new DateTime(ticks, DateTimeKind.Utc), (UnixFileMode)mode, link, link));

    [Fact]
    public void Listing_lines_hold_one_line_per_entry_and_no_control_character_from_a_name() =>
        FuzzRun.Sample("listing formatters (LIST, MLSD, MLST)", Entry.Array[1, 4], entries =>
        {
            var lines = new List<string>();
            foreach (FtpFileInfo entry in entries)
            {
                lines.Add(UnixListFormatter.Format(entry, Now));
                lines.Add(MlsxFormatter.Format(entry, entry.Name, MlstFacts.Type | MlstFacts.Size | MlstFacts.Modify | MlstFacts.Perm | MlstFacts.Unique | MlstFacts.UnixMode, FtpPermissions.All));
            }

            using var stream = new MemoryStream();
            var writer = new ListingWriter(stream, new TransferProgress("fuzz", isUpload: false));
            foreach (string line in lines)
            {
                writer.WriteLineAsync(line, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }

            writer.FlushAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            string wire = Encoding.UTF8.GetString(stream.ToArray());
            string[] sent = wire.Split("\r\n");
            Assert.Equal(lines.Count + 1, sent.Length);
            Assert.Equal(string.Empty, sent[^1]);
            Assert.All(sent, line => Assert.False(ControlCharacters.Contains(line), PathFuzzTests.Escape(line)));
        }, es => string.Join(" | ", es.Select(e => PathFuzzTests.Escape(e.Name))));

    [Fact]
    public void A_reply_line_for_MLST_holds_no_control_character_from_the_path() =>
        FuzzRun.Sample("listing formatters (MLST reply)", Gen.Select(Entry, FuzzGen.HostileText), t =>
        {
            string line = ReplyText.Sanitize(" " + MlsxFormatter.Format(t.Item1, "/" + t.Item2, MlstFacts.Type | MlstFacts.Unique, FtpPermissions.All));
            Assert.False(ControlCharacters.Contains(line));
            Assert.Equal(-1, line.AsSpan().IndexOfAny('\r', '\n'));
        });
}
