namespace Uhrwerk.Server.Platform;

/// <summary>One page of a list; every list endpoint is paged so nothing returns unbounded data.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public const int MaxPageSize = 100;

    public static (int Page, int PageSize, int Skip) Clamp(int? page, int? pageSize, int defaultSize = 25)
    {
        var size = Math.Clamp(pageSize ?? defaultSize, 1, MaxPageSize);
        // Beyond this page the number of rows to skip would overflow an int and wrap around to the first page.
        var p = Math.Clamp(page ?? 1, 1, int.MaxValue / size);
        return (p, size, (p - 1) * size);
    }
}
