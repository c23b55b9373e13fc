namespace AspNetFtp.Protocol.Paths;

/// <summary>
/// A normalized, jailed virtual path: always absolute from the user's root, no <c>.</c> or <c>..</c>
/// segments, no NUL, CR, LF or backslash. Only <see cref="FtpPath.TryResolve"/> creates one from client text,
/// so a path above the root is unrepresentable.
/// </summary>
public readonly struct FtpPath : IEquatable<FtpPath>
{
    /// <summary>The longest path accepted, in characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>The longest single name accepted, in characters.</summary>
    public const int MaxNameLength = 255;

    private readonly string? _value;

    private FtpPath(string value) => _value = value;

    /// <summary>The user's root, <c>/</c>: the home directory of the login.</summary>
    public static FtpPath Root { get; } = new("/");

    /// <summary>The path text, <c>/</c> for the root.</summary>
    public string Value => _value ?? "/";

    /// <summary>True for <see cref="Root"/>.</summary>
    public bool IsRoot => Value.Length == 1;

    /// <summary>The last name, empty for the root.</summary>
    public string Name => IsRoot ? string.Empty : Value[(Value.LastIndexOf('/') + 1)..];

    /// <summary>The directory holding this path (the root's parent is the root).</summary>
    public FtpPath Parent
    {
        get
        {
            if (IsRoot)
            {
                return this;
            }

            int slash = Value.LastIndexOf('/');
            return slash == 0 ? Root : new FtpPath(Value[..slash]);
        }
    }

    /// <summary>The names from the root down.</summary>
    public IEnumerable<string> Segments => Value.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Resolves client text against the current directory. Fails on forbidden characters, over-long names,
    /// names the server keeps for itself and any <c>..</c> that would climb above the root.
    /// </summary>
    public static bool TryResolve(FtpPath current, string? text, out FtpPath result, out FtpPathError error)
    {
        result = current;
        error = FtpPathError.None;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text.Length > MaxLength)
        {
            error = FtpPathError.TooLong;
            return false;
        }

        if (text.AsSpan().IndexOfAny('\0', '\r', '\n') >= 0 || text.Contains('\\', StringComparison.Ordinal))
        {
            error = FtpPathError.InvalidCharacter;
            return false;
        }

        var segments = new List<string>();
        if (text[0] != '/')
        {
            segments.AddRange(current.Segments);
        }

        foreach (string segment in text.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    error = FtpPathError.OutsideRoot;
                    return false;
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            if (segment.Length > MaxNameLength)
            {
                error = FtpPathError.TooLong;
                return false;
            }

            if (ReservedNames.IsReserved(segment))
            {
                error = FtpPathError.Reserved;
                return false;
            }

            segments.Add(segment);
        }

        result = segments.Count == 0 ? Root : new FtpPath("/" + string.Join('/', segments));
        if (result.Value.Length > MaxLength)
        {
            error = FtpPathError.TooLong;
            result = current;
            return false;
        }

        return true;
    }

    /// <summary>Resolves client text from the root.</summary>
    public static FtpPath Parse(string text) =>
        TryResolve(Root, text, out FtpPath p, out FtpPathError e) ? p : throw new FormatException($"Invalid FTP path ({e}).");

    /// <summary>A child of this directory; the name must be a single valid name.</summary>
    public FtpPath Combine(string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.AsSpan().IndexOfAny("/\\\0\r\n") >= 0 || name.Length > MaxNameLength)
        {
            throw new ArgumentException("Not a single valid name.", nameof(name));
        }

        return new FtpPath(IsRoot ? "/" + name : Value + "/" + name);
    }

    /// <summary>True when both paths have the same text (ordinal, case-sensitive).</summary>
    public bool Equals(FtpPath other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FtpPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The path text, as <see cref="Value"/>.</summary>
    public override string ToString() => Value;

    /// <summary>True when both paths have the same text (ordinal).</summary>
    public static bool operator ==(FtpPath left, FtpPath right) => left.Equals(right);

    /// <summary>True when the paths differ (ordinal).</summary>
    public static bool operator !=(FtpPath left, FtpPath right) => !left.Equals(right);
}
