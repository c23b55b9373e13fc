using AspNetFtp.Protocol.Paths;
using CsCheck;

namespace AspNetFtp.Protocol.Tests.Fuzzing;

/// <summary>The path resolver (<see cref="FtpPath.TryResolve"/>) against hostile client text from any current directory.</summary>
public sealed class PathFuzzTests
{
    private const string DiskRoot = "/srv/ftp/home/alice";

    private static readonly Gen<FtpPath> Current = Gen.OneOf(
            Gen.OneOf("a", "b", "etc", "%2e%2e", "\u2025", "\uFF0E\uFF0E", "x y", "\u017F"),
            Gen.String[Gen.Char['a', 'z'], 1, 12])
        .Array[0, 6]
        .Select(names => names.Aggregate(FtpPath.Root, (path, name) => path.Combine(name)));

    [Fact]
    public void A_resolved_path_is_normal_and_never_leaves_the_root() =>
        FuzzRun.Sample("path resolver", Gen.Select(Current, FuzzGen.HostileText), t =>
        {
            (FtpPath current, string text) = t;
            bool ok = FtpPath.TryResolve(current, text, out FtpPath result, out FtpPathError error);
            if (!ok)
            {
                Assert.NotEqual(FtpPathError.None, error);
                Assert.Equal(current, result);
                return;
            }

            string value = result.Value;
            Assert.StartsWith("/", value, StringComparison.Ordinal);
            Assert.True(value.Length <= FtpPath.MaxLength);
            Assert.Equal(-1, value.AsSpan().IndexOfAny("\0\r\n\\"));
            Assert.True(value == "/" || !value.EndsWith('/'));
            Assert.DoesNotContain("//", value, StringComparison.Ordinal);
            Assert.All(result.Segments, s => Assert.True(s is not ("." or "..") && s.Length <= FtpPath.MaxNameLength, s));

            // The same text resolved again from the result's own form gives the same path (idempotent).
            Assert.True(FtpPath.TryResolve(current, value, out FtpPath again, out _));
            Assert.Equal(result, again);

            // Mapped under a home on disk the way the storage joins names, it stays inside that home.
            string disk = Path.GetFullPath(Path.Join(DiskRoot, string.Join(Path.DirectorySeparatorChar, result.Segments)));
            Assert.True(disk == DiskRoot || disk.StartsWith(DiskRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal), disk);
        }, t => $"current={t.Item1.Value} text={Escape(t.Item2)}");

    [Fact]
    public void A_path_with_more_parent_steps_than_depth_is_refused_as_outside_the_root() =>
        FuzzRun.Sample("path resolver (climb)", Gen.Select(Current, Gen.Int[1, 8], Gen.OneOf("..", "../", "/..", "./..")), t =>
        {
            (FtpPath current, int extra, string step) = t;
            int depth = current.Segments.Count();
            string text = string.Concat(Enumerable.Repeat(step.Trim('/') + "/", depth + extra));
            Assert.False(FtpPath.TryResolve(current, text, out _, out FtpPathError error));
            Assert.Equal(FtpPathError.OutsideRoot, error);
        });

    internal static string Escape(string text) =>
        string.Concat(text.Take(200).Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
