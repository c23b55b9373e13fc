using System.Globalization;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Protocol.Storage.Profiles;

/// <summary>
/// Reads one storage profile's settings, so that every kind refuses a bad value the same way: an
/// <see cref="FtpStorageProfileException"/> naming the profile, the full key and the value.
/// </summary>
public static class ProfileSettings
{
    /// <summary>The full configuration key of <paramref name="key"/> in profile <paramref name="profile"/>, for messages.</summary>
    public static string KeyOf(string profile, string key) => $"FtpServer:{FtpStorageProfiles.SectionKey}:{profile}:{key}";

    /// <summary>A required text setting.</summary>
    public static string Required(IConfiguration section, string profile, string key)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? value = section[key];
        return string.IsNullOrWhiteSpace(value)
            ? throw new FtpStorageProfileException($"Storage profile '{profile}': {KeyOf(profile, key)} is required.")
            : value.Trim();
    }

    /// <summary>An optional text setting; null when missing or blank.</summary>
    public static string? Optional(IConfiguration section, string key)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? value = section[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>
    /// The <paramref name="key"/> (normally <c>Prefix</c>) of an object store: where the profile's keys begin. Leading
    /// and trailing <c>/</c> are dropped and one <c>/</c> is put back at the end (empty stays empty); a segment that is
    /// empty (<c>a//b</c>), <c>.</c> or <c>..</c>, or holds a backslash or control character is refused, so no prefix
    /// can climb or name one place two ways. It may hold <c>{username}</c> (<see cref="UserNameTemplate"/>).
    /// </summary>
    public static string KeyPrefix(IConfiguration section, string profile, string key = "Prefix")
    {
        string? prefix = Optional(section, key);
        string trimmed = (prefix ?? string.Empty).Trim('/');
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }

        foreach (string segment in trimmed.Split('/'))
        {
            if (segment is "" or "." or ".." || segment.Any(c => c == '\\' || char.IsControl(c)))
            {
                throw new FtpStorageProfileException(
                    $"Storage profile '{profile}': {KeyOf(profile, key)} is '{prefix}'; "
                    + "its segments cannot be empty, '.' or '..', nor hold a backslash or control character.");
            }
        }

        return trimmed + "/";
    }

    /// <summary>A true/false setting; <paramref name="fallback"/> when missing.</summary>
    public static bool Bool(IConfiguration section, string profile, string key, bool fallback)
    {
        string? value = Optional(section, key);
        if (value is null)
        {
            return fallback;
        }

        return bool.TryParse(value, out bool result)
            ? result
            : throw new FtpStorageProfileException($"Storage profile '{profile}': {KeyOf(profile, key)} is '{value}'; use true or false.");
    }

    /// <summary>
    /// A size in bytes, written as a number of bytes or with K, M or G (binary units: <c>8M</c> = 8 MiB), within
    /// [<paramref name="minimum"/>, <paramref name="maximum"/>]; <paramref name="fallback"/> when missing.
    /// </summary>
    public static long Size(IConfiguration section, string profile, string key, long fallback, long minimum, long maximum)
    {
        string? value = Optional(section, key);
        if (value is null)
        {
            return fallback;
        }

        long multiplier = char.ToUpperInvariant(value[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            _ => 1,
        };
        string digits = multiplier == 1 ? value : value[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long number)
            || number > maximum / multiplier || number * multiplier < minimum)
        {
            throw new FtpStorageProfileException(
                $"Storage profile '{profile}': {KeyOf(profile, key)} is '{value}'; use a size from {minimum} to {maximum} bytes (K, M and G allowed).");
        }

        return number * multiplier;
    }

    /// <summary>A whole number within [<paramref name="minimum"/>, <paramref name="maximum"/>]; <paramref name="fallback"/> when missing.</summary>
    public static int Int(IConfiguration section, string profile, string key, int fallback, int minimum, int maximum)
    {
        string? value = Optional(section, key);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= minimum && number <= maximum
            ? number
            : throw new FtpStorageProfileException(
                $"Storage profile '{profile}': {KeyOf(profile, key)} is '{value}'; use a whole number from {minimum} to {maximum}.");
    }

    /// <summary>A time span (<c>hh:mm:ss</c>) within [<paramref name="minimum"/>, <paramref name="maximum"/>]; <paramref name="fallback"/> when missing.</summary>
    public static TimeSpan Time(IConfiguration section, string profile, string key, TimeSpan fallback, TimeSpan minimum, TimeSpan maximum)
    {
        string? value = Optional(section, key);
        if (value is null)
        {
            return fallback;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out TimeSpan time) && time >= minimum && time <= maximum
            ? time
            : throw new FtpStorageProfileException(
                $"Storage profile '{profile}': {KeyOf(profile, key)} is '{value}'; use a time (hh:mm:ss) from {minimum} to {maximum}.");
    }
}
