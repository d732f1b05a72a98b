using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Uhrwerk.Server.Modules.Tracking.Domain;

namespace Uhrwerk.Server.Modules.Tracking.Carriers;

/// <summary>
/// Reads one carrier's tracking format (its webhook calls and its polling answers are the same document) into normalised
/// updates. Adding a carrier is one class behind this interface and its registration in <see cref="TrackingModule"/>.
/// </summary>
public interface ICarrierAdapter
{
    /// <summary>The carrier's name as shipments carry it, normalised (<see cref="CarrierName.Normalise"/>).</summary>
    string Carrier { get; }

    /// <summary>Every parcel the message speaks of; throws <see cref="CarrierFormatException"/> when the body is not in the carrier's format.</summary>
    IReadOnlyList<TrackingUpdate> Parse(string body);

    /// <summary>
    /// How to ask the carrier about one parcel, relative to its configured polling base URL, with its API key; the answer
    /// is read by <see cref="Parse"/>. Null for carriers that only send webhooks.
    /// </summary>
    HttpRequestMessage? PollRequest(string trackingNumber, string? apiKey) => null;
}

/// <summary>A carrier message that cannot be read: kept as failed with this message, never retried.</summary>
public sealed class CarrierFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The adapters by carrier name.</summary>
public sealed class CarrierAdapters(IEnumerable<ICarrierAdapter> adapters)
{
    private readonly Dictionary<string, ICarrierAdapter> _byCarrier = adapters.ToDictionary(a => a.Carrier, StringComparer.Ordinal);

    public ICarrierAdapter? For(string carrier) => _byCarrier.GetValueOrDefault(CarrierName.Normalise(carrier));
}

/// <summary>What the adapters share: reading JSON defensively and naming scans that come without an id.</summary>
internal static class CarrierJson
{
    public static JsonDocument Read(string body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new CarrierFormatException("The body is not JSON: " + e.Message, e);
        }
    }

    public static string? Text(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString() is { Length: > 0 } s ? s.Trim() : null,
            JsonValueKind.Number => current.GetRawText(),
            _ => null,
        };
    }

    public static IEnumerable<JsonElement> Array(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    public static DateTimeOffset Time(string? text, string what) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new CarrierFormatException($"{what}: '{text}' is not a time.");

    public static DateTimeOffset? OptionalTime(string? text, string what) => text is null ? null : Time(text, what);

    /// <summary>
    /// An id for a scan the carrier gave none: the same scan reported again (by webhook or poll) gets the same id, so it
    /// is recorded once.
    /// </summary>
    public static string DerivedEventId(string trackingNumber, DateTimeOffset occurredAt, string? code, string? location) =>
        "h-" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{trackingNumber}|{occurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}|{code}|{location}")).AsSpan(0, 18));

    public static string? Place(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct().ToList() is { Count: > 0 } present ? string.Join(", ", present) : null;

    public static bool Mentions(string? text, params string[] words) =>
        text is not null && words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
