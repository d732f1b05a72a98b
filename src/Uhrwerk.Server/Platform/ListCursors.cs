using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Platform;

/// <summary>Where a page ended in a list ordered newest first by a time and a unique id.</summary>
public readonly record struct ListPosition(DateTimeOffset At, Guid Id);

/// <summary>
/// Opaque cursors for keyset paging. A cursor is sealed with the application's data protection keys
/// (kept in the database, so every instance reads every other's cursors) and bound to the list it
/// came from, e.g. one company's orders: a cursor of another company or list, or one changed by
/// hand, is refused as invalid input instead of being read as a position.
/// </summary>
public sealed class ListCursors(IDataProtectionProvider protection)
{
    public const string Parameter = "after";

    private const int Size = sizeof(long) + 16;

    public string Write(string list, ListPosition position)
    {
        Span<byte> payload = stackalloc byte[Size];
        BinaryPrimitives.WriteInt64BigEndian(payload, position.At.UtcTicks);
        position.Id.TryWriteBytes(payload[sizeof(long)..], bigEndian: true, out _);
        return Base64Url.EncodeToString(Protector(list).Protect(payload.ToArray()));
    }

    /// <summary>
    /// The position a cursor of this list names; null without a cursor. Any other cursor is invalid input (400),
    /// or for the portal, which has no problem answers (<paramref name="orFromStart"/>), the list's start.
    /// </summary>
    public ListPosition? Read(string list, string? cursor, bool orFromStart = false) =>
        string.IsNullOrEmpty(cursor) ? null
        : TryRead(list, cursor) ?? (orFromStart ? null : throw ValidationFailedException.For(Parameter, T.Get("Common.CursorInvalid")));

    /// <summary>The page of the first <paramref name="size"/> rows, with the cursor of the next when one more row was read.</summary>
    public CursorPage<TItem> Page<TRow, TItem>(string list, IReadOnlyList<TRow> rows, int size, Func<TRow, ListPosition> positionOf, Func<TRow, TItem> item) =>
        new(rows.Take(size).Select(item).ToList(), size, rows.Count > size ? Write(list, positionOf(rows[size - 1])) : null);

    private ListPosition? TryRead(string list, string cursor)
    {
        try
        {
            var payload = Protector(list).Unprotect(Base64Url.DecodeFromChars(cursor));
            if (payload.Length != Size)
            {
                return null;
            }

            var ticks = BinaryPrimitives.ReadInt64BigEndian(payload);
            return ticks is < 0 or > 3_155_378_975_999_999_999 ? null
                : new ListPosition(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(payload.AsSpan(sizeof(long)), bigEndian: true));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    private IDataProtector Protector(string list) => protection.CreateProtector("Uhrwerk.ListCursor", list);
}
