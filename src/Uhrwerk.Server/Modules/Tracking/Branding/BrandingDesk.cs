using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Tracking.Branding;

public sealed record RelatedItemInput(
    [property: StringLength(40)] string? Sku,
    [property: StringLength(500)] string? Url,
    [property: Required, StringLength(100)] string TitleDe,
    [property: StringLength(100)] string? TitleEn);

/// <summary>A logo as uploaded: its type (image/png or image/svg+xml) and its bytes in base64.</summary>
public sealed record LogoInput(
    [property: Required, StringLength(20)] string ContentType,
    [property: Required, StringLength(350_000)] string Data);

/// <summary>The tracking pages' look. Without <c>logo</c> the stored logo stays, unless <c>removeLogo</c> is set.</summary>
public sealed record BrandingRequest(
    [property: Required, StringLength(7)] string PrimaryColour,
    [property: Required, StringLength(7)] string AccentColour,
    [property: StringLength(40)] string? ContactPhone,
    [property: StringLength(200)] string? ContactEmail,
    [property: StringLength(200)] string? ContactHours,
    [property: StringLength(4000)] string? LegalNoticeText,
    [property: StringLength(500)] string? LegalNoticeUrl,
    [property: MaxLength(TrackingBranding.MaxRelatedItems)] IReadOnlyList<RelatedItemInput>? Related,
    LogoInput? Logo,
    bool RemoveLogo = false);

public sealed record BrandingResponse(
    string PrimaryColour, string AccentColour, string? ContactPhone, string? ContactEmail, string? ContactHours, string? LegalNoticeText, string? LegalNoticeUrl,
    IReadOnlyList<RelatedItem> Related, string? LogoUrl, int Version)
{
    internal static BrandingResponse Of(TrackingBranding b) => new(b.PrimaryColour, b.AccentColour, b.ContactPhone, b.ContactEmail, b.ContactHours, b.LegalNoticeText,
        b.LegalNoticeUrl, b.Related.ToList(), b.Logo is null ? null : $"{BrandingAssets.LogoPath}?v={b.Version}", b.Version);
}

/// <summary>
/// Staff set the supplier's branding; the public pages read it from memory, since it changes seldom and is on every page.
/// Another instance sees a change within <see cref="CacheFor"/>.
/// </summary>
public sealed class BrandingDesk(UhrwerkDbContext db, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const string CacheKey = "tracking-branding";

    public async Task<TrackingBranding> CurrentAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await db.TrackingBranding.AsNoTracking().SingleOrDefaultAsync(b => b.Id == TrackingBranding.SingletonId, ct) ?? TrackingBranding.Default();
        }))!;

    public async Task<BrandingResponse> SaveAsync(BrandingRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var branding = await db.TrackingBranding.SingleOrDefaultAsync(b => b.Id == TrackingBranding.SingletonId, ct);
        if (branding is null)
        {
            branding = TrackingBranding.Default();
            db.TrackingBranding.Add(branding);
        }

        branding.Rebrand(request.PrimaryColour, request.AccentColour, request.ContactPhone, request.ContactEmail, request.ContactHours, request.LegalNoticeText,
            request.LegalNoticeUrl, (request.Related ?? []).Select(r => new RelatedItem(r.Sku, r.Url, r.TitleDe, r.TitleEn)).ToList());
        if (request.Logo is { } logo)
        {
            branding.ReplaceLogo(logo.ContentType, Decode(logo.Data));
        }
        else if (request.RemoveLogo)
        {
            branding.RemoveLogo();
        }

        await db.SaveChangesAsync(ct);
        cache.Remove(CacheKey);
        return BrandingResponse.Of(branding);
    }

    private static byte[] Decode(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw ValidationFailedException.For("logo.data", T.Get("Branding.LogoType"));
        }
    }
}
