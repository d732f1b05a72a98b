using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Tracking.Domain;

/// <summary>A product or a page of service information that the tracking page suggests, titled in both languages.</summary>
public sealed record RelatedItem(string? Sku, string? Url, string TitleDe, string? TitleEn)
{
    public string Title(string language) => language == "en" && TitleEn is { Length: > 0 } en ? en : TitleDe;
}

/// <summary>
/// How the supplier's tracking pages look and whom they name: logo, colours, contact, legal notice and a few related
/// items. One per installation (the supplier is the one tenant; the customers are companies), so its id is fixed.
/// </summary>
public sealed partial class TrackingBranding
{
    public const int SingletonId = 1;
    public const int MaxLogoBytes = 256 * 1024;
    public const int MaxRelatedItems = 5;

    /// <summary>Uhrwerk's own look until staff set the supplier's.</summary>
    public const string DefaultPrimary = "#1F4E79";
    public const string DefaultAccent = "#8A4B08";

    private readonly List<RelatedItem> _related = [];

    private TrackingBranding() { }

    public int Id { get; private set; }
    public string PrimaryColour { get; private set; } = DefaultPrimary;
    public string AccentColour { get; private set; } = DefaultAccent;
    public string? ContactPhone { get; private set; }
    public string? ContactEmail { get; private set; }
    public string? ContactHours { get; private set; }
    public string? LegalNoticeText { get; private set; }
    public string? LegalNoticeUrl { get; private set; }
    public string? LogoContentType { get; private set; }
    public byte[]? Logo { get; private set; }
    public IReadOnlyList<RelatedItem> Related => _related;
    public int Version { get; private set; }

    public static TrackingBranding Default() => new() { Id = SingletonId };

    /// <summary>Staff set the look and the contact. Colours must be readable as text and as background behind white text (WCAG AA, 4.5:1).</summary>
    public void Rebrand(string primary, string accent, string? phone, string? email, string? hours, string? legalText, string? legalUrl, IReadOnlyList<RelatedItem> related)
    {
        PrimaryColour = ReadableColour("primaryColour", primary);
        AccentColour = ReadableColour("accentColour", accent);
        ContactPhone = Blank(phone);
        ContactEmail = Blank(email) is { } mail ? (MailAddress.TryCreate(mail, out var parsed) && parsed.Address == mail ? mail : throw ValidationFailedException.For("contactEmail", T.Get("Branding.EmailInvalid"))) : null;
        ContactHours = Blank(hours);
        LegalNoticeText = Blank(legalText);
        LegalNoticeUrl = WebAddress("legalNoticeUrl", legalUrl);
        if (related.Count > MaxRelatedItems)
        {
            throw ValidationFailedException.For("related", T.Format("Branding.TooManyRelated", MaxRelatedItems));
        }

        var items = related.Select((r, i) => Checked(r, $"related[{i}]")).ToList();
        _related.Clear();
        _related.AddRange(items);
        Version++;
    }

    /// <summary>A PNG or SVG logo, checked by its content and not only by the name it came with.</summary>
    public void ReplaceLogo(string contentType, byte[] content)
    {
        if (content.Length is 0 or > MaxLogoBytes)
        {
            throw ValidationFailedException.For("logo", T.Format("Branding.LogoSize", MaxLogoBytes / 1024));
        }

        var isLogo = contentType switch
        {
            "image/png" => content.AsSpan().StartsWith(PngSignature),
            "image/svg+xml" => IsPlainSvg(content),
            _ => false,
        };
        if (!isLogo)
        {
            throw ValidationFailedException.For("logo", T.Get("Branding.LogoType"));
        }

        (LogoContentType, Logo) = (contentType, content);
        Version++;
    }

    public void RemoveLogo()
    {
        (LogoContentType, Logo) = (null, null);
        Version++;
    }

    /// <summary>WCAG's contrast ratio of a colour against white.</summary>
    public static double ContrastWithWhite(string hex)
    {
        var rgb = int.Parse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        static double Channel(int value)
        {
            var c = value / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var luminance = 0.2126 * Channel(rgb >> 16 & 0xFF) + 0.7152 * Channel(rgb >> 8 & 0xFF) + 0.0722 * Channel(rgb & 0xFF);
        return 1.05 / (luminance + 0.05);
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Shown only through <img>, where scripts never run; refusing script and event attributes keeps a logo opened on its own harmless too.
    private static bool IsPlainSvg(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        return text.Contains("<svg", StringComparison.OrdinalIgnoreCase) && !UnsafeSvg().IsMatch(text);
    }

    private static string ReadableColour(string field, string value)
    {
        if (!HexColour().IsMatch(value ?? ""))
        {
            throw ValidationFailedException.For(field, T.Get("Branding.ColourInvalid"));
        }

        return ContrastWithWhite(value!) >= 4.5 ? value!.ToUpperInvariant() : throw ValidationFailedException.For(field, T.Get("Branding.ColourContrast"));
    }

    private static RelatedItem Checked(RelatedItem item, string field)
    {
        if (Blank(item.TitleDe) is null)
        {
            throw ValidationFailedException.For(field + ".titleDe", T.Get("Branding.RelatedTitle"));
        }

        var sku = Blank(item.Sku);
        var url = WebAddress(field + ".url", item.Url);
        return (sku is null) == (url is null)
            ? throw ValidationFailedException.For(field, T.Get("Branding.RelatedTarget"))
            : new RelatedItem(sku, url, item.TitleDe.Trim(), Blank(item.TitleEn));
    }

    private static string? WebAddress(string field, string? value) =>
        Blank(value) is not { } url ? null
        : Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? url
        : throw ValidationFailedException.For(field, T.Get("Branding.UrlInvalid"));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColour();

    [GeneratedRegex(@"<script|\son\w+\s*=|javascript:|<foreignObject", RegexOptions.IgnoreCase)]
    private static partial Regex UnsafeSvg();
}
