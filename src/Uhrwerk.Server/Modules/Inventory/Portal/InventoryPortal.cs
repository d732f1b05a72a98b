using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.Portal;

/// <summary>Form checks and in-memory paging shared by the inventory back-office pages.</summary>
internal static class InventoryPortal
{
    // Posted fields are optional to the form binder; a missing one is a field error, not a null reference in the use case.
    public static string Required(string? value, string field, string messageKey) =>
        string.IsNullOrWhiteSpace(value) ? throw ValidationFailedException.For(field, T.Get(messageKey)) : value.Trim();

    public static int Quantity(int? quantity, bool signed = false) =>
        quantity is { } q && q != 0 && (signed || q > 0) ? q : throw ValidationFailedException.For("quantity", T.Get("Inventory.Quantity"));

    public static DateOnly Date(DateOnly? date, string field) => date ?? throw ValidationFailedException.For(field, T.Get("Inventory.DateRequired"));

    /// <summary>Planning reports come whole; the page shows them a page at a time like every other list.</summary>
    public static PagedList<TItem> PageOf<TItem>(IReadOnlyList<TItem> all, int? page, int pageSize = 50)
    {
        var (p, size, skip) = PagedList<TItem>.Clamp(page, pageSize, pageSize);
        return new PagedList<TItem>(all.Skip(skip).Take(size).ToList(), p, size, all.Count);
    }

    public static string Signed(int quantity) => quantity.ToString("+#;-#;0", System.Globalization.CultureInfo.CurrentCulture);
}
