using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Webhooks;

/// <summary>
/// An event as the JSON body of a delivery: <c>kind</c> (the record's type name), <c>timestamp</c> (UTC, ISO 8601),
/// <c>sessionId</c>, <c>remoteAddress</c> (<c>address:port</c>), <c>user</c>, then each property of the record itself
/// in camelCase (a <see cref="TimeSpan"/> as milliseconds, named with <c>Ms</c>: <c>durationMs</c>; an enum as its
/// name; an address as text), so a new event type needs no change here. Written with <see cref="Utf8JsonWriter"/>,
/// value by value: no serializer walks an object graph.
/// </summary>
internal static class WebhookPayload
{
    private static readonly HashSet<string> BaseProperties = new(StringComparer.Ordinal)
    {
        nameof(FtpEvent.Timestamp), nameof(FtpEvent.SessionId), nameof(FtpEvent.RemoteEndPoint), nameof(FtpEvent.UserName),
    };

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    /// <summary>The UTF-8 JSON body for <paramref name="ftpEvent"/>.</summary>
    public static byte[] Serialize(FtpEvent ftpEvent)
    {
        ArgumentNullException.ThrowIfNull(ftpEvent);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", FtpEventKinds.Of(ftpEvent));
            writer.WriteString("timestamp", ftpEvent.Timestamp.ToUniversalTime());
            writer.WriteString("sessionId", ftpEvent.SessionId);
            writer.WriteString("remoteAddress", ftpEvent.RemoteEndPoint?.ToString());
            writer.WriteString("user", ftpEvent.UserName);
            foreach (PropertyInfo property in PropertiesOf(ftpEvent.GetType()))
            {
                object? value = property.GetValue(ftpEvent);
                string name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (value is TimeSpan span)
                {
                    writer.WriteNumber(name + "Ms", Milliseconds(span));
                    continue;
                }

                writer.WritePropertyName(name);
                WriteValue(writer, value, depth: 0);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static PropertyInfo[] PropertiesOf(Type type) => PropertiesByType.GetOrAdd(type, static t =>
        [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && !BaseProperties.Contains(p.Name))
            .OrderBy(p => p.MetadataToken)]);

    private static double Milliseconds(TimeSpan span) => Math.Round(span.TotalMilliseconds, 3);

    private static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case Enum kind:
                writer.WriteStringValue(kind.ToString());
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong big:
                writer.WriteNumberValue(big);
                break;
            case float or double:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case decimal amount:
                writer.WriteNumberValue(amount);
                break;
            case DateTimeOffset instant:
                writer.WriteStringValue(instant.ToUniversalTime());
                break;
            case DateTime moment:
                writer.WriteStringValue(moment.ToUniversalTime());
                break;
            case TimeSpan span:
                writer.WriteNumberValue(Milliseconds(span));
                break;
            case EndPoint or IPAddress:
                writer.WriteStringValue(value.ToString());
                break;
            case IEnumerable items when depth < 4:
                writer.WriteStartArray();
                foreach (object? item in items)
                {
                    WriteValue(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
